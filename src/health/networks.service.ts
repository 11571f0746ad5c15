import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '../common/problem';
import { NetworkRegistry } from '../plugins/network-registry';
import { DEMO_FLEET, DemoFleet } from './demo-fleet';
import { LIVE_OFFERS, LiveOffers } from './live-offers';
import { NetworkBreakers } from './network-breakers';
import { NetworkHealthService } from './network-health.service';

interface NetworkRow {
  id: string;
  display_name: string;
  last_sync_started_at: Date | null;
  last_sync_finished_at: Date | null;
  last_sync_ok: boolean | null;
  last_sync_duration_ms: number | null;
  last_sync_offers: number;
  last_sync_quarantined: number;
  last_error: string | null;
  last_good_sync_at: Date | null;
}

interface NativeNodeCounts {
  total: number;
  demo: number;
}

@Injectable()
export class NetworksService {
  constructor(
    private readonly registry: NetworkRegistry,
    private readonly health: NetworkHealthService,
    private readonly breakers: NetworkBreakers,
    @Inject(LIVE_OFFERS) private readonly pool: LiveOffers,
    private readonly dataSource: DataSource,
    @Optional() @Inject(DEMO_FLEET) private readonly demoFleet?: DemoFleet,
  ) {}

  /** How a network's supply is reached, in words: a simulator, a real endpoint, or our own coordinator with demo agents. */
  private mode(network: string, simulated: boolean, native?: NativeNodeCounts): string {
    if (simulated && native)
      return `simulated: this service's own coordinator, whose only nodes are ${native.demo} built-in DEMO agents with simulated GPUs (their challenges are CPU-sized)`;
    if (simulated) return 'simulated: built-in simulator on loopback, not the real network';
    if (network === 'native' && native)
      return `real endpoint (this service's own coordinator); ${native.demo} of its ${native.total} nodes are built-in DEMO agents with simulated GPUs`;
    return 'real endpoint';
  }

  /** Node counts of our own coordinator while demo agents run; undefined otherwise. */
  private async nativeNodeCounts(): Promise<NativeNodeCounts | undefined> {
    if (!this.demoFleet || this.demoFleet.nodeIds().length === 0) return undefined;
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS total, (count(*) FILTER (WHERE simulated))::int AS demo FROM nodes`,
    )) as NativeNodeCounts[];
    return row;
  }

  async list() {
    const rows: NetworkRow[] = await this.dataSource.query('SELECT * FROM networks');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const health = await this.health.allHealth();
    const native = await this.nativeNodeCounts();
    // Native is simulated whenever the built-in demo agents are its only nodes.
    const simulatedNetwork = (id: string, simulated: boolean) => simulated || (id === 'native' && native !== undefined && native.total === native.demo);
    const now = Date.now();
    return {
      items: this.registry.list().map((h) => {
        const row = byId.get(h.id);
        const offers = this.pool.ofNetwork(h.id, now);
        const score = health.get(h.id);
        return {
          id: h.id,
          displayName: h.displayName,
          plugin: { specifier: h.specifier, version: h.pluginVersion },
          simulated: simulatedNetwork(h.id, h.simulated),
          mode: this.mode(h.id, simulatedNetwork(h.id, h.simulated), h.id === 'native' ? native : undefined),
          capabilities: h.adapter.capabilities,
          supplyRequirements: h.supplyRequirements ?? null,
          state: score?.state ?? 'degraded',
          reason: score?.reason ?? 'not scored yet',
          score: score?.score ?? null,
          scoreParts: score?.parts ?? null,
          breaker: this.breakers.state(h.id),
          lastSync: row
            ? {
                startedAt: row.last_sync_started_at,
                finishedAt: row.last_sync_finished_at,
                ok: row.last_sync_ok,
                durationMs: row.last_sync_duration_ms,
                offers: row.last_sync_offers,
                quarantined: row.last_sync_quarantined,
                error: row.last_error,
                lastGoodAt: row.last_good_sync_at,
              }
            : null,
          offers: offers.length,
          gpus: offers.reduce((s, o) => s + o.gpuCount, 0),
        };
      }),
      // Networks this database knew that NETWORKS no longer loads: their offers left the pool at boot.
      notConfigured: rows
        .filter((r) => !this.registry.get(r.id))
        .map((r) => ({
          id: r.id,
          displayName: r.display_name,
          offers: 0,
          lastSyncAt: r.last_sync_finished_at,
          note: 'not in NETWORKS: its offers left the pool when this service started',
        }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    };
  }

  async get(id: string) {
    const item = (await this.list()).items.find((n) => n.id === id);
    if (!item) throw new ProblemException(404, 'not-found', 'Not found', `Network ${id} is not loaded (see NETWORKS).`);
    const quarantined: Array<{ reason: string; created_at: Date; raw: unknown }> = await this.dataSource.query(
      'SELECT reason, created_at, raw FROM quarantined_records WHERE network = $1 ORDER BY id DESC LIMIT 20',
      [id],
    );
    return { ...item, recentQuarantine: quarantined.map((q) => ({ reason: q.reason, at: q.created_at, raw: q.raw })) };
  }

  async history(id: string, from: Date, to: Date) {
    if (!this.registry.get(id)) throw new ProblemException(404, 'not-found', 'Not found', `Network ${id} is not loaded (see NETWORKS).`);
    const rows: Array<{ at: Date; score: string; state: string; reason: string | null; parts: { parts?: unknown } }> = await this.dataSource.query(
      'SELECT at, score, state, reason, parts FROM health_samples WHERE network = $1 AND at >= $2 AND at <= $3 ORDER BY at LIMIT 5000',
      [id, from, to],
    );
    return {
      network: id,
      from,
      to,
      samples: rows.map((r) => ({ at: r.at, score: Number(r.score), state: r.state, reason: r.reason, parts: r.parts?.parts ?? null })),
    };
  }
}
