import { Module } from '@nestjs/common';
import { NetworkBreakers } from '../health/network-breakers';
import { NetworkHealthService } from '../health/network-health.service';
import { MetricsService } from '../health/metrics.service';
import { PlacementRecordReader } from '../health/placement-record.reader';
import { OfferPricingService } from '../pricing/offer-pricing.service';
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

@Module({
  controllers: [OffersController, ProvidersController],
  providers: [
    OfferStore,
    PoolIndexService,
    OfferSyncService,
    NetworkBreakers,
    NetworkHealthService,
    PlacementRecordReader,
    MetricsService,
    PoolViewService,
    OffersService,
    ProvidersService,
    TakenCapacity,
    PlacementOutlookService,
    { provide: OFFER_PRICER, useExisting: OfferPricingService },
  ],
  exports: [OFFER_PRICER, PoolIndexService, PoolViewService, OfferSyncService, NetworkHealthService, NetworkBreakers, MetricsService, OffersService, OfferStore, TakenCapacity, PlacementOutlookService],
})
export class PoolModule {}
