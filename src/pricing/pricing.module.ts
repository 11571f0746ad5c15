import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { FxController } from './fx.controller';
import { FxQuoteStore } from './fx-quote.store';
import { createFxRuntime, FX_RUNTIME, StartOracleSimulators } from './fx-runtime';
import { FxService } from './fx.service';
import { OfferPricingService } from './offer-pricing.service';
import { PricingMarketController } from './pricing-market.controller';
import { RenderEstimateService } from './render-estimate.service';

/**
 * Token→USD quotes (GET /v1/fx) and price normalization. Registered once, globally, by AppModule
 * (`PricingModule.forRoot(config, startOracleSimulators)`, the simulators' factory coming from the simulation
 * wiring); feature modules may list the bare `PricingModule` in their imports. Also the market data API (compare,
 * history: PRICE_MARKET, bound by PoolModule) and the Render estimator.
 */
@Module({})
export class PricingModule {
  static forRoot(config: Pick<AppConfig, 'env' | 'simulation'>, startOracleSimulators?: StartOracleSimulators): DynamicModule {
    return {
      module: PricingModule,
      global: true,
      controllers: [PricingMarketController, FxController],
      providers: [
        { provide: FX_RUNTIME, useFactory: () => createFxRuntime(config, startOracleSimulators) },
        FxQuoteStore,
        FxService,
        OfferPricingService,
        RenderEstimateService,
      ],
      exports: [FxService, OfferPricingService],
    };
  }
}
