// Price history in time buckets for GET /v1/pricing/history (pure). Input rows are the per-sync price
// aggregates (min / median / max USD per GPU-hour per network and GPU model); a bucket reports the min of
// the mins, the median of the medians, the max of the maxes and how many samples fell in it.
import { formatMoney, maxOf, median, minOf, Money } from './money';

export interface PriceHistoryRow {
  at: Date | string;
  network: string;
  gpuModel: string;
  minUsd: string;
  medianUsd: string;
  maxUsd: string;
}

export type PriceHistoryBucket = 'hour' | 'day' | 'week';

const BUCKET_MS: Record<PriceHistoryBucket, number> = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 };
// Weeks start on Monday (1970-01-01 was a Thursday: shift by 3 days).
const WEEK_OFFSET_MS = 3 * 86_400_000;

export interface PriceHistoryPoint {
  network: string;
  gpuModel: string;
  /** Bucket start and end (exclusive), ISO-8601 UTC. */
  start: string;
  end: string;
  minUsd: string;
  medianUsd: string;
  maxUsd: string;
  count: number;
}

export function bucketPriceHistory(rows: readonly PriceHistoryRow[], bucket: PriceHistoryBucket): PriceHistoryPoint[] {
  const size = BUCKET_MS[bucket];
  const offset = bucket === 'week' ? WEEK_OFFSET_MS : 0;
  const groups = new Map<string, { network: string; gpuModel: string; startMs: number; rows: PriceHistoryRow[] }>();
  for (const row of rows) {
    const t = new Date(row.at).getTime();
    if (!Number.isFinite(t)) continue;
    const startMs = Math.floor((t + offset) / size) * size - offset;
    const key = `${row.network}|${row.gpuModel}|${startMs}`;
    const g = groups.get(key) ?? { network: row.network, gpuModel: row.gpuModel, startMs, rows: [] };
    g.rows.push(row);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({
      network: g.network,
      gpuModel: g.gpuModel,
      start: new Date(g.startMs).toISOString(),
      end: new Date(g.startMs + size).toISOString(),
      minUsd: formatMoney(minOf(g.rows.map((r) => new Money(r.minUsd))), 6),
      medianUsd: formatMoney(median(g.rows.map((r) => new Money(r.medianUsd))), 6),
      maxUsd: formatMoney(maxOf(g.rows.map((r) => new Money(r.maxUsd))), 6),
      count: g.rows.length,
    }))
    .sort((a, b) => a.gpuModel.localeCompare(b.gpuModel) || a.network.localeCompare(b.network) || a.start.localeCompare(b.start));
}
