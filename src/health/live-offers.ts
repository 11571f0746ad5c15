// What health reads of the offer pool, owned here so that health does not import the pool (health sits below it,
// see LAYERS): a network's live offers in this replica's index and the index size. PoolModule binds it.
import type { OfferSignals } from '../../adapters/sdk';

/** A live offer as health sees it: its upstream signals and how many GPUs it holds. */
export interface LiveOffer {
  signals: OfferSignals;
  gpuCount: number;
  /** When the offer expires (ms since the epoch). */
  expiresAtMs: number;
}

export interface LiveOffers {
  /** The network's offers in this replica's index that have not expired at `nowMs`. */
  ofNetwork(network: string, nowMs: number): LiveOffer[];
  /** Changes whenever the index does: what was counted at one revision holds until the first counted offer expires. */
  revision(): number;
  /** Offers held in the in-memory index. */
  indexSize(): number;
}

/** The Nest injection token for LiveOffers (provided by PoolModule). */
export const LIVE_OFFERS = Symbol('LIVE_OFFERS');
