// How many offers match a listing's filters, remembered per index revision for a second: counting walks every
// matching offer, while a page sorted by price needs only its first few. A total may lag expiries and score
// changes by up to TOTAL_TTL_MS; the page itself is always computed fresh.
const TOTAL_TTL_MS = 1_000;
const MAX_ENTRIES = 1_000;

export class ListingTotals {
  private readonly totals = new Map<string, { revision: number; atMs: number; total: number }>();

  get(filters: string, revision: number, nowMs: number): number | undefined {
    const hit = this.totals.get(filters);
    return hit && hit.revision === revision && nowMs - hit.atMs < TOTAL_TTL_MS ? hit.total : undefined;
  }

  /** When the total remembered for these filters will be counted again; undefined when none is remembered. */
  recountAtMs(filters: string): number | undefined {
    const hit = this.totals.get(filters);
    return hit && hit.atMs + TOTAL_TTL_MS;
  }

  set(filters: string, revision: number, nowMs: number, total: number): void {
    if (this.totals.size >= MAX_ENTRIES) this.totals.clear();
    this.totals.set(filters, { revision, atMs: nowMs, total });
  }
}
