// The documented shapes of the networks API and /health (the OpenAPI document is generated from these).
import { z } from 'zod';

export const networkViewSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  plugin: z.object({ specifier: z.string(), version: z.string().nullable().optional() }),
  simulated: z.boolean(),
  mode: z.string(),
  capabilities: z.object({ submit: z.boolean(), logs: z.boolean(), ipfsInputs: z.boolean(), multiService: z.boolean(), ports: z.boolean() }),
  supplyRequirements: z.string().nullable().describe('What supply must carry for this network to price and verify it (e.g. Bacalhau node labels).'),
  state: z.enum(['healthy', 'degraded', 'down']).describe('From the health score; degraded until first scored.'),
  reason: z.string(),
  score: z.number().nullable(),
  scoreParts: z.record(z.string(), z.unknown()).nullable(),
  breaker: z.enum(['closed', 'open', 'half-open']),
  lastSync: z
    .object({
      startedAt: z.string().nullable(),
      finishedAt: z.string().nullable(),
      ok: z.boolean().nullable(),
      durationMs: z.number().nullable(),
      offers: z.number(),
      quarantined: z.number(),
      error: z.string().nullable(),
      lastGoodAt: z.string().nullable(),
    })
    .nullable(),
  offers: z.number().int(),
  gpus: z.number().int(),
});
export const networkListSchema = z.object({
  items: z.array(networkViewSchema),
  notConfigured: z
    .array(z.object({ id: z.string(), displayName: z.string(), offers: z.number().int(), lastSyncAt: z.string().nullable(), note: z.string() }))
    .describe('Networks this database knew that NETWORKS no longer loads: their offers left the pool when the service started.'),
});
export const networkDetailSchema = networkViewSchema.extend({
  recentQuarantine: z.array(z.object({ reason: z.string(), at: z.string(), raw: z.unknown() })),
});
export const networkIdParams = z.object({ id: z.string().max(64) });
export const liveSchema = z.object({ status: z.literal('ok') });
export const readySchema = z.object({ status: z.literal('ready'), database: z.literal('ok'), migrations: z.literal('applied') });
export const networkHealthHistorySchema = z.object({
  network: z.string(),
  from: z.string(),
  to: z.string(),
  samples: z
    .array(
      z.object({
        at: z.string(),
        score: z.number(),
        state: z.enum(['healthy', 'degraded', 'down']),
        reason: z.string().nullable(),
        parts: z.record(z.string(), z.unknown()).nullable().describe('The score parts, as GET /v1/networks/{id} shows them.'),
      }),
    )
    .describe('Oldest first, at most 5000.'),
});
