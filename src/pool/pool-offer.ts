import type { NativePrice, OfferSignals } from '../../adapters/sdk';

/** An offer as the pool holds it in memory: resolved, priced in USD, with provenance. */
export interface PoolOffer {
  network: string;
  offerId: string;
  providerId: string;
  providerName: string | null;
  region: string | null;
  country: string | null;
  providerAttributes: Record<string, string> | null;
  gpuLabel: string;
  /** Canonical catalog id. */
  gpuModel: string;
  gpuFamily: string;
  gpuVramGb: number;
  gpuCount: number;
  fixedCount: boolean;
  cpu: number | null;
  memoryGb: number | null;
  diskGb: number | null;
  nativePrice: NativePrice;
  priceKind: 'firm' | 'estimate';
  /** Decimal strings: the money itself. */
  usdPerGpuHour: string;
  usdPerHour: string;
  /** The same price as an exact integer of micro-USD, for ordering (never for arithmetic on money). */
  usdPerGpuHourMicros: number;
  provenance: Record<string, unknown>;
  stale: boolean;
  signals: OfferSignals;
  observedAt: string;
  publishedAt: string;
  /** Epoch ms after which the offer is no longer served. */
  expiresAtMs: number;
}
