// The documented shapes of the pool API (/v1/offers, /v1/providers); the OpenAPI document is generated from
// these, and the every-operation contract test validates live answers against it. Written from offer-view.ts.
import { z } from 'zod';

const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .describe('A decimal string (money is never a float).');

const priceComponentSchema = z.object({
  amount: decimal,
  asset: z.string().describe('USD, USDC, uakt, attoFIL, RENDER, ...'),
  unit: z.enum(['block', 'epoch', 'hour', 'obh']),
  per: z.enum(['gpu', 'offer']),
});

export const nativePriceSchema = priceComponentSchema.extend({
  kind: z.enum(['firm', 'estimate']),
  extras: z.array(priceComponentSchema.extend({ name: z.string() })).optional(),
  source: z.string(),
});

export const placementOutlookSchema = z.object({
  expectedStartMinutes: z.number().nullable(),
  startSamples: z.number().int(),
  queuedAhead: z.number().int(),
  successRate: z.number().nullable(),
  successSamples: z.number().int(),
  basis: z.string().describe('What the outlook rests on (none: nothing recorded yet).'),
});

export const offerViewSchema = z.object({
  network: z.string(),
  offerId: z.string(),
  provider: z.object({
    id: z.string(),
    name: z.string().nullable(),
    region: z.string().nullable(),
    country: z.string().nullable(),
    attributes: z.record(z.string(), z.string()).optional(),
  }),
  gpu: z.object({ model: z.string(), family: z.string(), label: z.string(), vramGb: z.number(), count: z.number().int(), fixedCount: z.boolean() }),
  cpu: z.number().nullable(),
  memoryGb: z.number().nullable(),
  diskGb: z.number().nullable(),
  price: z.object({
    usdPerGpuHour: decimal,
    usdPerHour: decimal,
    kind: z.enum(['firm', 'estimate']),
    stale: z.boolean(),
    native: nativePriceSchema,
    provenance: z.record(z.string(), z.unknown()).describe('How the native price became USD: FX quote, source, publish time.'),
  }),
  score: z.number().nullable(),
  placement: placementOutlookSchema,
  signals: z.object({
    online: z.boolean().optional(),
    uptime: z.number().min(0).max(1).optional(),
    audited: z.boolean().optional(),
    verified: z.boolean().optional(),
    verificationNote: z.string().optional(),
  }),
  observedAt: z.string(),
  ageSeconds: z.number().int().min(0),
  expiresAt: z.string(),
});

export const offerListSchema = z.object({
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  items: z.array(offerViewSchema),
  networks: z
    .array(
      z.object({
        id: z.string(),
        state: z.enum(['healthy', 'degraded', 'down']).describe('From the health score; degraded until first scored.'),
        reason: z.string(),
        offers: z.number().int().describe('Live offers of this network in the pool (all filters but network ignored).'),
        staleOffers: z.number().int().describe('Of those, offers whose price is past its freshness window.'),
      }),
    )
    .describe('Each network the listing covers (the network filter applies), with its state and staleness.'),
  notice: z.string().optional().describe('Present when a known GPU has no offer under these filters.'),
});

const offerSignalsSchema = offerViewSchema.shape.signals;

export const providerSummarySchema = z.object({
  id: z.string().describe('network/providerId'),
  network: z.string(),
  providerId: z.string(),
  name: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  gpus: z.number().int(),
  models: z.array(z.string()),
  cheapestUsdPerGpuHour: decimal,
  score: z.number().nullable(),
  signals: offerSignalsSchema,
});

export const providerListSchema = z.object({ total: z.number().int(), items: z.array(providerSummarySchema) });
export const providerDetailSchema = providerSummarySchema.extend({ offers: z.array(offerViewSchema) });
