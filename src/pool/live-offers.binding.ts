import type { Provider } from '@nestjs/common';
import { LIVE_OFFERS, LiveOffers } from '../health/live-offers';
import { PoolIndexService } from './pool-index.service';

/** Health's view of the pool (health/live-offers.ts), read from this replica's in-memory index. */
export const liveOffersBinding: Provider = {
  provide: LIVE_OFFERS,
  inject: [PoolIndexService],
  useFactory: (pool: PoolIndexService): LiveOffers => ({
    ofNetwork: (network, nowMs) => pool.index.networkOffers(network).filter((o) => o.expiresAtMs > nowMs),
    revision: () => pool.index.revision,
    indexSize: () => pool.index.size,
  }),
};
