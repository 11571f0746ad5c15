import { hash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';
import type { PoolOffer } from './pool-offer';
import { OfferCompactor } from './offer-compactor';
import { affectedCount } from '../database/query-rows';
import { toMicros } from '../pricing/money';
import { SnapshotCheckResult } from './snapshot-check';
import { StatementPipeline } from '../database/statement-pipeline';

export interface SyncRecord {
  network: string;
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  error?: string;
}

const CHUNK = 2_000;
const DELETE_CHUNK = 10_000;
const MAX_QUARANTINE_ROWS = 500;

/** What a sync writes for an offer; the publish time and expiry its snapshot shares are kept once, on `networks`. */
const OFFER_COLUMNS = `network text, offer_id text, provider_id text, provider_name text, region text, country text, provider_attributes jsonb,
  gpu_label text, gpu_model text, gpu_count int, gpu_vram_gb numeric, fixed_count boolean, cpu numeric, memory_gb numeric,
  disk_gb numeric, native_price jsonb, price_kind text, usd_per_gpu_hour numeric, usd_per_hour numeric, provenance jsonb,
  signals jsonb, observed_at timestamptz, raw jsonb, content_hash text`;
const OFFER_NAMES = OFFER_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]);
/** New offers, inserted whole. */
const INSERT_OFFERS = `INSERT INTO offers (${OFFER_NAMES.join(', ')}) SELECT ${OFFER_NAMES.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS x(${OFFER_COLUMNS})`;
/** Changed offers have every column rewritten, as a full rewrite would (an insert, should the row be gone). */
const REWRITE_OFFERS = `${INSERT_OFFERS}
  ON CONFLICT (network, offer_id) DO UPDATE SET ${OFFER_NAMES.filter((n) => n !== 'network' && n !== 'offer_id')
    .map((n) => `${n} = EXCLUDED.${n}`)
    .join(', ')}`;
/**
 * Offers listed again unchanged: only their observation time and provenance, columns no index covers, so
 * PostgreSQL can rewrite the row on its own page without touching an index (a HOT update; see the fill factor).
 */
const RETIME_OFFERS = `UPDATE offers AS o SET observed_at = x.observed_at, provenance = x.provenance
  FROM jsonb_to_recordset($2::jsonb) AS x(offer_id text, observed_at timestamptz, provenance jsonb)
  WHERE o.network = $1 AND o.offer_id = x.offer_id`;
/** What the index is rebuilt from: no raw record, no digest; the times are the network's snapshot's. */
const LIVE_OFFERS = `SELECT ${OFFER_NAMES.filter((n) => n !== 'raw' && n !== 'content_hash')
  .map((n) => `o.${n}`)
  .join(', ')}, n.snapshot_published_at AS published_at, n.snapshot_expires_at AS expires_at
  FROM offers o JOIN networks n ON n.id = o.network`;

/** Durable side of the pool: atomic, bulk snapshot publishes and the reads that rebuild the index. */
@Injectable()
export class OfferStore {
  constructor(private readonly dataSource: DataSource) {}

