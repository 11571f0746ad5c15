// Expected time to placement and placement success for an offer, from Switchyard's own record (pure).
// The record is kept at three levels: network, network + GPU, network + provider + GPU. Each figure comes from
// the narrowest level that has enough samples, and says which level and how many samples it rests on.
// Looked up for every eligible offer of a route: nested maps, no string building, one shared answer for
// networks without a record.
import type { PoolOffer } from './pool-offer';

/**
 * What Switchyard's own record says about placing a job on an offer: time from submit to running (per network,
 * provider and GPU, the narrowest level with samples) plus our own orders queued ahead of it, and how often
 * placements there reached running. Each figure says how many samples it rests on.
 */
export interface PlacementOutlook {
  /** Expected milliseconds from submit to running, queue ahead included; null without a record. */
  expectedStartMs: number | null;
  /** Placements that reached running the time rests on. */
  startSamples: number;
  /** Our own orders for this network and GPU waiting ahead of the job. */
  queuedAhead: number;
  /** Share of finished placements that reached running; null without a record. */
  successRate: number | null;
  /** Finished placements the rate rests on. */
  successSamples: number;
  /** The level of the record used: 'provider and GPU', 'network and GPU', 'network' or 'none'. */
  basis: string;
}

export interface PlacementTally {
  /** Finished placements, and placements that reached running (finished or not). */
  placements: number;
  reachedRunning: number;
  /** Median milliseconds from submit to running, over those that reached running. */
  medianStartMs: number | null;
}

/** One row of the record: provider and GPU absent at the coarser levels. */
export interface TallyRow extends PlacementTally {
  network: string;
  providerId?: string;
  gpuModel?: string;
}

interface GpuRecord {
  tally?: PlacementTally;
  providers: Map<string, PlacementTally>;
  /** Our own jobs waiting for this network and GPU (routed, not yet placed). */
  queued: number;
  /** Worked out once per book: for providers with a record of their own, and for the others. */
  outlooks: Map<string, PlacementOutlook>;
  outlook: PlacementOutlook;
}

interface NetworkRecord {
  tally?: PlacementTally;
  gpus: Map<string, GpuRecord>;
  /** For GPUs of this network without a record of their own. */
  outlook: PlacementOutlook;
}

export type PlacementBook = ReadonlyMap<string, NetworkRecord>;

/** A success rate rests on at least this many finished placements before it changes the order of candidates. */
export const MIN_SUCCESS_SAMPLES = 5;

/** Start times rest on this many placements that reached running before they are used. */
export const MIN_START_SAMPLES = 3;
/** Success rates rest on this many placements before they are shown from a level (the router needs 5 to reorder). */
export const MIN_RATE_SAMPLES = 3;

const UNKNOWN: PlacementOutlook = Object.freeze({
  expectedStartMs: null,
  startSamples: 0,
  queuedAhead: 0,
  successRate: null,
  successSamples: 0,
  basis: 'none',
});

export function placementBook(rows: readonly TallyRow[], waiting: ReadonlyArray<{ network: string; gpuModel: string; n: number }>): PlacementBook {
  const book = new Map<string, NetworkRecord>();
  const network = (id: string) => book.get(id) ?? book.set(id, { gpus: new Map(), outlook: UNKNOWN }).get(id)!;
  const gpu = (n: NetworkRecord, id: string) =>
    n.gpus.get(id) ?? n.gpus.set(id, { providers: new Map(), queued: 0, outlooks: new Map(), outlook: UNKNOWN }).get(id)!;
  for (const r of rows) {
    const tally = { placements: r.placements, reachedRunning: r.reachedRunning, medianStartMs: r.medianStartMs };
    const n = network(r.network);
    if (r.gpuModel === undefined) n.tally = tally;
    else if (r.providerId === undefined) gpu(n, r.gpuModel).tally = tally;
    else gpu(n, r.gpuModel).providers.set(r.providerId, tally);
  }
  for (const w of waiting) gpu(network(w.network), w.gpuModel).queued = w.n;
  for (const n of book.values()) {
    n.outlook = outlookOf(n, undefined, undefined);
    for (const g of n.gpus.values()) {
      g.outlook = outlookOf(n, g, undefined);
      for (const [id, p] of g.providers) g.outlooks.set(id, outlookOf(n, g, p));
    }
  }
  return book;
}

/** A lookup per eligible offer of a route: two or three map reads, nothing built. */
export function placementOutlook(book: PlacementBook, offer: Pick<PoolOffer, 'network' | 'providerId' | 'gpuModel'>): PlacementOutlook {
  const n = book.get(offer.network);
  if (!n) return UNKNOWN;
  const g = n.gpus.get(offer.gpuModel);
  if (!g) return n.outlook;
  return g.outlooks.get(offer.providerId) ?? g.outlook;
}

/**
 * The highest placement success rate an offer of these networks can be ranked with: rates resting on fewer than
 * `minSamples` placements, and offers without a record (a network the book does not know), count as 1. Since
 * expected cost = list price ÷ rate, list price ÷ this ceiling bounds every offer's expected cost from below.
 */
export function successCeiling(book: PlacementBook, networks: Iterable<string>, minSamples: number): number {
  const used = (o: PlacementOutlook) => (o.successRate === null || o.successSamples < minSamples ? 1 : o.successRate);
  let ceiling = 0;
  for (const id of networks) {
    const n = book.get(id);
    if (!n) return 1;
    ceiling = Math.max(ceiling, used(n.outlook));
    for (const g of n.gpus.values()) {
      ceiling = Math.max(ceiling, used(g.outlook));
      for (const o of g.outlooks.values()) ceiling = Math.max(ceiling, used(o));
    }
    if (ceiling >= 1) return 1;
  }
  return ceiling || 1;
}

function outlookOf(n: NetworkRecord, g: GpuRecord | undefined, p: PlacementTally | undefined): PlacementOutlook {
  const queuedAhead = g?.queued ?? 0;
  const startsAt = (t?: PlacementTally) => t !== undefined && t.medianStartMs !== null && t.reachedRunning >= MIN_START_SAMPLES;
  const ratesAt = (t?: PlacementTally) => t !== undefined && t.placements >= MIN_RATE_SAMPLES;
  const start = startsAt(p) ? p : startsAt(g?.tally) ? g!.tally : startsAt(n.tally) ? n.tally : undefined;
  const rate = ratesAt(p) ? p : ratesAt(g?.tally) ? g!.tally : ratesAt(n.tally) ? n.tally : undefined;
  if (!start && !rate && !queuedAhead) return UNKNOWN;
  const basisOf = (t: PlacementTally) => (t === p ? 'provider and GPU' : t === g?.tally ? 'network and GPU' : 'network');
  return {
    // Our own orders ahead go first; each holds the GPU about as long as a placement takes to start.
    expectedStartMs: start ? Math.round(start.medianStartMs! * (1 + queuedAhead)) : null,
    startSamples: start?.reachedRunning ?? 0,
    queuedAhead,
    successRate: rate ? rate.reachedRunning / rate.placements : null,
    successSamples: rate?.placements ?? 0,
    basis: start ? basisOf(start) : rate ? basisOf(rate) : 'none',
  };
}
