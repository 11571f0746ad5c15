// Each network's state and staleness as a listing shows it (GET /v1/offers `networks`), like the comparison
// does: live and stale offer counts per network, counted once per index revision and again when the first counted
// offer expires (expiry moves with the clock), with the health state and reason read fresh from the health cache.
import type { OfferIndex } from './offer-index';

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
    const byNetwork = new Map<string, { offers: number; staleOffers: number }>();
    // The counts hold until the pool changes or the first counted offer expires (no walk of the pool every second).
    let firstExpiryMs = Number.POSITIVE_INFINITY;
    for (const id of index.networks()) {
      let offers = 0;
      let staleOffers = 0;
      for (const o of index.networkOffers(id)) {
        if (o.expiresAtMs <= nowMs) continue;
        offers++;
        if (o.stale) staleOffers++;
        if (o.expiresAtMs < firstExpiryMs) firstExpiryMs = o.expiresAtMs;
      }
      byNetwork.set(id, { offers, staleOffers });
    }
    this.counts = { revision: index.revision, validUntilMs: firstExpiryMs, byNetwork };
    return byNetwork;
  }
}
