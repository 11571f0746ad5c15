// Token→USD quotes for the rest of the house: asks every configured source on a schedule, settles one
// quote per asset (median, spread, age and confidence limits: fx/fx-aggregate.ts), keeps it in memory,
// and persists it with provenance. `current(asset)` always says whether a quote is stale.
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { aggregateFxQuotes, AggregatedFxQuote, fxQuoteView } from './fx/fx-aggregate';
import { FX_ASSETS, FxAsset, FxQuote, FxQuoteView, FxSource } from './fx/fx-quote';
import { FX_FEED_REGISTRY, FxFeedEntry, unconfirmedFeedsFor } from './fx/feed-registry';
import { FX_RUNTIME, FxRuntime } from './fx-runtime';
import { FxQuoteStore } from './fx-quote.store';
import { redactUrlsIn } from '../common/redact';

export interface FxRefreshResult {
  /** Assets that got a new settled quote. */
  updated: FxAsset[];
  /** Assets for which no source answered usably (the previous quote, if any, is kept). */
  unanswered: FxAsset[];
  /** Sources whose whole call failed, with the error. */
  failedSources: Array<{ source: string; error: string }>;
}

export interface FxQuoteDetail extends AggregatedFxQuote {
  /** Stale now (past `staleAfter`). */
  stale: boolean;
  ageS: number;
  /** The asset's maximum age (a source may have its own, e.g. Chainlink's heartbeat). */
  maxAgeS: number;
  /** Oracle identifiers this quote rests on that the oracle's own list does not confirm (see `feeds`). */
  unconfirmedFeeds: string[];
}

// Re-persist an unchanged quote at most this often, so the table stays an audit trail, not a log.
const PERSIST_UNCHANGED_EVERY_MS = 10 * 60_000;

