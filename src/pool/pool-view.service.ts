import { Injectable } from '@nestjs/common';
import { NetworkHealthService } from '../health/network-health.service';
import { offerScore } from '../health/offer-score';
import type { PlacementOutlook } from './placement-outlook';
import { PlacementOutlookService } from './placement-outlook.service';
import type { PoolOffer } from './pool-offer';
import { PoolIndexService } from './pool-index.service';

/** The pool as the read paths see it: live offers with their health scores, from memory only. */
@Injectable()
export class PoolViewService {
  private live?: { index: object; revision: number; untilMs: number };

  constructor(
    readonly pool: PoolIndexService,
    private readonly health: NetworkHealthService,
    private readonly outlook: PlacementOutlookService,
  ) {}

  /** Expected time to placement and placement success from our own record. */
  outlookOf = (offer: PoolOffer): PlacementOutlook => this.outlook.of(offer);

  scoreOf = (offer: PoolOffer): number => {
    const network = this.health.cached().get(offer.network);
    return offerScore(network?.score ?? 0.75, offer.signals, this.health.cachedProviderRecord(offer.network, offer.providerId));
  };

  /**
   * Everything a read of this view depends on but the clock: the index and its revision, the health scores, the
   * placement record per provider and the placement outlook's book. Each is a revision or a snapshot that a refresh
   * replaces rather than changes, so an answer made under an equal stamp (compared value by value, AnswerCache) is
   * the answer the view gives now, until the clock moves past what the answer itself depends on.
   */
  stamp(): readonly unknown[] {
    const index = this.pool.index;
    return [index, index.revision, this.health.cached(), this.health.cachedProviderRecords(), this.outlook.currentBook];
  }

  /**
   * Until when no live offer of the pool expires (as of `nowMs`): before then the clock removes nothing from any read
   * of the pool. Found by one walk of the pool per revision, and again each time that first expiry passes.
   */
  liveUntilMs(nowMs: number): number {
    const index = this.pool.index;
    const hit = this.live;
    if (hit && hit.index === index && hit.revision === index.revision && nowMs < hit.untilMs) return hit.untilMs;
    let untilMs = Number.POSITIVE_INFINITY;
    for (const o of index.rawAll()) if (o.expiresAtMs > nowMs && o.expiresAtMs < untilMs) untilMs = o.expiresAtMs;
    this.live = { index, revision: index.revision, untilMs };
    return untilMs;
  }

  networkScore(network: string): number | undefined {
    return this.health.cached().get(network)?.score;
  }

  /** The network's health state and why (undefined until first scored). */
  networkHealth(network: string): { state: 'healthy' | 'degraded' | 'down'; reason: string } | undefined {
    const h = this.health.cached().get(network);
    return h && { state: h.state, reason: h.reason };
  }

  networkState(network: string): 'healthy' | 'degraded' | 'down' | undefined {
    return this.health.cached().get(network)?.state;
  }
}
