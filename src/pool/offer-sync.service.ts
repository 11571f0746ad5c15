import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { TaskCancelledError, timeout, TimeoutStrategy, wrap } from 'cockatiel';
import { classifyError, Offer, OfferListing } from '../../adapters/sdk';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ChangeFeed } from '../coordination/change-feed';
import { LeaderLock } from '../coordination/leader-lock';
import { WorkerLoop } from '../coordination/worker-loop';
import { NetworkBreakers } from '../health/network-breakers';
import { MetricsService } from '../health/metrics.service';
import { NetworkHandle, NetworkRegistry } from '../plugins/network-registry';
import { OfferStore } from './offer-store';
import { PoolIndexService } from './pool-index.service';
import { compactOffers } from './offer-compactor';
import { OFFER_PRICER, OfferPricer } from './offer-pricer';
import { checkSnapshot } from './snapshot-check';
import { catalogGpuResolver } from './gpu-resolver.binding';

export interface SyncOutcome {
  network: string;
  ran: boolean;
  ok?: boolean;
  offers?: number;
  quarantined?: number;
  error?: string;
  durationMs?: number;
}

/**
 * One sync loop per network (worker role): on its interval with jitter, exactly one replica (advisory lock)
 * lists the network's offers under a timeout and a circuit breaker, checks the snapshot and publishes it.
 * A failing network keeps its last good snapshot until the offers expire; it never disturbs the others.
 */
