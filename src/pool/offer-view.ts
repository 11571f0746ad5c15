import type { PlacementOutlook } from './placement-outlook';
import type { PoolOffer } from './pool-offer';

/** What our own record says about placing a job on an offer (see PlacementOutlook), as the API shows it. */
export function placementView(p: PlacementOutlook | undefined) {
  return {
    expectedStartMinutes: p?.expectedStartMs == null ? null : Number((p.expectedStartMs / 60_000).toFixed(2)),
    startSamples: p?.startSamples ?? 0,
    queuedAhead: p?.queuedAhead ?? 0,
    successRate: p?.successRate == null ? null : Number(p.successRate.toFixed(3)),
    successSamples: p?.successSamples ?? 0,
    basis: p?.basis ?? 'none',
  };
}

const UNKNOWN_PLACEMENT_JSON = JSON.stringify(placementView(undefined));

/** The public JSON shape of an offer: normalized price, native price, FX provenance and freshness. */
export function offerView(o: PoolOffer, score: number | undefined, now: Date, placement?: PlacementOutlook) {
  return {
    network: o.network,
    offerId: o.offerId,
    provider: {
      id: o.providerId,
      name: o.providerName,
      region: o.region,
      country: o.country,
      ...(o.providerAttributes ? { attributes: o.providerAttributes } : {}),
    },
    gpu: { model: o.gpuModel, family: o.gpuFamily, label: o.gpuLabel, vramGb: o.gpuVramGb, count: o.gpuCount, fixedCount: o.fixedCount },
    cpu: o.cpu,
    memoryGb: o.memoryGb,
    diskGb: o.diskGb,
    price: {
      usdPerGpuHour: o.usdPerGpuHour,
      usdPerHour: o.usdPerHour,
      kind: o.priceKind,
      stale: o.stale,
      native: o.nativePrice,
      provenance: o.provenance,
    },
    score: score ?? null,
    placement: placementView(placement),
    signals: o.signals,
    observedAt: o.observedAt,
    ageSeconds: ageSeconds(o, now),
    expiresAt: new Date(o.expiresAtMs).toISOString(),
  };
}

function ageSeconds(o: PoolOffer, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - Date.parse(o.observedAt)) / 1000));
}

/** The first moment after `nowMs` at which the offer's ageSeconds may read differently (a rounded second ticks over). */
export function ageChangesAtMs(o: Pick<PoolOffer, 'observedAt'>, nowMs: number): number {
  const observedMs = Date.parse(o.observedAt);
  // Math.round(d / 1000) stays a while d < (a + 0.5) s.
  return observedMs + Math.round((nowMs - observedMs) / 1000) * 1000 + 500;
}

/** The JSON of everything in an offer's view but its score and age, which change between syncs. */
const unchangingJson = new WeakMap<PoolOffer, string>();

/**
 * offerView as JSON text, for listings. A pool offer never changes once indexed (a sync replaces it), so
 * all but its score and age is serialized once per offer, not once per response; a page is then joined text.
 * Same fields and values as offerView; `score` and `ageSeconds` come last.
 */
export function offerViewJson(o: PoolOffer, score: number | undefined, now: Date, placement?: PlacementOutlook): string {
  let unchanging = unchangingJson.get(o);
  if (unchanging === undefined) {
    const { score: _score, ageSeconds: _age, placement: _placement, ...rest } = offerView(o, undefined, now);
    unchanging = JSON.stringify(rest).slice(0, -1);
    unchangingJson.set(o, unchanging);
  }
  const known = placement && (placement.expectedStartMs !== null || placement.successRate !== null || placement.queuedAhead > 0);
  return `${unchanging},"score":${JSON.stringify(score ?? null)},"placement":${known ? JSON.stringify(placementView(placement)) : UNKNOWN_PLACEMENT_JSON},"ageSeconds":${ageSeconds(o, now)}}`;
}
