import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MIN_SUCCESS_SAMPLES, PlacementBook, placementBook, placementOutlook, successCeiling, type PlacementOutlook } from './placement-outlook';
import type { PoolOffer } from './pool-offer';

const REFRESH_MS = 5_000;

/**
 * Switchyard's own record of placing jobs (the last day of attempts: how many reached running and how long from
 * submit to running, per network, GPU and provider) and our jobs waiting for each network and GPU, read from
 * Postgres every five seconds so quotes and routing read it from memory.
 */
@Injectable()
export class PlacementOutlookService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('placement-outlook');
  private book: PlacementBook = new Map();
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  of = (offer: PoolOffer): PlacementOutlook => placementOutlook(this.book, offer);

  /** The book `of` reads: replaced by each refresh, never changed in place (its identity says which). */
  get currentBook(): PlacementBook {
    return this.book;
  }

  private ceiling?: { book: PlacementBook; networks: string; value: number };

  /** The highest success rate the router may rank an offer of these networks with (worked out once per record). */
  successCeiling(networks: Iterable<string>): number {
    const key = [...networks].join(',');
    if (this.ceiling?.book !== this.book || this.ceiling.networks !== key) {
      this.ceiling = { book: this.book, networks: key, value: successCeiling(this.book, key.split(','), MIN_SUCCESS_SAMPLES) };
    }
    return this.ceiling.value;
  }

  async refresh(): Promise<void> {
    try {
      const rows: Array<{
        network: string;
        provider_id: string | null;
        gpu_model: string | null;
        placements: number;
        reached: number;
        median_ms: number | null;
      }> = await this.dataSource.query(
        `SELECT network, provider_id, gpu_model,
                count(*)::int AS placements,
                count(*) FILTER (WHERE reached_running)::int AS reached,
                (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (started_at - submitted_at)) * 1000)
                   FILTER (WHERE reached_running AND started_at IS NOT NULL))::float8 AS median_ms
         FROM job_attempts
         WHERE submitted_at > now() - interval '1 day' AND (outcome IS NOT NULL OR reached_running)
         GROUP BY GROUPING SETS ((network), (network, gpu_model), (network, provider_id, gpu_model))`,
      );
      const waiting: Array<{ network: string; gpu_model: string; n: number }> = await this.dataSource.query(
        `SELECT a.network, a.gpu_model, count(*)::int AS n FROM jobs j JOIN job_attempts a ON a.id = j.current_attempt_id
         WHERE j.state = 'routing' GROUP BY 1, 2`,
      );
      this.book = placementBook(
        rows.map((r) => ({
          network: r.network,
          providerId: r.provider_id ?? undefined,
          gpuModel: r.gpu_model ?? undefined,
          placements: r.placements,
          reachedRunning: r.reached,
          medianStartMs: r.median_ms,
        })),
        waiting.map((w) => ({ network: w.network, gpuModel: w.gpu_model, n: w.n })),
      );
    } catch (err) {
      this.logger.warn(`could not read the placement record: ${(err as Error).message}`);
    }
  }
}
