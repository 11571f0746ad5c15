// The Akash plugin: configuration from AKASH_* env vars, the adapter, and the built-in simulator.
import { z } from 'zod';
import { defineAdapterPlugin } from '../sdk';
import { AkashAdapter, AkashConfig, DEFAULT_OPEN_ORDERS_PER_GPU } from './akash.adapter';
import { CONSOLE_AUDITORS } from './akash.placement';
import { startAkashSimulator } from './akash.simulator';
import { parseAkashSdl } from './sdl/parse-sdl';

export { parseAkashSdl } from './sdl/parse-sdl';
export type { ParseAkashSdlResult, SdlError } from './sdl/parse-sdl';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal number such as 5 or 1.25');

/** No default for baseUrl: its presence means "a real endpoint" (https://console-api.akash.network). */
export const akashConfigSchema = z.object({
  baseUrl: z.string().url(),
  apiKey: z.string().min(1).optional(),
  bidWaitMs: z.coerce.number().int().positive().default(60_000),
  bidPollMs: z.coerce.number().int().positive().default(3_000),
  timeoutMs: z.coerce.number().int().positive().default(15_000),
  maxAttempts: z.coerce.number().int().min(1).max(5).default(2),
  // The Console rewrites every SDL price to its grant denom (uact on mainnet) before broadcasting
  // (console @ d84c9e93: apps/api/src/deployment/services/sdl/sdl.service.ts): a uakt cap would be read as
  // uact and every bid refused, so only uact is accepted.
  defaultDenom: z
    .string()
    .default('uact')
    .refine((d) => d === 'uact', {
      error: (issue) =>
        `AKASH_DEFAULT_DENOM=${String(issue.input)} cannot be honoured: the Akash Console rewrites every SDL price to its grant denom uact before broadcasting, so caps and bids are in uact; set AKASH_DEFAULT_DENOM=uact or leave it unset`,
    })
    .transform(() => 'uact' as const),
  // The Console's DEPLOYMENT_DEFAULT_DEPOSIT; it asserts "deposit is required" unless its managed deposit is on.
  depositUsd: decimal.default('0.5'),
  // MANAGED_WALLET_LEASE_ALLOWED_AUDITORS as the Console is configured (comma-separated; empty: no audit rule).
  auditors: z
    .union([z.string(), z.array(z.string())])
    .default([...CONSOLE_AUDITORS])
    .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((a) => a.trim()).filter(Boolean)),
  defaultCapFactor: decimal.optional(),
  openOrdersPerGpu: z.coerce.number().int().min(1).max(1000).default(DEFAULT_OPEN_ORDERS_PER_GPU),
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
