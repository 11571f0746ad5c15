import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface PlacementRecord {
  placements: number;
  successRate: number | null;
  medianTimeToRunningMs: number | null;
}

const CACHE_MS = 5_000;

/**
 * Switchyard's own record per network and provider: placement success and time to running over the last
 * day, from the job attempts table. Cached briefly; it feeds health scores, not a hot path.
 */
@Injectable()
export class PlacementRecordReader {
  private cache?: { at: number; networks: Map<string, PlacementRecord>; providers: Map<string, PlacementRecord> };

  constructor(private readonly dataSource: DataSource) {}

  async byNetwork(): Promise<Map<string, PlacementRecord>> {
    return (await this.load()).networks;
  }

  /** Keyed `network/providerId`. */
  async byProvider(): Promise<Map<string, PlacementRecord>> {
    return (await this.load()).providers;
  }

  private async load() {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache;
    const networks = new Map<string, PlacementRecord>();
    const providers = new Map<string, PlacementRecord>();
    const rows: Array<{ network: string; provider_id: string; placements: string; succeeded: string; median_ms: string | null }> = await this.dataSource.query(
      `SELECT network, provider_id, count(*) AS placements,
              count(*) FILTER (WHERE reached_running) AS succeeded,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (started_at - submitted_at)) * 1000) AS median_ms
       FROM job_attempts
       WHERE submitted_at > now() - interval '1 day' AND outcome IS NOT NULL
       GROUP BY GROUPING SETS ((network), (network, provider_id))`,
    );
    for (const r of rows) {
      const record = {
        placements: Number(r.placements),
        successRate: Number(r.placements) ? Number(r.succeeded) / Number(r.placements) : null,
        medianTimeToRunningMs: r.median_ms === null ? null : Number(r.median_ms),
      };
      if (r.provider_id === null) networks.set(r.network, record);
      else providers.set(`${r.network}/${r.provider_id}`, record);
    }
    this.cache = { at: Date.now(), networks, providers };
    return this.cache;
  }
}
