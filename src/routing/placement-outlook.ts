// Expected time to placement and placement success for an offer, from Switchyard's own record (pure).
// The record is kept at three levels: network, network + GPU, network + provider + GPU. Each figure comes from
// the narrowest level that has enough samples, and says which level and how many samples it rests on.
import type { PoolOffer } from '../pool/pool-offer';
import type { PlacementOutlook } from './routing.types';

export interface PlacementTally {
  /** Finished placements, and placements that reached running (finished or not). */
  placements: number;
  reachedRunning: number;
  /** Median milliseconds from submit to running, over those that reached running. */
  medianStartMs: number | null;
}

export interface PlacementBook {
  /** Keyed by recordKey(network, providerId?, gpuModel?). */
  tallies: ReadonlyMap<string, PlacementTally>;
  /** Our own jobs waiting for a network and GPU (routed, not yet placed), keyed `network/gpuModel`. */
  queued: ReadonlyMap<string, number>;
}

/** Start times rest on this many placements that reached running before they are used. */
export const MIN_START_SAMPLES = 3;
/** Success rates rest on this many placements before they are shown from a level (the router needs 5 to reorder). */
export const MIN_RATE_SAMPLES = 3;

export function recordKey(network: string, providerId?: string, gpuModel?: string): string {
  return `${network}|${providerId ?? ''}|${gpuModel ?? ''}`;
}

export const EMPTY_BOOK: PlacementBook = { tallies: new Map(), queued: new Map() };

export function placementOutlook(book: PlacementBook, offer: Pick<PoolOffer, 'network' | 'providerId' | 'gpuModel'>): PlacementOutlook {
  const levels: Array<[string, PlacementTally | undefined]> = [
    ['provider and GPU', book.tallies.get(recordKey(offer.network, offer.providerId, offer.gpuModel))],
    ['network and GPU', book.tallies.get(recordKey(offer.network, undefined, offer.gpuModel))],
    ['network', book.tallies.get(recordKey(offer.network))],
  ];
  const queuedAhead = book.queued.get(`${offer.network}/${offer.gpuModel}`) ?? 0;
  const start = levels.find(([, t]) => t && t.medianStartMs !== null && t.reachedRunning >= MIN_START_SAMPLES);
  const rate = levels.find(([, t]) => t && t.placements >= MIN_RATE_SAMPLES);
  const startTally = start?.[1];
  const rateTally = rate?.[1];
  return {
    // Our own orders ahead go first; each holds the GPU about as long as a placement takes to start.
    expectedStartMs: startTally ? Math.round(startTally.medianStartMs! * (1 + queuedAhead)) : null,
    startSamples: startTally?.reachedRunning ?? 0,
    queuedAhead,
    successRate: rateTally ? rateTally.reachedRunning / rateTally.placements : null,
    successSamples: rateTally?.placements ?? 0,
    basis: start?.[0] ?? rate?.[0] ?? 'none',
  };
}