  async ensureNetwork(n: { id: string; displayName: string; pluginVersion: string; simulated: boolean }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO networks (id, display_name, plugin_version, simulated) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, plugin_version = EXCLUDED.plugin_version,
         simulated = EXCLUDED.simulated, updated_at = now()`,
      [n.id, n.displayName, n.pluginVersion, n.simulated],
    );
  }

  /**
   * Replaces a network's offers with the checked snapshot in one transaction (readers see the old snapshot or
   * the new one), records the sync, its quarantined records and the price aggregates.
   */
  async publish(sync: SyncRecord, snapshot: SnapshotCheckResult, raws: Map<string, unknown>): Promise<void> {
    const times = snapshotTimes(snapshot.accepted);
    await this.dataSource.transaction(async (em) => {
      const runId = await this.recordRun(em, sync, snapshot.accepted.length, snapshot.quarantined.length);
      await this.writeOffers(em, sync.network, snapshot.accepted, raws);
      const kept = snapshot.quarantined.slice(0, MAX_QUARANTINE_ROWS);
      if (kept.length) {
        await em.query(
          `INSERT INTO quarantined_records (network, sync_run_id, reason, raw)
           SELECT $1, $2, x.reason, x.raw FROM jsonb_to_recordset($3::jsonb) AS x(reason text, raw jsonb)`,
          [sync.network, runId, JSON.stringify(kept.map((q) => ({ reason: q.reason, raw: q.raw ?? null })))],
        );
      }
      await this.recordAggregates(em, sync.network, sync.finishedAt, snapshot.accepted);
      await em.query(
        `UPDATE networks SET last_sync_started_at = $2, last_sync_finished_at = $3, last_sync_ok = true, last_sync_duration_ms = $4,
           last_sync_offers = $5, last_sync_quarantined = $6, last_error = NULL, last_good_sync_at = $3,
           snapshot_version = snapshot_version + 1, snapshot_published_at = $7, snapshot_expires_at = $8, updated_at = now() WHERE id = $1`,
        [
          sync.network,
          sync.startedAt,
          sync.finishedAt,
          duration(sync),
          snapshot.accepted.length,
          snapshot.quarantined.length,
          times.publishedAt,
          times.expiresAt,
        ],
      );
    });
  }

  /** A failed sync: recorded, while the last good snapshot stays until its offers expire. */
  async recordFailure(sync: SyncRecord): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await this.recordRun(em, sync, 0, 0);
      await em.query(
        `UPDATE networks SET last_sync_started_at = $2, last_sync_finished_at = $3, last_sync_ok = false, last_sync_duration_ms = $4,
           last_error = $5, updated_at = now() WHERE id = $1`,
        [sync.network, sync.startedAt, sync.finishedAt, duration(sync), sync.error ?? 'unknown error'],
      );
    });
  }

  async loadLive(now: Date): Promise<PoolOffer[]> {
    const rows: OfferRow[] = await this.dataSource.query(`${LIVE_OFFERS} WHERE n.snapshot_expires_at > $1`, [now]);
    return compactRows(rows);
  }

  async loadNetwork(network: string, now: Date): Promise<PoolOffer[]> {
    const rows: OfferRow[] = await this.dataSource.query(`${LIVE_OFFERS} WHERE o.network = $1 AND n.snapshot_expires_at > $2`, [network, now]);
    return compactRows(rows);
  }

  async rawRecord(network: string, offerId: string): Promise<unknown> {
    const rows: Array<{ raw: unknown }> = await this.dataSource.query('SELECT raw FROM offers WHERE network = $1 AND offer_id = $2', [network, offerId]);
    return rows[0]?.raw;
  }

  /** The upstream records of several offers of one network in one read (offer id → record; absent ones left out). */
  async rawRecords(network: string, offerIds: readonly string[]): Promise<Map<string, unknown>> {
    const rows: Array<{ offer_id: string; raw: unknown }> = await this.dataSource.query(
      'SELECT offer_id, raw FROM offers WHERE network = $1 AND offer_id = ANY($2::text[])',
      [network, [...new Set(offerIds)]],
    );
    return new Map(rows.filter((r) => r.raw !== null && r.raw !== undefined).map((r) => [r.offer_id, r.raw]));
  }

  /**
   * Takes the offers of every network not in `configured` out of the pool (a plugin removed from NETWORKS):
   * nothing may route to supply this service can no longer reach. Returns the offers removed per network.
   */
  async removeUnconfigured(configured: string[]): Promise<Array<{ network: string; offers: number }>> {
    const rows: Array<{ network: string; offers: string }> = await this.dataSource.query(
      `WITH gone AS (DELETE FROM offers WHERE NOT (network = ANY($1::text[])) RETURNING network)
       SELECT network, count(*) AS offers FROM gone GROUP BY network ORDER BY network`,
      [configured],
    );
    return rows.map((r) => ({ network: r.network, offers: Number(r.offers) }));
  }

  /** Deletes the offers of every network whose snapshot has expired (or that has no snapshot on record). */
  async purgeExpired(now: Date): Promise<number> {
    return affectedCount(
      await this.dataSource.query('DELETE FROM offers o WHERE NOT EXISTS (SELECT 1 FROM networks n WHERE n.id = o.network AND n.snapshot_expires_at > $1)', [
        now,
      ]),
    );
  }

  /**
   * Writes what changed since the network's last publish: new and changed offers written whole, gone ones deleted,
   * and offers listed again unchanged (same digest of every column but the observation time and the provenance)
   * get only those two rewritten. The rows end as a full rewrite would leave them. Each chunk's statement is sent
   * while the next one is being built (StatementPipeline), so PostgreSQL and this process work at the same time.
   */
  private async writeOffers(em: EntityManager, network: string, offers: PoolOffer[], raws: Map<string, unknown>): Promise<void> {
    const stored: Array<{ offer_id: string; content_hash: string | null }> = await em.query('SELECT offer_id, content_hash FROM offers WHERE network = $1', [
      network,
    ]);
    const before = new Map(stored.map((r) => [r.offer_id, r.content_hash]));
    const statements = new StatementPipeline(em);
    const added = new Chunk(statements, INSERT_OFFERS);
    const changed = new Chunk(statements, REWRITE_OFFERS);
    const same = new Chunk(statements, RETIME_OFFERS, network);
    for (const o of offers) {
      const content = JSON.stringify(contentOf(o, raws.get(o.offerId)));
      const digest = hash('sha1', content, 'base64url');
      const observed = `"observed_at":${JSON.stringify(o.observedAt)},"provenance":${provenanceJson(o)}`;
      const had = before.get(o.offerId);
      before.delete(o.offerId);
      if (had === digest) {
        if (same.add(`{"offer_id":${JSON.stringify(o.offerId)},${observed}}`)) await same.flush();
      } else {
        const chunk = had === undefined ? added : changed;
        if (chunk.add(`${content.slice(0, -1)},${observed},"content_hash":"${digest}"}`)) await chunk.flush();
      }
    }
    for (const chunk of [same, added, changed]) await chunk.flush();
    const gone = [...before.keys()];
    for (let i = 0; i < gone.length; i += DELETE_CHUNK) {
      await statements.send('DELETE FROM offers WHERE network = $1 AND offer_id = ANY($2::text[])', [network, gone.slice(i, i + DELETE_CHUNK)]);
    }
    await statements.drain();
  }

  private async recordRun(em: EntityManager, sync: SyncRecord, offers: number, quarantined: number): Promise<string> {
    const rows: Array<{ id: string }> = await em.query(
      `INSERT INTO sync_runs (network, started_at, finished_at, ok, offers, quarantined, duration_ms, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [sync.network, sync.startedAt, sync.finishedAt, sync.ok, offers, quarantined, duration(sync), sync.error ?? null],
    );
    return rows[0].id;
  }

  private async recordAggregates(em: EntityManager, network: string, at: Date, offers: PoolOffer[]): Promise<void> {
    const byModel = new Map<string, PoolOffer[]>();
    for (const o of offers) {
      const list = byModel.get(o.gpuModel);
      if (list) list.push(o);
      else byModel.set(o.gpuModel, [o]);
    }
    const rows = [...byModel.entries()].map(([model, list]) => {
      // By the integer micro-USD each offer carries; the exact decimals decide only between two that round alike.
      const sorted = list.slice().sort((a, b) => a.usdPerGpuHourMicros - b.usdPerGpuHourMicros || new Decimal(a.usdPerGpuHour).comparedTo(b.usdPerGpuHour));
      const price = (i: number) => new Decimal(sorted[i].usdPerGpuHour);
      const mid = sorted.length >> 1;
      const median =
        sorted.length % 2
          ? price(mid)
          : price(mid - 1)
              .plus(price(mid))
              .div(2);
      return {
        gpu_model: model,
        min_usd: price(0).toString(),
        median_usd: median.toString(),
        max_usd: price(sorted.length - 1).toString(),
        offers: list.length,
        gpus: list.reduce((s, o) => s + o.gpuCount, 0),
      };
    });
    if (!rows.length) return;
    await em.query(
      `INSERT INTO price_aggregates (network, gpu_model, at, min_usd, median_usd, max_usd, offers, gpus)
       SELECT $1, x.gpu_model, $2, x.min_usd, x.median_usd, x.max_usd, x.offers, x.gpus
       FROM jsonb_to_recordset($3::jsonb) AS x(gpu_model text, min_usd numeric, median_usd numeric, max_usd numeric, offers int, gpus int)`,
      [network, at, JSON.stringify(rows)],
    );
  }
}

