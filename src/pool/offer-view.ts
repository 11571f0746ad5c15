import type { PoolOffer } from './pool-offer';

/** The public JSON shape of an offer: normalized price, native price, FX provenance and freshness. */
export function offerView(o: PoolOffer, score: number | undefined, now: Date) {
  return {
    network: o.network,
    offerId: o.offerId,
    provider: { id: o.providerId, name: o.providerName, region: o.region, country: o.country, ...(o.providerAttributes ? { attributes: o.providerAttributes } : {}) },
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
    signals: o.signals,
    observedAt: o.observedAt,
    ageSeconds: ageSeconds(o, now),
    expiresAt: new Date(o.expiresAtMs).toISOString(),
  };
}

function ageSeconds(o: PoolOffer, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - Date.parse(o.observedAt)) / 1000));
}

/** The JSON of everything in an offer's view but its score and age, which change between syncs. */
const unchangingJson = new WeakMap<PoolOffer, string>();

/**
 * offerView as JSON text, for listings. A pool offer never changes once indexed (a sync replaces it), so
 * all but its score and age is serialized once per offer, not once per response; a page is then joined text.
 * Same fields and values as offerView; `score` and `ageSeconds` come last.
 */
export function offerViewJson(o: PoolOffer, score: number | undefined, now: Date): string {
  let unchanging = unchangingJson.get(o);
  if (unchanging === undefined) {
    const { score: _score, ageSeconds: _age, ...rest } = offerView(o, undefined, now);
    unchanging = JSON.stringify(rest).slice(0, -1);
    unchangingJson.set(o, unchanging);
  }
  return `${unchanging},"score":${JSON.stringify(score ?? null)},"ageSeconds":${ageSeconds(o, now)}}`;
}