@Injectable()
export class FxService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FX');
  private readonly quotes = new Map<FxAsset, AggregatedFxQuote>();
  /**
   * Each source's latest answer per asset (`asset source-id`). A source that cannot be read in a round still counts
   * with its last answer while that answer is fresh by the policy, so one oracle's hiccup does not move the median.
   */
  private readonly lastAnswers = new Map<string, FxQuote>();
  private readonly lastPersisted = new Map<FxAsset, { usd: string; stale: boolean; at: number }>();
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<FxRefreshResult>;

  constructor(
    @Inject(FX_RUNTIME) private readonly runtime: FxRuntime,
    private readonly store: FxQuoteStore,
  ) {}

  get simulated(): boolean {
    return this.runtime.simulated;
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      for (const q of await this.store.latest()) this.remember(q);
    } catch (err) {
      this.logger.warn(`could not load the last FX quotes: ${(err as Error).message}`);
    }
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.runtime.config.refreshS * 1000);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.inFlight?.catch(() => undefined);
    await this.runtime.close();
  }

  /** Asks every source once; overlapping calls share one refresh. */
  refresh(): Promise<FxRefreshResult> {
    this.inFlight ??= this.doRefresh().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** The quote of an asset as callers should see it now, or undefined when no source ever answered. */
  current(asset: FxAsset): FxQuoteView | undefined {
    const q = this.quotes.get(asset);
    return q ? fxQuoteView(q, this.runtime.now()) : undefined;
  }

  /** A lookup for the normalizer, fixed at `now`. */
  lookup(now: Date = this.runtime.now()): (asset: string) => FxQuoteView | undefined {
    return (asset) => {
      const q = (FX_ASSETS as readonly string[]).includes(asset) ? this.quotes.get(asset as FxAsset) : undefined;
      return q ? fxQuoteView(q, now) : undefined;
    };
  }

  /** Every asset's settled quote with provenance and age, for GET /v1/fx. */
  details(): { quotes: FxQuoteDetail[]; missing: FxAsset[]; feeds: readonly FxFeedEntry[] } {
    const now = this.runtime.now();
    const quotes: FxQuoteDetail[] = [];
    const missing: FxAsset[] = [];
    for (const asset of FX_ASSETS) {
      const q = this.quotes.get(asset);
      if (!q) {
        missing.push(asset);
        continue;
      }
      const maxAgeS = this.runtime.config.maxAgeS[asset];
      quotes.push({
        ...q,
        stale: fxQuoteView(q, now).stale,
        ageS: Math.max(0, Math.round((now.getTime() - Date.parse(q.publishTime)) / 1000)),
        maxAgeS,
        unconfirmedFeeds: unconfirmedFeedsFor(asset, q.source),
      });
    }
    return { quotes, missing, feeds: FX_FEED_REGISTRY };
  }

  private async doRefresh(): Promise<FxRefreshResult> {
    const { sourceSet, config } = this.runtime;
    const assetsBySource = new Map<FxSource, FxAsset[]>();
    for (const asset of FX_ASSETS) for (const s of sourceSet.byAsset[asset]) assetsBySource.set(s, [...(assetsBySource.get(s) ?? []), asset]);

    const failedSources: FxRefreshResult['failedSources'] = [];
    await Promise.all(
      [...assetsBySource].map(async ([source, assets]) => {
        try {
          const answered = await source.quote(assets, AbortSignal.timeout(config.timeoutMs));
          // A source that answered but left an asset out (a wrong feed, a zero price) has no answer for it now:
          // only a source that could not be read at all keeps counting with what it said before.
          for (const asset of assets) this.lastAnswers.delete(`${asset} ${source.id}`);
          for (const q of answered) this.lastAnswers.set(`${q.asset} ${source.id}`, q);
        } catch (err) {
          // Libraries quote the URL they called, API key and all.
          failedSources.push({ source: source.id, error: redactUrlsIn((err as Error).message) });
        }
      }),
    );
    for (const f of failedSources) this.logger.warn(`FX source ${f.source} failed: ${f.error}`);

    const now = this.runtime.now();
    const updated: FxAsset[] = [];
    const unanswered: FxAsset[] = [];
    for (const asset of FX_ASSETS) {
      // In the configured order of sources, as provenance lists them.
      const mine = [...new Set(sourceSet.byAsset[asset].map((s) => s.id))]
        .map((id) => this.lastAnswers.get(`${asset} ${id}`))
        .filter((q): q is FxQuote => q !== undefined);
      const settled = aggregateFxQuotes(
        asset,
        mine,
        { maxAgeS: config.maxAgeS[asset], maxConfidenceRatio: config.maxConfidenceRatio, sourceMaxAgeS: config.sourceMaxAgeS },
        now,
      );
      const previous = this.quotes.get(asset);
      // A stale answer never replaces a newer quote we already hold.
      if (!settled || (settled.stale && previous && Date.parse(previous.publishTime) >= Date.parse(settled.publishTime))) {
        unanswered.push(asset);
        continue;
      }
      this.remember(settled);
      updated.push(asset);
    }
    if (unanswered.length) this.logger.warn(`FX: no usable answer this round for ${unanswered.join(', ')}; keeping the previous quote where there is one`);
    await this.persist(
      updated.map((a) => this.quotes.get(a)!),
      now,
    );
    return { updated, unanswered, failedSources };
  }

  private remember(q: AggregatedFxQuote): void {
    this.quotes.set(q.asset, q);
  }

  private async persist(quotes: AggregatedFxQuote[], now: Date): Promise<void> {
    const due = quotes.filter((q) => {
      const last = this.lastPersisted.get(q.asset);
      return !last || last.usd !== q.usd || last.stale !== q.stale || now.getTime() - last.at >= PERSIST_UNCHANGED_EVERY_MS;
    });
    try {
      await this.store.save(due);
      for (const q of due) this.lastPersisted.set(q.asset, { usd: q.usd, stale: q.stale, at: now.getTime() });
    } catch (err) {
      // The in-memory quotes stay usable; the audit row is retried on the next change.
      this.logger.error(`could not persist FX quotes: ${(err as Error).message}`);
    }
  }
}
