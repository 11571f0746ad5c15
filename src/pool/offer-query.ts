// Filtering, sorting and keyset pagination of the offer listing (pure, over the in-memory index).
import type { PoolOffer } from './pool-offer';
import { regionMatches } from './region';

export interface OfferQuery {
  /** Canonical GPU ids the listing may show (resolved from `gpu`); undefined = any. */
  gpuModels?: Set<string>;
  minCount?: number;
  minVramGb?: number;
  region?: string;
  country?: string;
  networks?: Set<string>;
  maxUsdPerGpuHourMicros?: number;
  minScore?: number;
  firmOnly?: boolean;
  sort: 'price' | 'score' | 'freshness';
  limit: number;
  cursor?: string;
}

export interface ScoredOffer {
  offer: PoolOffer;
  score: number;
}

/** Where a page ended: the sort value, then network and offer id (ties are ordered by those, code unit by code unit). */
interface CursorKey {
  v: number;
  n: string;
  o: string;
}

/**
 * One page of the listing. `lists`: the index's price-sorted per-model lists when the query names GPUs (only those
 * are walked), else the whole pool's price-sorted list. Sorted by price, a page needs only the first `limit + 1`
 * matches after the cursor of each list (the lists are in the listing's own order), so nothing is sorted but those;
 * the other sorts collect every match. Either way every match is counted for `total`.
 */
export function queryOffers(
  lists: ReadonlyArray<readonly PoolOffer[]>,
  scoreOf: (o: PoolOffer) => number,
  q: OfferQuery,
  nowMs: number,
  /** The number of matches when the caller already knows it: a price page then stops walking early. */
  knownTotal?: number,
) {
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const keyOf = sortKey(q.sort);
  const byPrice = q.sort === 'price';
  const needScores = q.minScore !== undefined || q.sort === 'score';
  const candidates: ScoredOffer[] = [];
  let total = 0;
  for (const offers of lists) {
    let taken = 0;
    for (const offer of offers) {
      if (!matches(offer, q, nowMs)) continue;
      // Scores cost a lookup each: computed here only when the filter or the sort needs them, else per page item.
      const score = needScores ? scoreOf(offer) : -1;
      if (q.minScore !== undefined && score < q.minScore) continue;
      total++;
      if (byPrice && taken > q.limit) {
        if (knownTotal !== undefined) break;
        continue;
      }
      const m = { offer, score };
      if (after && compareToCursor(m, keyOf, after) <= 0) continue;
      candidates.push(m);
      taken++;
    }
  }
  candidates.sort((a, b) => keyOf(a) - keyOf(b) || compareIds(a.offer, b.offer));
  const page = candidates.slice(0, q.limit);
  if (!needScores) for (const m of page) m.score = scoreOf(m.offer);
  const last = page[page.length - 1];
  const nextCursor = last && candidates.length > q.limit ? encodeCursor({ v: keyOf(last), n: last.offer.network, o: last.offer.offerId }) : null;
  return { total: knownTotal ?? total, items: page, nextCursor };
}

function matches(offer: PoolOffer, q: OfferQuery, nowMs: number): boolean {
  if (offer.expiresAtMs <= nowMs) return false;
  if (q.gpuModels && !q.gpuModels.has(offer.gpuModel)) return false;
  if (q.minCount !== undefined && offer.gpuCount < q.minCount) return false;
  if (q.minVramGb !== undefined && offer.gpuVramGb < q.minVramGb) return false;
  if (q.region && !regionMatches(offer.region, q.region)) return false;
  if (q.country && offer.country?.toLowerCase() !== q.country.toLowerCase()) return false;
  if (q.networks && !q.networks.has(offer.network)) return false;
  if (q.maxUsdPerGpuHourMicros !== undefined && offer.usdPerGpuHourMicros > q.maxUsdPerGpuHourMicros) return false;
  if (q.firmOnly && offer.priceKind !== 'firm') return false;
  return true;
}

/** The listing's (and the index's) order among equal sort values: network, then offer id, by code units. */
export function compareIds(a: Pick<PoolOffer, 'network' | 'offerId'>, b: Pick<PoolOffer, 'network' | 'offerId'>): number {
  return byCodeUnits(a.network, b.network) || byCodeUnits(a.offerId, b.offerId);
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareToCursor(m: ScoredOffer, keyOf: (m: ScoredOffer) => number, after: CursorKey): number {
  return keyOf(m) - after.v || compareIds(m.offer, { network: after.n, offerId: after.o });
}

function sortKey(sort: OfferQuery['sort']): (m: ScoredOffer) => number {
  if (sort === 'score') return (m) => -m.score;
  if (sort === 'freshness') return (m) => -Date.parse(m.offer.observedAt);
  return (m) => m.offer.usdPerGpuHourMicros;
}

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export class InvalidCursorError extends Error {}

export function decodeCursor(cursor: string): CursorKey {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorKey;
    if (typeof key.v !== 'number' || typeof key.n !== 'string' || typeof key.o !== 'string') throw new Error('shape');
    return key;
  } catch {
    throw new InvalidCursorError('cursor is not one this API issued');
  }
}
