// The market data pricing serves (GET /v1/pricing/compare, /v1/pricing/history): a view over the offer pool and
// network health, both above pricing (LAYERS). Pricing owns the interface and its controller; PoolModule binds it
// (pool/pricing-market.service.ts).
import type { PriceComparison } from './compare-prices';
import type { PriceHistoryBucket, PriceHistoryPoint } from './price-history';

export interface NetworkAvailability {
  id: string;
  state: 'healthy' | 'degraded' | 'down';
  reason: string;
  offers: number;
  staleOffers: number;
  /** False when left out of the comparison (and so of "cheapest"): see leftOutBecause. */
  includedInComparison: boolean;
  leftOutBecause?: string;
}

export interface PriceComparisonRequest {
  gpu?: string[];
  count?: number;
  region?: string;
  hours?: number;
  includeUnavailable?: boolean;
}

export interface PriceHistoryRequest {
  gpu: string[];
  network?: string;
  from: Date;
  to: Date;
  bucket: PriceHistoryBucket;
}

export interface PriceHistory {
  query: { gpuModels: string[]; network: string | null; from: Date; to: Date; bucket: PriceHistoryBucket };
  points: PriceHistoryPoint[];
}

export interface PriceMarket {
  /** The comparison over live offers, with each network's state and staleness. */
  compare(q: PriceComparisonRequest): PriceComparison & { networks: NetworkAvailability[] };
  /** The same comparison as JSON text, serialized once per cached comparison rather than once per response. */
  compareJson(q: PriceComparisonRequest): string;
  /** Price history from the aggregates stored at every sync. */
  history(q: PriceHistoryRequest): Promise<PriceHistory>;
}

/** The Nest injection token for PriceMarket (provided by PoolModule). */
export const PRICE_MARKET = Symbol('PRICE_MARKET');
