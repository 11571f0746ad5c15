import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from '../common/clock';
import { PoolModule } from '../pool/pool.module';
import { QuoteService } from '../routing/quote.service';
import { QuotesController } from '../routing/quotes.controller';
import { BlockListService } from './block-list.service';
import { DispatcherService } from './dispatcher.service';
import { JobEventStream } from './job-event.stream';
import { JobLogFollow } from './job-log-follow';
import { JobRepository } from './job.repository';
import { JobsController } from './jobs.controller';
import { JobsService } from './jobs.service';
import { ReconcilerService } from './reconciler.service';

@Module({
  imports: [PoolModule],
  controllers: [JobsController, QuotesController],
  providers: [{ provide: CLOCK, useValue: systemClock }, JobRepository, JobsService, QuoteService, BlockListService, DispatcherService, ReconcilerService, JobEventStream, JobLogFollow],
  exports: [JobsService, QuoteService, DispatcherService, ReconcilerService, JobRepository],
})
export class JobsModule {}
