// The Akash plugin: configuration from AKASH_* env vars, the adapter, and the built-in simulator.
import { z } from 'zod';
import { defineAdapterPlugin } from '../sdk';
import { AkashAdapter, AkashConfig, DEFAULT_OPEN_ORDERS_PER_GPU } from './akash.adapter';
import { startAkashSimulator } from './akash.simulator';
import { parseAkashSdl } from './sdl/parse-sdl';

export { parseAkashSdl } from './sdl/parse-sdl';
export type { ParseAkashSdlResult, SdlError } from './sdl/parse-sdl';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal number such as 5 or 1.25');

/** No default for baseUrl: its presence means "a real endpoint" (https://console-api.akash.network). */
export const akashConfigSchema = z
  .object({
    baseUrl: z.string().url(),
    apiKey: z.string().min(1).optional(),
    bidWaitMs: z.coerce.number().int().positive().default(60_000),
    bidPollMs: z.coerce.number().int().positive().default(3_000),
    timeoutMs: z.coerce.number().int().positive().default(15_000),
    maxAttempts: z.coerce.number().int().min(1).max(5).default(2),
    defaultDenom: z.enum(['uact', 'uakt']).default('uact'),
    depositUsd: decimal.optional(),
    aktUsd: decimal.optional(),
    defaultCapFactor: decimal.optional(),
    openOrdersPerGpu: z.coerce.number().int().min(1).max(1000).default(DEFAULT_OPEN_ORDERS_PER_GPU),
  })
  .refine((c) => c.defaultDenom !== 'uakt' || c.aktUsd !== undefined, {
    path: ['aktUsd'],
    message: 'AKASH_AKT_USD is required when AKASH_DEFAULT_DENOM=uakt (to turn USD caps into uakt)',
  });

export const plugin = defineAdapterPlugin<AkashConfig>({
  id: 'akash',
  displayName: 'Akash Network',
  version: '1.0.0',
  sdkVersions: [1],
  configSchema: akashConfigSchema,
  endpointKeys: ['baseUrl'],
  create: (config, context) => new AkashAdapter(config, context),
  startSimulator: startAkashSimulator,
  jobFormats: [
    {
      name: 'akash-sdl',
      mediaTypes: ['application/yaml', 'application/x-yaml', 'text/yaml', 'application/vnd.akash.sdl+yaml'],
      parse: (text) => {
        const parsed = parseAkashSdl(text);
        return parsed.ok ? { ok: true, spec: parsed.spec, networkOnly: parsed.multiService, warnings: parsed.warnings } : parsed;
      },
    },
  ],
});
