import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { timeout, TimeoutStrategy } from 'cockatiel';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ChangeFeed } from '../coordination/change-feed';
import { InFlightWork } from '../coordination/in-flight-work';
import { NetworkRegistry } from '../plugins/network-registry';
import { NetworkBreakers } from './network-breakers';
import { HealthInputs, NetworkHealth, scoreNetworkHealth } from './health-score';
import { LIVE_OFFERS, LiveOffers } from './live-offers';
import { PlacementRecord, PlacementRecordReader } from './placement-record.reader';

interface ProbeStats {
  samples: number;
  successRate: number;
  latencyMs: number | null;
}

const EWMA_ALPHA = 0.3;

/** Probes each network, keeps EWMAs of success and latency, and scores every network's health. */
@Injectable()
export class NetworkHealthService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('health');
  private readonly probes = new Map<string, ProbeStats>();
  private readonly failedLastProbe = new Set<string>();
  private stopped = false;
  private readonly inFlight = new InFlightWork();
  private snapshot = new Map<string, NetworkHealth>();
  private providerRecords = new Map<string, PlacementRecord>();
  private refreshTimer?: NodeJS.Timeout;
  private readonly upstreamCache = new Map<string, { revision: number; validUntilMs: number; value: HealthInputs['upstream'] }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: NetworkRegistry,
    private readonly breakers: NetworkBreakers,
    @Inject(LIVE_OFFERS) private readonly pool: LiveOffers,
    private readonly dataSource: DataSource,
    private readonly scheduler: SchedulerRegistry,
    private readonly records: PlacementRecordReader,
    private readonly feed: ChangeFeed,
  ) {}

  /** Starts probes (worker role) and the cached score refresh that the hot paths read (every role). */
  async start(): Promise<void> {
    await this.refresh();
    this.refreshTimer = setInterval(() => void this.inFlight.track(this.refresh()), 2_000);
    this.refreshTimer.unref();
    if (this.config.role === 'api' || !this.config.workers.sync) return;
    for (const handle of this.registry.list()) this.schedule(handle.id, Math.round(Math.random() * 500));
  }

  /** Stops probing and refreshing and waits for the rounds in flight before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    await this.inFlight.drain();
  }

  /** The latest scores, from memory: what quotes, listings and routing read (no database round trip). */
  cached(): ReadonlyMap<string, NetworkHealth> {
    return this.snapshot;
  }

  cachedProviderRecord(network: string, providerId: string): PlacementRecord | undefined {
    return this.providerRecords.get(`${network}/${providerId}`);
  }

  /** The placement records per provider: replaced by each refresh, never changed in place (its identity says which). */
  cachedProviderRecords(): ReadonlyMap<string, PlacementRecord> {
    return this.providerRecords;
  }

  async refresh(): Promise<void> {
    try {
      await this.allHealth();
      this.providerRecords = await this.records.byProvider();
    } catch (err) {
      if (!this.stopped) this.logger.warn(`health refresh failed: ${(err as Error).message}`);
    }
  }

  /** One probe round for a network, recorded as a health sample. */
  async probe(network: string): Promise<NetworkHealth | undefined> {
    const handle = this.registry.get(network);
    if (!handle) return undefined;
    const started = Date.now();
    let ok = false;
    let latency: number;
    try {
      const result = await timeout(this.config.pool.syncTimeoutMs, TimeoutStrategy.Aggressive).execute(({ signal }) => handle.adapter.probe({ signal }));
      ok = result.ok;
      latency = result.latencyMs;
    } catch {
      latency = Date.now() - started;
    }
    const prev = this.probes.get(network);
    // It answers again after failing: the network-scope blocks recorded before this probe lift (BlockListService).
    if (ok && this.failedLastProbe.delete(network)) {
      await this.feed
        .publish({ type: 'network_answered', network, since: new Date(started).toISOString() })
        .catch((err) => this.logger.warn(`could not announce that ${network} answered: ${(err as Error).message}`));
    }
    if (!ok) this.failedLastProbe.add(network);
    this.probes.set(network, {
      samples: (prev?.samples ?? 0) + 1,
      successRate: prev ? prev.successRate * (1 - EWMA_ALPHA) + (ok ? 1 : 0) * EWMA_ALPHA : ok ? 1 : 0,
      latencyMs: prev?.latencyMs != null ? prev.latencyMs * (1 - EWMA_ALPHA) + latency * EWMA_ALPHA : latency,
    });
    const health = await this.networkHealth(network);
    await this.dataSource
      .query('INSERT INTO health_samples (network, at, score, state, reason, parts) VALUES ($1, now(), $2, $3, $4, $5)', [
        network,
        health.score,
        health.state,
        health.reason,
        JSON.stringify({ parts: health.parts, inputs: health.inputs }),
      ])
      .catch((err) => this.logger.warn(`could not record a health sample: ${(err as Error).message}`));
    return health;
  }

  /** Scores one network now, and lets routing see the same state at once (not at the next refresh). */
  async networkHealth(network: string): Promise<NetworkHealth> {
    return (await this.allHealth([network])).get(network)!;
  }

  /** Scores every network (or the given ones) from probes, the last syncs, upstream signals and our record. */
  async allHealth(only?: string[]): Promise<Map<string, NetworkHealth>> {
    const ids = only ?? this.registry.list().map((h) => h.id);
    const rows: Array<{ id: string; last_good_sync_at: Date | null; last_sync_ok: boolean | null }> = await this.dataSource.query(
      'SELECT id, last_good_sync_at, last_sync_ok FROM networks WHERE id = ANY($1)',
      [ids],
    );
    const syncs = new Map(rows.map((r) => [r.id, r]));
    const lastSamples = await this.latestProbeSamples(ids);
    const records = await this.records.byNetwork();
    const now = new Date();
    const out = new Map<string, NetworkHealth>();
    for (const id of ids) {
      const sync = syncs.get(id);
      const inputs: HealthInputs = {
        probe: this.probes.get(id) ?? lastSamples.get(id) ?? { samples: 0, successRate: 0, latencyMs: null },
        sync: {
          lastOkAt: sync?.last_good_sync_at ? new Date(sync.last_good_sync_at) : null,
          lastAttemptOk: sync?.last_sync_ok ?? null,
          intervalMs: this.config.pool.syncIntervalMs,
          ttlMs: this.config.pool.offerTtlMs,
        },
        breaker: this.breakers.state(id),
        upstream: this.upstreamSignals(id, now),
        record: records.get(id) ?? { placements: 0, successRate: null, medianTimeToRunningMs: null },
        now,
      };
      out.set(id, scoreNetworkHealth(inputs));
    }
    // Every scoring updates what routing reads: what /v1/networks just said is what the next job sees. Scores
    // are taken after the awaits above, so the last to finish is also the newest.
    this.snapshot = new Map([...this.snapshot, ...out]);
    return out;
  }

  /**
   * What the network's own live offers say (online, verified, uptime), counted in one pass and remembered until
   * the pool changes or the first of those offers expires: the refresh every 2 s no longer walks the whole pool.
   */
  private upstreamSignals(network: string, now: Date): HealthInputs['upstream'] {
    const revision = this.pool.revision();
    const nowMs = now.getTime();
    const hit = this.upstreamCache.get(network);
    if (hit && hit.revision === revision && nowMs < hit.validUntilMs) return hit.value;
    let offers = 0;
    let onlineKnown = 0;
    let online = 0;
    let verifiedKnown = 0;
    let verified = 0;
    let uptimes = 0;
    let uptimeSum = 0;
    let firstExpiryMs = Number.POSITIVE_INFINITY;
    for (const o of this.pool.ofNetwork(network, nowMs)) {
      offers++;
      if (o.expiresAtMs < firstExpiryMs) firstExpiryMs = o.expiresAtMs;
      const s = o.signals;
      if (s.online !== undefined) {
        onlineKnown++;
        if (s.online) online++;
      }
      if (s.verified !== undefined) {
        verifiedKnown++;
        if (s.verified) verified++;
      }
      if (typeof s.uptime === 'number') {
        uptimes++;
        uptimeSum += s.uptime;
      }
    }
    const value = {
      offers,
      onlineShare: onlineKnown ? online / onlineKnown : null,
      verifiedShare: verifiedKnown ? verified / verifiedKnown : null,
      meanUptime: uptimes ? uptimeSum / uptimes : null,
    };
    this.upstreamCache.set(network, { revision, validUntilMs: firstExpiryMs, value });
    return value;
  }

  private async latestProbeSamples(ids: string[]): Promise<Map<string, ProbeStats>> {
    const rows: Array<{ network: string; parts: { inputs?: { probe?: ProbeStats } } }> = await this.dataSource.query(
      `SELECT DISTINCT ON (network) network, parts FROM health_samples WHERE network = ANY($1) ORDER BY network, at DESC`,
      [ids],
    );
    const out = new Map<string, ProbeStats>();
    for (const r of rows) if (r.parts?.inputs?.probe) out.set(r.network, r.parts.inputs.probe);
    return out;
  }

  private schedule(network: string, delayMs: number): void {
    const name = `probe:${network}`;
    const timer = setTimeout(async () => {
      this.scheduler.deleteTimeout(name);
      if (this.stopped) return;
      await this.inFlight.track(this.probe(network)).catch((err) => this.logger.error(`probe ${network} crashed: ${(err as Error).message}`));
      if (!this.stopped) this.schedule(network, this.config.pool.probeIntervalMs);
    }, delayMs);
    this.scheduler.addTimeout(name, timer);
  }
}
