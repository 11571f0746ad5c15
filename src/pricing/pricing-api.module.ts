import { Module } from '@nestjs/common';
import { PoolModule } from '../pool/pool.module';
import { PricingMarketController } from './pricing-market.controller';
import { PricingMarketService } from './pricing-market.service';
import { RenderEstimateService } from './render-estimate.service';

/** The pricing endpoints that read the pool (compare, history) and the Render estimator. */
@Module({
  imports: [PoolModule],
  controllers: [PricingMarketController],
  providers: [PricingMarketService, RenderEstimateService],
})
export class PricingApiModule {}
