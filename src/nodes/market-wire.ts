// The market API the native adapter calls (`/v1/native/*`): plain JSON, money as decimal strings.
import type { LeaseState } from './entities/node-lease.entity';

export interface MarketOffer {
  offerId: string;
  nodeId: string;
  name: string | null;
  gpu: { model: string; vramMb: number; free: number; total: number };
  price: { amount: string; asset: string; per: 'gpu-hour' };
  signals: { online: boolean; verified: boolean; verificationKind: 'gpu' | 'cpu' | null; verificationNote: string | null; uptime: number; healthScore: number };
  lastHeartbeatAt: string | null;
  observedAt: string;
}

export interface MarketPlacement {
  placementId: string;
  offerId: string;
  nodeId: string;
  state: LeaseState;
  gpus: number;
  price: { amount: string; asset: string; per: 'gpu-hour' };
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  message: string | null;
}

/** Offer ids are `<node id>:<model slug>`: one offer per GPU model on a node. */
export const modelSlug = (model: string) =>
  model
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
export const offerIdFor = (nodeId: string, model: string) => `${nodeId}:${modelSlug(model)}`;
export function parseOfferId(offerId: string): { nodeId: string; slug: string } | undefined {
  const i = offerId.indexOf(':');
  if (i <= 0 || i === offerId.length - 1) return undefined;
  return { nodeId: offerId.slice(0, i), slug: offerId.slice(i + 1) };
}
