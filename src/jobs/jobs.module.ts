import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module';
import { PoolModule } from '../pool/pool.module';
import { RoutingModule } from '../routing/routing.module';
import { BlockListService } from './block-list.service';
import { DispatcherService } from './dispatcher.service';
import { JobEventStream } from './job-event.stream';
import { JobLogFollow } from './job-log-follow';
import { JobRepository } from './job.repository';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { ReconcilerService } from './reconciler.service';

@Module({
  imports: [HealthModule, PoolModule, RoutingModule],
  controllers: [JobsController],
  providers: [JobRepository, JobsService, BlockListService, DispatcherService, ReconcilerService, JobEventStream, JobLogFollow],
  exports: [JobsService, DispatcherService, ReconcilerService, JobRepository],
})
export class JobsModule {}
