// Requests per key per minute, counted in Postgres so the limit holds across every replica. A replica does not
// ask for every request: it claims a block of the window's allowance at a time (one upsert on a (key, minute)
// row of an UNLOGGED table, on the database's clock so replicas agree on the window) and spends it locally.
// The count in Postgres is what was claimed, so the limit is never exceeded; what a replica claimed and did not
// spend by the window's end is lost, so a key may get up to (replicas × block) fewer requests than its limit.
// A block is 2% of the limit (1 for limits under 100/min, which is then exactly one upsert per request).
// Fixed windows allow a burst of up to 2x the limit across a window edge.
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { DataSource } from 'typeorm';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  resetSeconds: number;
}

const MAX_BLOCK = 1_000;

/** How many requests one claim takes from the window: 2% of the limit, at least 1, at most 1,000. */
export function claimBlock(limitPerMinute: number): number {
  return Math.min(MAX_BLOCK, Math.max(1, Math.floor(limitPerMinute / 50)));
}

/** This replica's part of one key's current window. */
interface LocalWindow {
  limit: number;
  /** Requests this replica may still allow without asking. */
  tokens: number;
  /** The window's count in Postgres after this replica's last claim. */
  claimed: number;
  /** The window is used up: Postgres granted less than a full block. */
  exhausted: boolean;
  /** When the window ends, on this replica's clock. */
  endsAtMs: number;
  claiming?: Promise<void>;
}

@Injectable()
export class RateLimiter implements BeforeApplicationShutdown {
  private readonly logger = new Logger('rate-limit');
  private readonly windows = new Map<string, LocalWindow>();
  private sweeping?: Promise<void>;
  private stopping = false;

  constructor(private readonly db: DataSource) {}

  async consume(bucket: string, limitPerMinute: number): Promise<RateDecision> {
    for (;;) {
      const now = Date.now();
      let w = this.windows.get(bucket);
      if (!w || w.endsAtMs <= now || w.limit !== limitPerMinute) {
        if (w?.claiming) await w.claiming.catch(() => undefined);
        w = { limit: limitPerMinute, tokens: 0, claimed: 0, exhausted: false, endsAtMs: Number.POSITIVE_INFINITY };
        this.windows.set(bucket, w);
      }
      const resetSeconds = Math.max(1, Math.ceil((w.endsAtMs - now) / 1000));
      if (w.tokens > 0) {
        w.tokens--;
        return { allowed: true, limit: limitPerMinute, remaining: Math.max(0, limitPerMinute - w.claimed + w.tokens), resetSeconds };
      }
      if (w.exhausted) return { allowed: false, limit: limitPerMinute, remaining: 0, resetSeconds };
      // Concurrent requests share one claim, then take from what it granted.
      w.claiming ??= this.claim(bucket, w).finally(() => (w!.claiming = undefined));
      await w.claiming;
    }
  }

  private async claim(bucket: string, w: LocalWindow): Promise<void> {
    const block = claimBlock(w.limit);
    const rows: Array<{ count: number; reset_ms: number }> = await this.db.query(
      `INSERT INTO rate_limit_windows (bucket, window_start, count) VALUES ($1, date_trunc('minute', now()), $2)
       ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_limit_windows.count + $2
       RETURNING count, CEIL(EXTRACT(EPOCH FROM (window_start + interval '1 minute' - clock_timestamp())) * 1000)::int AS reset_ms`,
      [bucket, block],
    );
    const { count, reset_ms } = rows[0]!;
    const before = count - block;
    const granted = Math.max(0, Math.min(block, w.limit - before));
    w.tokens += granted;
    w.claimed = count;
    w.exhausted = granted < block;
    w.endsAtMs = Date.now() + Math.max(0, Number(reset_ms));
  }

  /** Old windows are useless; any replica may sweep them (the delete is idempotent). */
  @Interval('accounts.rate-limit-sweep', 60_000)
  sweep(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.sweeping ??= this.sweepOnce().finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  /** The interval runs until the scheduler stops, after this: no sweep starts, the running one finishes first. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    const now = Date.now();
    for (const [bucket, w] of this.windows) if (w.endsAtMs <= now && !w.claiming) this.windows.delete(bucket);
    try {
      await this.db.query(`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '2 minutes'`);
    } catch (err) {
      this.logger.warn(`rate-limit sweep failed: ${(err as Error).message}`);
    }
  }
}