/** Rows for one statement, as JSON objects, sent as one jsonb array of up to CHUNK rows. */
class Chunk {
  private rows: string[] = [];

  constructor(
    private readonly statements: StatementPipeline,
    private readonly sql: string,
    private readonly network?: string,
  ) {}

  /** True once the chunk is full: flush it. */
  add(row: string): boolean {
    return this.rows.push(row) >= CHUNK;
  }

  async flush(): Promise<void> {
    if (!this.rows.length) return;
    const rows = `[${this.rows.join(',')}]`;
    this.rows = [];
    await this.statements.send(this.sql, this.network === undefined ? [rows] : [this.network, rows]);
  }
}

interface OfferRow {
  network: string;
  offer_id: string;
  provider_id: string;
  provider_name: string | null;
  region: string | null;
  country: string | null;
  provider_attributes: Record<string, string> | null;
  gpu_label: string;
  gpu_model: string;
  gpu_count: number;
  gpu_vram_gb: string;
  fixed_count: boolean;
  cpu: string | null;
  memory_gb: string | null;
  disk_gb: string | null;
  native_price: PoolOffer['nativePrice'];
  price_kind: 'firm' | 'estimate';
  usd_per_gpu_hour: string;
  usd_per_hour: string;
  provenance: Record<string, unknown> & { gpuFamily?: string; stale?: boolean };
  signals: PoolOffer['signals'];
  observed_at: Date;
  published_at: Date;
  expires_at: Date;
}

