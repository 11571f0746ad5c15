import type { PriceNormalizer } from './snapshot-check';

/** Binds the FX quotes current at sync time into a normalizer for that sync's snapshot. */
export interface OfferPricer {
  forSync(now: Date): Promise<PriceNormalizer>;
}

export const OFFER_PRICER = Symbol('OFFER_PRICER');
