// Integrity checks on a network's snapshot before it is published (pure): every record either becomes a
// priced, resolved PoolOffer, or is quarantined with its reason. Nothing is dropped silently.
import Decimal from 'decimal.js';
import type { NativePrice, Offer, QuarantinedRecord } from '../../adapters/sdk';
import { toMicros } from '../pricing/money';
import type { PoolOffer } from './pool-offer';

export type GpuResolver = (gpu: {
  label: string;
  vramGb?: number;
  interface?: string;
  vendor?: string;
}) => { ok: true; id: string; family: string; vramGb: number; octaneBench?: number } | { ok: false; reason: string };

export type PriceNormalizer = (input: {
  price: NativePrice;
  gpuCount: number;
  octaneBench?: number;
  observedAt: string;
  now: Date;
}) => { ok: true; usdPerGpuHour: string; usdPerHour: string; provenance: Record<string, unknown>; stale: boolean } | { ok: false; reason: string };

export interface SnapshotCheckInput {
  network: string;
  offers: Offer[];
  /** Records the adapter itself could not read. */
  quarantined: QuarantinedRecord[];
  resolveGpu: GpuResolver;
  normalize: PriceNormalizer;
  now: Date;
  offerTtlMs: number;
  maxGpusPerOffer?: number;
}

export interface SnapshotCheckResult {
  accepted: PoolOffer[];
  quarantined: Array<QuarantinedRecord & { offerId?: string }>;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const NONZERO_DIGIT = /[1-9]/;

export function checkSnapshot(input: SnapshotCheckInput): SnapshotCheckResult {
  const accepted: PoolOffer[] = [];
  const quarantined: SnapshotCheckResult['quarantined'] = [...input.quarantined];
  const seen = new Set<string>();
  const maxGpus = input.maxGpusPerOffer ?? 1024;
  const publishedAt = input.now.toISOString();
  const expiresAtMs = input.now.getTime() + input.offerTtlMs;

  for (const offer of input.offers) {
    if (offer.network !== input.network) {
      quarantine(quarantined, offer, `offer claims network "${offer.network}"`);
      continue;
    }
    if (!offer.offerId || seen.has(offer.offerId)) {
      quarantine(quarantined, offer, offer.offerId ? `duplicate offer id ${offer.offerId}` : 'missing offer id');
      continue;
    }
    if (!Number.isInteger(offer.gpu?.count) || offer.gpu.count < 1 || offer.gpu.count > maxGpus) {
      quarantine(quarantined, offer, `impossible GPU count ${offer.gpu?.count} (expected 1..${maxGpus})`);
      continue;
    }
    const amount = offer.price?.amount;
    if (typeof amount !== 'string' || !isPositive(amount)) {
      quarantine(quarantined, offer, `non-positive or malformed price ${JSON.stringify(amount)}`);
      continue;
    }
    if (Number.isNaN(Date.parse(offer.observedAt))) {
      quarantine(quarantined, offer, `invalid observedAt ${JSON.stringify(offer.observedAt)}`);
      continue;
    }
    const gpu = input.resolveGpu(offer.gpu);
    if (!gpu.ok) {
      quarantine(quarantined, offer, gpu.reason);
      continue;
    }
    const priced = input.normalize({
      price: offer.price,
      gpuCount: offer.gpu.count,
      octaneBench: gpu.octaneBench,
      observedAt: offer.observedAt,
      now: input.now,
    });
    if (!priced.ok) {
      quarantine(quarantined, offer, `price cannot be normalized: ${priced.reason}`);
      continue;
    }
    const usd = priced.usdPerGpuHour;
    if (DECIMAL.test(usd) ? !NONZERO_DIGIT.test(usd) : new Decimal(usd).lte(0)) {
      quarantine(quarantined, offer, `normalized price ${priced.usdPerGpuHour} USD/GPU-hour is not positive`);
      continue;
    }
    seen.add(offer.offerId);
    accepted.push({
      network: offer.network,
      offerId: offer.offerId,
      providerId: offer.provider.id,
      providerName: offer.provider.name ?? null,
      region: offer.provider.region ?? null,
      country: offer.provider.country ?? null,
      providerAttributes: offer.provider.attributes ?? null,
      gpuLabel: offer.gpu.label,
      gpuModel: gpu.id,
      gpuFamily: gpu.family,
      gpuVramGb: gpu.vramGb,
      gpuCount: offer.gpu.count,
      fixedCount: offer.gpu.fixedCount ?? false,
      cpu: offer.cpu ?? null,
      memoryGb: offer.memoryGb ?? null,
      diskGb: offer.diskGb ?? null,
      nativePrice: offer.price,
      priceKind: offer.price.kind,
      usdPerGpuHour: priced.usdPerGpuHour,
      usdPerHour: priced.usdPerHour,
      usdPerGpuHourMicros: toMicros(priced.usdPerGpuHour),
      provenance: priced.provenance,
      stale: priced.stale,
      signals: offer.signals ?? {},
      observedAt: offer.observedAt,
      publishedAt,
      expiresAtMs,
    });
  }
  return { accepted, quarantined };
}

/** The offer set apart with its reason (a function of its own: no closure is made for each offer checked). */
function quarantine(quarantined: SnapshotCheckResult['quarantined'], offer: Offer, reason: string): void {
  quarantined.push({ reason, raw: offer.raw ?? offer, offerId: offer.offerId });
}

/** A plain decimal string (digits, an optional fraction) above zero: one of its digits is not 0. */
function isPositive(amount: string): boolean {
  return DECIMAL.test(amount) && NONZERO_DIGIT.test(amount);
}
