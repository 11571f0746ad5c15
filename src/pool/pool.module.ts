import { Global, Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { LIVE_OFFERS } from '../health/live-offers';
import { OfferPricingService } from '../pricing/offer-pricing.service';
import { liveOffersBinding } from './live-offers.binding';
import { OFFER_PRICER } from './offer-pricer';
import { OfferStore } from './offer-store';
import { OfferSyncService } from './offer-sync.service';
import { PlacementOutlookService } from './placement-outlook.service';
import { OffersController } from './offers.controller';
import { OffersService } from './offers.service';
import { PoolIndexService } from './pool-index.service';
import { PoolViewService } from './pool-view.service';
import { ProvidersController } from './providers.controller';
import { ProvidersService } from './providers.service';
import { TakenCapacity } from './taken-capacity';

/**
 * The offer pool and its views. Global, because it binds what a lower folder reads of it: LIVE_OFFERS (health),
 * which does not import it.
 */
@Global()
@Module({
  imports: [HealthModule],
  controllers: [OffersController, ProvidersController],
  providers: [
    OfferStore,
    PoolIndexService,
    OfferSyncService,
    PoolViewService,
    OffersService,
    ProvidersService,
    TakenCapacity,
    PlacementOutlookService,
    liveOffersBinding,
    { provide: OFFER_PRICER, useExisting: OfferPricingService },
  ],
  // HealthModule re-exported until the market view (PricingApiModule) moves into pool.
  exports: [HealthModule, OFFER_PRICER, LIVE_OFFERS, PoolIndexService, PoolViewService, OfferSyncService, OffersService, OfferStore, TakenCapacity, PlacementOutlookService],
})
export class PoolModule {}
