import { Module } from '@nestjs/common';
import { PoolModule } from '../pool/pool.module';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { NetworksController } from './networks.controller';
import { NetworksService } from './networks.service';

/** The networks API, /health and /metrics; the health scoring itself lives in the pool module's graph. */
@Module({
  imports: [PoolModule],
  controllers: [HealthController, NetworksController, MetricsController],
  providers: [NetworksService],
})
export class HealthModule {}
