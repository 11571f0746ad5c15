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
