import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { NetworkBreakers } from './network-breakers';
import { NetworkHealthService } from './network-health.service';
import { NetworksController } from './networks.controller';
import { NetworksService } from './networks.service';
import { PlacementRecordReader } from './placement-record.reader';

/**
 * Network health: probes, breakers, scores, the placement record, metrics; /health, /v1/networks and /metrics.
 * It reads the offer pool only through LIVE_OFFERS (live-offers.ts), which PoolModule (global) binds.
 */
@Module({
  controllers: [HealthController, NetworksController, MetricsController],
  providers: [NetworkBreakers, NetworkHealthService, PlacementRecordReader, MetricsService, NetworksService],
  exports: [NetworkBreakers, NetworkHealthService, MetricsService],
})
export class HealthModule {}