/** Every column a sync writes for an offer but its times and its provenance, in the order the insert names them. */
function contentOf(o: PoolOffer, raw: unknown) {
  return {
    network: o.network,
    offer_id: o.offerId,
    provider_id: o.providerId,
    provider_name: o.providerName,
    region: o.region,
    country: o.country,
    provider_attributes: o.providerAttributes,
    gpu_label: o.gpuLabel,
    gpu_model: o.gpuModel,
    gpu_count: o.gpuCount,
    gpu_vram_gb: o.gpuVramGb,
    fixed_count: o.fixedCount,
    cpu: o.cpu,
    memory_gb: o.memoryGb,
    disk_gb: o.diskGb,
    native_price: o.nativePrice,
    price_kind: o.priceKind,
    usd_per_gpu_hour: o.usdPerGpuHour,
    usd_per_hour: o.usdPerHour,
    signals: o.signals,
    raw: raw ?? null,
  };
}

/**
 * The provenance as written: the family and staleness ride along in it so a rebuild needs no catalog lookup. Built
 * as text (jsonb keeps the last of two equal keys, as a spread would).
 */
function provenanceJson(o: PoolOffer): string {
  const own = JSON.stringify(o.provenance);
  const rider = `"gpuFamily":${JSON.stringify(o.gpuFamily)},"stale":${o.stale === true}`;
  return own === '{}' ? `{${rider}}` : `${own.slice(0, -1)},${rider}}`;
}

/** The publish time and expiry every offer of a checked snapshot shares (checkSnapshot gives them the same ones). */
function snapshotTimes(offers: PoolOffer[]): { publishedAt: string | null; expiresAt: string | null } {
  if (!offers.length) return { publishedAt: null, expiresAt: null };
  const { publishedAt, expiresAtMs } = offers[0];
  for (const o of offers) {
    if (o.expiresAtMs !== expiresAtMs || (o.publishedAt !== publishedAt && Date.parse(o.publishedAt) !== Date.parse(publishedAt)))
      throw new Error(`the offers of one ${o.network} snapshot must share its publish time and expiry (${o.offerId} does not)`);
  }
  return { publishedAt, expiresAt: new Date(expiresAtMs).toISOString() };
}

/** The loaded offers, sharing their repeated strings and values (see OfferCompactor). */
function compactRows(rows: OfferRow[]): PoolOffer[] {
  const compact = new OfferCompactor();
  return rows.map((r) => compact.offer(fromRow(r)));
}

function fromRow(r: OfferRow): PoolOffer {
  const { gpuFamily, stale, ...provenance } = r.provenance;
  return {
    network: r.network,
    offerId: r.offer_id,
    providerId: r.provider_id,
    providerName: r.provider_name,
    region: r.region,
    country: r.country,
    providerAttributes: r.provider_attributes,
    gpuLabel: r.gpu_label,
    gpuModel: r.gpu_model,
    gpuFamily: gpuFamily ?? r.gpu_model,
    gpuVramGb: Number(r.gpu_vram_gb),
    gpuCount: r.gpu_count,
    fixedCount: r.fixed_count,
    cpu: r.cpu === null ? null : Number(r.cpu),
    memoryGb: r.memory_gb === null ? null : Number(r.memory_gb),
    diskGb: r.disk_gb === null ? null : Number(r.disk_gb),
    nativePrice: r.native_price,
    priceKind: r.price_kind,
    usdPerGpuHour: r.usd_per_gpu_hour,
    usdPerHour: r.usd_per_hour,
    usdPerGpuHourMicros: toMicros(r.usd_per_gpu_hour),
    provenance,
    stale: Boolean(stale),
    signals: r.signals ?? {},
    observedAt: new Date(r.observed_at).toISOString(),
    publishedAt: new Date(r.published_at).toISOString(),
    expiresAtMs: new Date(r.expires_at).getTime(),
  };
}

function duration(sync: SyncRecord): number {
  return sync.finishedAt.getTime() - sync.startedAt.getTime();
}
