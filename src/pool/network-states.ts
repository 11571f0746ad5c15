// Each network's state and staleness as a listing shows it (GET /v1/offers `networks`), like the comparison
// does: live and stale offer counts per network, counted once per index revision and again when the first counted
// offer expires (expiry moves with the clock), with the health state and reason read fresh from the health cache.
import type { OfferIndex } from './offer-index';
import type { PoolOffer } from './pool-offer';

/** Live and stale offers per network, and when the first of them expires: until then the counts stay true. */
export interface LiveCounts {
  byNetwork: Map<string, { offers: number; staleOffers: number }>;
  validUntilMs: number;
}

/** Counts the offers still live at `nowMs` per network (in the order networks first appear), in one pass. */
export function countLiveOffers(offers: Iterable<Pick<PoolOffer, 'network' | 'stale' | 'expiresAtMs'>>, nowMs: number): LiveCounts {
  const byNetwork = new Map<string, { offers: number; staleOffers: number }>();
  let validUntilMs = Number.POSITIVE_INFINITY;
  for (const o of offers) {
    if (o.expiresAtMs <= nowMs) continue;
    let c = byNetwork.get(o.network);
    if (!c) byNetwork.set(o.network, (c = { offers: 0, staleOffers: 0 }));
    c.offers++;
    if (o.stale) c.staleOffers++;
    if (o.expiresAtMs < validUntilMs) validUntilMs = o.expiresAtMs;
  }
  return { byNetwork, validUntilMs };
}

export interface NetworkListingState {
  id: string;
  state: 'healthy' | 'degraded' | 'down';
  reason: string;
  offers: number;
  staleOffers: number;
}

export class NetworkStates {
  private counts?: { revision: number; validUntilMs: number; byNetwork: Map<string, { offers: number; staleOffers: number }> };

  of(
    index: OfferIndex,
    health: (network: string) => { state: 'healthy' | 'degraded' | 'down'; reason: string } | undefined,
    nowMs: number,
    only?: ReadonlySet<string>,
  ): NetworkListingState[] {
    const counts = this.countsOf(index, nowMs);
    return [...counts]
      .filter(([id, c]) => c.offers > 0 && (!only || only.has(id)))
      .map(([id, c]) => {
        const h = health(id);
        return { id, state: h?.state ?? 'degraded', reason: h?.reason ?? 'not scored yet', offers: c.offers, staleOffers: c.staleOffers };
      });
  }

  private countsOf(index: OfferIndex, nowMs: number): Map<string, { offers: number; staleOffers: number }> {
    const hit = this.counts;
    if (hit && hit.revision === index.revision && nowMs < hit.validUntilMs) return hit.byNetwork;
    // The counts hold until the pool changes or the first counted offer expires (no walk of the pool every second).
    const live = countLiveOffers(
      (function* () {
        for (const id of index.networks()) yield* index.networkOffers(id);
      })(),
      nowMs,
    );
    this.counts = { revision: index.revision, ...live };
    return live.byNetwork;
  }
}
