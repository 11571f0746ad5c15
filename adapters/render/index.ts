import { z } from 'zod';
import { defineAdapterPlugin } from '../sdk';
import { RENDER_MAX_PAGE_SIZE } from './render.client';
import { RENDER_DEFAULT_BASE_URL, RenderAdapter, RenderConfig } from './render.adapter';
import { startRenderSimulator } from './render.simulator';

export { RenderAdapter, RENDER_DEFAULT_BASE_URL } from './render.adapter';
export type { RenderConfig } from './render.adapter';
export { startRenderSimulator } from './render.simulator';

export const renderConfigSchema = z.object({
  /** The real API is https://api.dispersed.com; setting RENDER_BASE_URL is what switches the simulator off. */
  baseUrl: z.string().url().default(RENDER_DEFAULT_BASE_URL),
  publicKey: z.string().min(1, 'RENDER_PUBLIC_KEY is required (pk_…)'),
  secretKey: z.string().min(1, 'RENDER_SECRET_KEY is required'),
  timeoutMs: z.coerce.number().int().positive().default(10_000),
  pageSize: z.coerce.number().int().min(1).max(RENDER_MAX_PAGE_SIZE).default(RENDER_MAX_PAGE_SIZE),
  idempotencyScanPages: z.coerce.number().int().min(1).max(200).default(20),
});

/** Render Compute Network through the Dispersed API (HMAC-signed). */
export const plugin = defineAdapterPlugin<RenderConfig>({
  id: 'render',
  displayName: 'Render Network (Render Compute)',
  version: '1.0.0',
  sdkVersions: [1],
  configSchema: renderConfigSchema,
  endpointKeys: ['baseUrl'],
  create: (config, context) => {
    // Never log the secret key; the public key identifies the account well enough.
    context.logger.info('render adapter created', { baseUrl: config.baseUrl, publicKey: config.publicKey, simulated: context.simulated });
    return new RenderAdapter(config, context);
  },
  startSimulator: startRenderSimulator,
});
