// The coordinator's market API (`/v1/native/*`) as the adapter reads it. Validated here because the
// adapter treats the coordinator like any other network: it may be deployed apart, or be a newer version.
import { z } from 'zod';

const decimal = z.string().regex(/^\d+(\.\d+)?$/);

export const marketOfferSchema = z.object({
  offerId: z.string().min(1),
  nodeId: z.string().min(1),
  name: z.string().nullable(),
  gpu: z.object({ model: z.string().min(1), vramMb: z.number().positive(), free: z.number().int().positive(), total: z.number().int().positive() }),
  price: z.object({ amount: decimal, asset: z.string().min(1), per: z.literal('gpu-hour') }),
  signals: z.object({
    online: z.boolean(),
    verified: z.boolean(),
    verificationKind: z.enum(['gpu', 'cpu']).nullable(),
    verificationNote: z.string().nullable(),
    uptime: z.number().min(0).max(1),
    healthScore: z.number().min(0).max(1),
  }),
  lastHeartbeatAt: z.string().nullable(),
  observedAt: z.string(),
});
export type MarketOffer = z.infer<typeof marketOfferSchema>;

export const offersResponseSchema = z.object({ offers: z.array(z.unknown()) });

export const LEASE_STATES = ['queued', 'assigned', 'starting', 'running', 'succeeded', 'failed', 'cancelled', 'expired'] as const;
export type LeaseState = (typeof LEASE_STATES)[number];

export const marketPlacementSchema = z.object({
  placementId: z.string().min(1),
  offerId: z.string(),
  nodeId: z.string(),
  state: z.enum(LEASE_STATES),
  gpus: z.number().int().positive(),
  price: z.object({ amount: decimal, asset: z.string(), per: z.literal('gpu-hour') }),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  exitCode: z.number().int().nullable(),
  message: z.string().nullable(),
});
export type MarketPlacement = z.infer<typeof marketPlacementSchema>;

export const logsResponseSchema = z.object({ lines: z.array(z.string()) });
