import { Global, Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { LIVE_OFFERS } from '../health/live-offers';
import { OfferPricingService } from '../pricing/offer-pricing.service';
import { PRICE_MARKET } from '../pricing/price-market';
import { liveOffersBinding } from './live-offers.binding';
import { OFFER_PRICER } from './offer-pricer';
import { OfferStore } from './offer-store';
import { OfferSyncService } from './offer-sync.service';
import { PlacementOutlookService } from './placement-outlook.service';
import { OffersController } from './offers.controller';
import { OffersService } from './offers.service';
import { PoolIndexService } from './pool-index.service';
import { PoolViewService } from './pool-view.service';
import { PricingMarketService } from './pricing-market.service';
import { ProvidersController } from './providers.controller';
import { ProvidersService } from './providers.service';
import { TakenCapacity } from './taken-capacity';

/**
 * The offer pool and its views. Global, because it binds what lower folders read of it: LIVE_OFFERS (health) and
 * PRICE_MARKET (pricing's market data); they do not import it.
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
    PricingMarketService,
    { provide: PRICE_MARKET, useExisting: PricingMarketService },
    { provide: OFFER_PRICER, useExisting: OfferPricingService },
  ],
  exports: [
    OFFER_PRICER,
    LIVE_OFFERS,
    PRICE_MARKET,
    PoolIndexService,
    PoolViewService,
    OfferSyncService,
    OffersService,
    OfferStore,
    TakenCapacity,
    PlacementOutlookService,
  ],
})
export class PoolModule {}
