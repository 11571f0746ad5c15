// Persistence of settled FX quotes (the `fx_quotes` table): the audit trail, and the warm start after a
// restart so the pool never prices with nothing.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AggregatedFxQuote } from './fx/fx-aggregate';
import { FX_ASSETS, FxAsset } from './fx/fx-quote';
import { FxQuoteEntity } from './fx-quote.entity';

@Injectable()
export class FxQuoteStore {
  constructor(private readonly dataSource: DataSource) {}

  async save(quotes: readonly AggregatedFxQuote[]): Promise<void> {
    if (quotes.length === 0) return;
    await this.dataSource.getRepository(FxQuoteEntity).insert(
      quotes.map((q) => ({
        asset: q.asset,
        usd: q.usd,
        source: q.source,
        confidence: q.confidence,
        spread: q.spread,
        sources: q.sources,
        publishTime: new Date(q.publishTime),
        observedAt: new Date(q.observedAt),
        stale: q.stale,
        staleAfter: new Date(q.staleAfter),
      })),
    );
  }

  /** The most recent quote of every asset. */
  async latest(): Promise<AggregatedFxQuote[]> {
    const rows = await this.dataSource
      .getRepository(FxQuoteEntity)
      .createQueryBuilder('q')
      .distinctOn(['q.asset'])
      .orderBy('q.asset')
      .addOrderBy('q.observed_at', 'DESC')
      .getMany();
    return rows
      .filter((r) => (FX_ASSETS as readonly string[]).includes(r.asset))
      .map((r) => ({
        asset: r.asset as FxAsset,
        usd: r.usd,
        source: r.source,
        publishTime: r.publishTime.toISOString(),
        confidence: r.confidence,
        observedAt: r.observedAt.toISOString(),
        spread: r.spread,
        stale: r.stale,
        staleAfter: r.staleAfter.toISOString(),
        sources: r.sources,
        feedId: r.sources.length === 1 ? r.sources[0].feedId : undefined,
      }));
  }
}
