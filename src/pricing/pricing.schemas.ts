// The documented shapes of GET /v1/pricing/compare and GET /v1/pricing/history (the OpenAPI document is
// generated from these; the every-operation contract test validates live answers). Written from
// compare-prices.ts, price-history.ts and pool/pricing-market.service.ts.
import { z } from 'zod';

const decimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/)
  .describe('A decimal string (money is never a float).');
const priceSource = z.object({ source: z.string(), formula: z.string() });

const cheapestOfferSchema = z.object({
  network: z.string(),
  offerId: z.string(),
  providerId: z.string(),
  region: z.string().optional(),
  usdPerGpuHour: decimal,
  priceKind: z.enum(['firm', 'estimate']),
  stale: z.boolean(),
  totalUsd: decimal.describe('usdPerGpuHour × count × hours.'),
  provenance: priceSource.optional(),
});

const savingSchema = z.object({
  percent: decimal.describe('(reference − ours) / reference × 100; negative when dearer than the hyperscaler.'),
  usdPerGpuHour: decimal,
});

// A reference row carries its catalog source and age; its fields are the hyperscaler snapshot's (hyperscaler-reference.ts).
const hyperscalerRow = z.looseObject({ provider: z.string(), instanceType: z.string(), region: z.string() });
const hyperscalerReferenceSchema = z.object({
  match: z.enum(['exact', 'family']),
  stale: z.boolean().describe('True when every row is stale: there is no yardstick, only history.'),
  usdPerGpuHour: decimal.optional(),
  cheapest: hyperscalerRow.optional(),
  maxAgeDays: z.number(),
  rows: z.array(hyperscalerRow),
});

const networkPriceSummarySchema = z.object({
  network: z.string(),
  offers: z.number().int(),
  availableGpus: z.number().int(),
  minUsdPerGpuHour: decimal,
  medianUsdPerGpuHour: decimal,
  p90UsdPerGpuHour: decimal,
  cheapest: cheapestOfferSchema,
  firmOffers: z.number().int(),
  estimateOffers: z.number().int(),
  staleOffers: z.number().int(),
  freshness: z.object({ oldestObservedAt: z.string(), newestObservedAt: z.string() }),
  savingVsHyperscaler: savingSchema.optional(),
  unconfirmedFxFeeds: z.array(z.string()),
  offersOnUnconfirmedFx: z.number().int(),
});

export const networkAvailabilitySchema = z.object({
  id: z.string(),
  state: z.enum(['healthy', 'degraded', 'down']),
  reason: z.string(),
  offers: z.number().int(),
  staleOffers: z.number().int(),
  includedInComparison: z.boolean().describe('False when left out of the comparison (and so of "cheapest").'),
  leftOutBecause: z.string().optional(),
});

export const priceComparisonSchema = z.object({
  query: z.object({ count: z.number().int(), hours: z.number(), gpuModels: z.array(z.string()).optional(), region: z.string().optional() }),
  gpus: z.array(
    z.object({
      gpuModel: z.string(),
      gpuVramGb: z.number(),
      networks: z.array(networkPriceSummarySchema),
      cheapest: cheapestOfferSchema,
      hyperscaler: hyperscalerReferenceSchema.optional(),
      savingVsHyperscaler: savingSchema.optional(),
    }),
  ),
  withoutOffers: z.array(z.object({ gpuModel: z.string(), gpuVramGb: z.number(), reason: z.string(), hyperscaler: hyperscalerReferenceSchema.optional() })),
  hyperscalerSources: z.object({
    sources: z.array(z.looseObject({ id: z.string(), provider: z.string(), catalog: z.string(), observedAt: z.string() })),
    gaps: z.array(z.object({ provider: z.string(), reason: z.string() })),
  }),
  networks: z
    .array(networkAvailabilitySchema)
    .describe("Each network's state and staleness; down or all-stale networks are left out unless includeUnavailable."),
});

export const priceHistorySchema = z.object({
  query: z.object({
    gpuModels: z.array(z.string()),
    network: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    bucket: z.enum(['hour', 'day', 'week']),
  }),
  points: z.array(
    z.object({
      network: z.string(),
      gpuModel: z.string(),
      start: z.string(),
      end: z.string(),
      minUsd: decimal,
      medianUsd: decimal,
      maxUsd: decimal,
      count: z.number().int(),
    }),
  ),
});

export const renderEstimateSchema = z.object({
  obh: decimal.describe('The work in OctaneBench-hours.'),
  tier: z.union([z.literal(2), z.literal(3)]),
  obhPerRenderCredit: decimal,
  renderCredits: decimal.describe('RENDER credits, rounded up to 8 decimals.'),
  usd: decimal.describe('renderCredits × the RENDER/USD price, exact.'),
  fx: z.object({ asset: z.literal('RENDER'), quote: z.literal('USD'), price: decimal, source: z.string(), publishTime: z.string() }),
  assumptions: z.array(z.string()),
  gpu: z.string().nullable().describe('The catalog GPU the work was sized from, when given.'),
  fxStale: z.boolean(),
  fxUnconfirmedFeeds: z.array(z.string()),
});
