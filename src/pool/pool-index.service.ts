import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ChangeFeed } from '../coordination/change-feed';
import { InFlightWork } from '../coordination/in-flight-work';
import { OfferIndex } from './offer-index';
import { OfferStore } from './offer-store';

/**
 * Holds this replica's in-memory offer index: built from Postgres at boot, refreshed per network whenever
 * any replica publishes (NOTIFY). Postgres stays the source of truth.
 */
@Injectable()
export class PoolIndexService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('pool-index');
  readonly index = new OfferIndex();
  private refreshing = new Map<string, Promise<void>>();
  private readonly inFlight = new InFlightWork();
  private stopping = false;

  constructor(
    private readonly store: OfferStore,
    private readonly feed: ChangeFeed,
  ) {}

  async onModuleInit(): Promise<void> {
    const offers = await this.store.loadLive(new Date());
    this.index.replaceAll(offers);
    this.logger.log(`index built from the database: ${offers.length} live offers`);
    await this.feed.subscribe((event) => {
      // A notice that arrives once shutdown began is ignored: its load would race the database's close.
      if (event.type === 'offers_published' && !this.stopping) void this.inFlight.track(this.refreshNetwork(event.network));
    });
  }

  /** Takes no more refreshes and waits for those in flight, before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.inFlight.drain();
  }

  /** Reloads one network's slice; concurrent refreshes of the same network share one load. */
  refreshNetwork(network: string): Promise<void> {
    const running = this.refreshing.get(network);
    if (running) return running.then(() => this.refreshNetwork(network));
    const job = this.store
      .loadNetwork(network, new Date())
      .then((offers) => this.index.replaceNetwork(network, offers))
      .catch((err) => this.logger.error(`refresh of ${network} failed: ${(err as Error).message}`))
      .finally(() => this.refreshing.delete(network));
    this.refreshing.set(network, job);
    return job;
  }
}