@Injectable()
export class OfferSyncService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('sync');
  /** One loop per network: a pause (jittered) after each sync, never two syncs of a network at once. */
  private readonly loops = new Map<string, WorkerLoop<SyncOutcome>>();
  private readonly inFlight = new Map<string, Promise<SyncOutcome>>();
  private readonly controllers = new Set<AbortController>();
  /** Networks whose last sync here failed. */
  private readonly failing = new Set<string>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: NetworkRegistry,
    private readonly store: OfferStore,
    private readonly index: PoolIndexService,
    private readonly feed: ChangeFeed,
    private readonly lock: LeaderLock,
    private readonly breakers: NetworkBreakers,
    @Inject(OFFER_PRICER) private readonly pricer: OfferPricer,
    private readonly metrics: MetricsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Registers the networks and, when this process runs workers, starts their loops. */
  async start(): Promise<void> {
    for (const handle of this.registry.list()) {
      await this.store.ensureNetwork({ id: handle.id, displayName: handle.displayName, pluginVersion: handle.pluginVersion, simulated: handle.simulated });
    }
    await this.retireUnconfigured();
    if (this.config.role === 'api' || !this.config.workers.sync) return;
    for (const handle of this.registry.list()) this.loopFor(handle.id).start();
  }

  /** A network no longer in NETWORKS takes its offers with it: out of the database, this index and the others'. */
  private async retireUnconfigured(): Promise<void> {
    for (const { network, offers } of await this.store.removeUnconfigured(this.registry.list().map((h) => h.id))) {
      this.index.index.replaceNetwork(network, []);
      await this.feed.publish({ type: 'offers_published', network });
      this.logger.warn(`${network}: no longer configured (not in NETWORKS); its ${offers} offers left the pool`);
    }
  }

  /** Syncs one network now (also used by tests and the admin API); concurrent calls share one run. */
  syncNow(network: string): Promise<SyncOutcome> {
    const running = this.inFlight.get(network);
    if (running) return running;
    const handle = this.registry.get(network);
    if (!handle) return Promise.resolve({ network, ran: false, error: 'unknown network' });
    const run = this.lock
      .tryWithLock(`sync:${network}`, () => this.syncUnderLock(handle))
      .then((r) => (r.ran ? r.result : { network, ran: false }))
      .finally(() => this.inFlight.delete(network));
    this.inFlight.set(network, run);
    return run;
  }

  /** Stops the loops and waits for running syncs (aborted upstream) to finish before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    const stopping = [...this.loops.values()].map((loop) => loop.stop());
    for (const c of this.controllers) c.abort();
    await Promise.allSettled([...stopping, ...this.inFlight.values()]);
  }

  private observe(network: string, result: 'ok' | 'failed', startedAt: Date, finishedAt: Date): void {
    this.metrics.syncs.inc({ network, result });
    this.metrics.syncDuration.observe({ network, result }, (finishedAt.getTime() - startedAt.getTime()) / 1000);
  }

  private loopFor(network: string): WorkerLoop<SyncOutcome> {
    let loop = this.loops.get(network);
    if (!loop) {
      loop = new WorkerLoop({
        round: () => this.syncNow(network),
        spacing: 'end',
        firstAfterMs: 0,
        everyMs: () => this.jittered(this.config.pool.syncIntervalMs),
        onError: (err) => this.logger.error(`sync ${network} crashed: ${(err as Error).message}`),
        clock: this.clock,
      });
      this.loops.set(network, loop);
    }
    return loop;
  }

  private jittered(ms: number): number {
    return Math.round(ms * (0.9 + Math.random() * 0.2));
  }

  private async syncUnderLock(handle: NetworkHandle): Promise<SyncOutcome> {
    const startedAt = new Date(this.clock.now());
    const controller = new AbortController();
    this.controllers.add(controller);
    const policy = wrap(this.breakers.for(handle.id), timeout(this.config.pool.syncTimeoutMs, TimeoutStrategy.Aggressive));
    try {
      const listing: OfferListing = await policy.execute(({ signal }) => handle.adapter.listOffers({ signal: AbortSignal.any([signal, controller.signal]) }));
      const now = new Date(this.clock.now());
      const pricer = await this.pricer.forSync(now);
      const snapshot = checkSnapshot({
        network: handle.id,
        offers: listing.offers,
        quarantined: listing.quarantined,
        resolveGpu: catalogGpuResolver,
        normalize: pricer,
        now,
        offerTtlMs: this.config.pool.offerTtlMs,
      });
      const finishedAt = new Date(this.clock.now());
      await this.store.publish({ network: handle.id, startedAt, finishedAt, ok: true }, snapshot, rawById(listing.offers));
      // Compacted once the publish is done (see compactOffers).
      this.index.index.replaceNetwork(handle.id, compactOffers(snapshot.accepted));
      await this.feed.publish({ type: 'offers_published', network: handle.id });
      // It answers again after failing: the network-scope blocks recorded before this sync lift (BlockListService).
      if (this.failing.delete(handle.id)) await this.feed.publish({ type: 'network_answered', network: handle.id, since: startedAt.toISOString() });
      if (snapshot.quarantined.length) {
        this.logger.warn(`${handle.id}: ${snapshot.quarantined.length} records quarantined (first: ${snapshot.quarantined[0].reason})`);
      }
      this.observe(handle.id, 'ok', startedAt, finishedAt);
      this.metrics.quarantined.set({ network: handle.id }, snapshot.quarantined.length);
      return {
        network: handle.id,
        ran: true,
        ok: true,
        offers: snapshot.accepted.length,
        quarantined: snapshot.quarantined.length,
        durationMs: finishedAt.getTime() - startedAt.getTime(),
      };
    } catch (err) {
      const error = err instanceof TaskCancelledError ? `timed out after ${this.config.pool.syncTimeoutMs} ms` : classifyError(err).message;
      const finishedAt = new Date(this.clock.now());
      this.logger.warn(`${handle.id}: sync failed, keeping the last good snapshot until it expires: ${error}`);
      await this.store
        .recordFailure({ network: handle.id, startedAt, finishedAt, ok: false, error })
        .catch((e) => this.logger.error(`could not record the failure: ${(e as Error).message}`));
      this.observe(handle.id, 'failed', startedAt, finishedAt);
      this.failing.add(handle.id);
      return { network: handle.id, ran: true, ok: false, error, durationMs: finishedAt.getTime() - startedAt.getTime() };
    } finally {
      this.controllers.delete(controller);
    }
  }
}

function rawById(offers: Offer[]): Map<string, unknown> {
  return new Map(offers.map((o) => [o.offerId, o.raw]));
}
