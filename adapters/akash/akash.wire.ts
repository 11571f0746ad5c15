// Zod schemas for the Akash Console API, from the console source (apps/api: provider.schema.ts,
// gpu.schema.ts, deployment.schema.ts, bid.schema.ts, lease.schema.ts). Only the fields the adapter reads
// are required; everything else passes through untouched for `raw`.
import { z } from 'zod';

const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal string');
const resourceStat = z.object({ active: z.number(), available: z.number(), pending: z.number(), total: z.number() }).partial();

export const decCoinSchema = z.object({ denom: z.string().min(1), amount: decimalString });
export type DecCoin = z.infer<typeof decCoinSchema>;

// ---- discovery (no auth) -------------------------------------------------------------------------

/** GET /v1/providers answers a bare array; records are checked one by one so one bad record is quarantined. */
export const providersResponseSchema = z.array(z.unknown());

export const providerGpuModelSchema = z.looseObject({
  vendor: z.string().min(1),
  model: z.string().min(1),
  ram: z.string().nullish(),
  interface: z.string().nullish(),
});

export const providerSchema = z.looseObject({
  owner: z.string().regex(/^akash1[0-9a-z]+$/, 'expected an akash1… address'),
  name: z.string().nullish(),
  hostUri: z.string().nullish(),
  isOnline: z.boolean(),
  isAudited: z.boolean().nullish(),
  isValidVersion: z.boolean().nullish(),
  uptime1d: z.number().min(0).max(1).nullish(),
  uptime7d: z.number().min(0).max(1).nullish(),
  uptime30d: z.number().min(0).max(1).nullish(),
  ipRegion: z.string().nullish(),
  ipRegionCode: z.string().nullish(),
  ipCountry: z.string().nullish(),
  ipCountryCode: z.string().nullish(),
  locationRegion: z.string().nullish(),
  country: z.string().nullish(),
  tier: z.string().nullish(),
  stats: z.looseObject({
    gpu: resourceStat,
    cpu: resourceStat.optional(),
    memory: resourceStat.optional(),
    storage: z.looseObject({ ephemeral: resourceStat.optional(), persistent: resourceStat.optional(), total: resourceStat.optional() }).optional(),
  }),
  gpuModels: z.array(providerGpuModelSchema).nullish(),
  attributes: z.array(z.looseObject({ key: z.string(), value: z.string() })).nullish(),
});
export type AkashProvider = z.infer<typeof providerSchema>;

const priceStats = z.looseObject({
  currency: z.string(),
  min: z.number(),
  max: z.number(),
  avg: z.number(),
  weightedAverage: z.number(),
  med: z.number(),
});

export const gpuPriceModelSchema = z.looseObject({
  vendor: z.string(),
  model: z.string(),
  ram: z.string().nullish(),
  interface: z.string().nullish(),
  availability: z.object({ total: z.number(), available: z.number() }),
  providerAvailability: z.object({ total: z.number(), available: z.number() }).optional(),
  price: priceStats.nullable(),
});
export type GpuPriceModel = z.infer<typeof gpuPriceModelSchema>;

export const gpuPricesResponseSchema = z.looseObject({
  availability: z.object({ total: z.number(), available: z.number() }),
  models: z.array(gpuPriceModelSchema),
});
export type GpuPricesResponse = z.infer<typeof gpuPricesResponseSchema>;

export const gpuModelsResponseSchema = z.array(z.looseObject({ name: z.string(), models: z.array(z.looseObject({ name: z.string() })) }));

// ---- managed wallet (x-api-key), envelopes `{ data: ... }` ---------------------------------------------

export const createDeploymentResponseSchema = z.object({
  data: z.looseObject({ dseq: z.string().regex(/^\d+$/), manifest: z.string(), signTx: z.looseObject({}).optional() }),
});

const bidIdSchema = z.object({
  owner: z.string(),
  dseq: z.string(),
  gseq: z.number().int(),
  oseq: z.number().int(),
  provider: z.string(),
  bseq: z.number().int().default(0),
});

export const bidSchema = z.looseObject({
  bid: z.looseObject({
    id: bidIdSchema,
    state: z.string(),
    price: decCoinSchema,
    created_at: z.string().optional(),
  }),
  escrow_account: z.looseObject({}).optional(),
});
export type AkashBid = z.infer<typeof bidSchema>;
export const bidsResponseSchema = z.object({ data: z.array(bidSchema) });

const serviceStatusSchema = z.looseObject({
  name: z.string(),
  available: z.number(),
  total: z.number(),
  uris: z.array(z.string()).nullish(),
  ready_replicas: z.number().optional(),
  available_replicas: z.number().optional(),
});

export const leaseStatusSchema = z.looseObject({
  forwarded_ports: z.record(z.string(), z.array(z.looseObject({ port: z.number(), externalPort: z.number(), host: z.string().nullish() }))).nullish(),
  ips: z.record(z.string(), z.array(z.looseObject({}))).nullish(),
  services: z.record(z.string(), serviceStatusSchema).nullish(),
});
export type LeaseStatus = z.infer<typeof leaseStatusSchema>;

export const leaseSchema = z.looseObject({
  id: bidIdSchema,
  state: z.string(),
  price: decCoinSchema,
  created_at: z.string().optional(),
  closed_on: z.string().nullish(),
  reason: z.string().nullish(),
  status: leaseStatusSchema.nullish(),
});
export type AkashLease = z.infer<typeof leaseSchema>;

export const deploymentSchema = z.looseObject({
  deployment: z.looseObject({
    id: z.object({ owner: z.string(), dseq: z.string() }),
    state: z.string(),
    hash: z.string(),
    created_at: z.string().optional(),
  }),
  leases: z.array(leaseSchema),
  escrow_account: z.looseObject({}).optional(),
});
export type AkashDeployment = z.infer<typeof deploymentSchema>;
export const deploymentResponseSchema = z.object({ data: deploymentSchema });

export const deploymentListResponseSchema = z.object({
  data: z.object({
    deployments: z.array(deploymentSchema),
    pagination: z.looseObject({ total: z.number(), skip: z.number(), limit: z.number(), hasMore: z.boolean() }),
  }),
});

export const closeDeploymentResponseSchema = z.object({ data: z.looseObject({ success: z.boolean() }) });

/** POST /v1/leases body: the one managed-wallet request WITHOUT a `data` envelope. */
export interface CreateLeaseBody {
  manifest: string;
  leases: Array<{ dseq: string; gseq: number; oseq: number; provider: string }>;
}
