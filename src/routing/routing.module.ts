import { Module } from '@nestjs/common';
import { PoolModule } from '../pool/pool.module';
import { QuoteService } from './quote.service';
import { QuotesController } from './quotes.controller';
import { QuotesService } from './quotes.service';

/** Routing over the in-memory pool: the quote service the dispatcher routes with, job understanding, POST /v1/quotes. */
@Module({
  imports: [PoolModule],
  controllers: [QuotesController],
  providers: [QuoteService, QuotesService],
  exports: [QuoteService, QuotesService],
})
export class RoutingModule {}
