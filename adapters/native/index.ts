import { z } from 'zod';
import { defineAdapterPlugin } from '../sdk';
import { NativeAdapter, NativeConfig } from './native.adapter';

export { NativeAdapter } from './native.adapter';
export type { NativeConfig } from './native.adapter';
export { startNativeSimulator } from './native.simulator';

export const nativeConfigSchema = z.object({
  /** The coordinator's base URL (NATIVE_BASE_URL). The host passes its own URL when it runs the coordinator itself. */
  baseUrl: z.string().url(),
  timeoutMs: z.coerce.number().int().positive().default(10_000),
  /** NATIVE_API_KEY: an API key for the coordinator's market API, when it requires one. */
  apiKey: z.string().min(1).optional(),
});

/**
 * Switchyard's own worker nodes. No simulator is offered to the host: the coordinator (src/nodes) is the
 * real network, and the host points this adapter at itself unless NATIVE_BASE_URL names another coordinator.
 */
export const plugin = defineAdapterPlugin<NativeConfig>({
  id: 'native',
  displayName: 'Switchyard native nodes',
  version: '1.0.0',
  sdkVersions: [1],
  configSchema: nativeConfigSchema,
  endpointKeys: ['baseUrl'],
  create: (config, context) => {
    context.logger.info('native adapter created', { baseUrl: config.baseUrl, apiKey: config.apiKey ? '(set)' : '(none)' });
    return new NativeAdapter(config, context);
  },
});
