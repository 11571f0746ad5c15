// What an Akash GPU is quoted at before any provider bids. The Console's gpu-prices gives, per GPU model, the
// spread of recent bids (min, median, max) and how many providers have one free now. A deployment is settled
// by the cheapest bid among the providers that can take it, so the median is too low when few of them are
// free (with one free provider, its bid is above the median half the time). The quote is instead the price
// that the cheapest of k free providers is expected to meet with a given confidence: the quantile
// 1 − (1 − confidence)^(1/k) of the bid spread, read off min / median / max by linear interpolation.
import Decimal from 'decimal.js';

/**
 * The share of deployments whose winning bid should come in at or below the quote. Above the target of 95 %
 * because the spread's shape is known only through three points: at 0.95 the market truth check measured
 * 84–89 % of Akash placements at or below their quote, at 0.98 91–95 % (issue #12's note).
 */
export const QUOTE_CONFIDENCE = 0.98;

export interface BidSpread {
  min: number;
  med: number;
  max: number;
}

export interface MarketEstimate {
  usdPerGpuHour: Decimal;
  /** The quantile of the bid spread quoted (0.5 = the median). */
  quantile: number;
}

/**
 * The quote for one GPU-hour given the spread of recent bids and the number of providers with the GPU free;
 * the median when that number is unknown (older Console versions do not send providerAvailability).
 */
export function estimateFromSpread(spread: BidSpread, providersFree: number | undefined, confidence = QUOTE_CONFIDENCE): MarketEstimate {
  const quantile = providersFree === undefined || providersFree < 1 ? 0.5 : 1 - Math.pow(1 - confidence, 1 / providersFree);
  return { usdPerGpuHour: atQuantile(spread, quantile), quantile };
}

function atQuantile({ min, med, max }: BidSpread, q: number): Decimal {
  const lo = new Decimal(String(min));
  const mid = new Decimal(String(med));
  const hi = new Decimal(String(max));
  // A spread that is not ordered (rounding, or a model with one bid) is read as the median alone.
  if (lo.gt(mid) || mid.gt(hi)) return mid;
  const share = new Decimal(q);
  return q <= 0.5 ? lo.plus(mid.minus(lo).times(share.times(2))) : mid.plus(hi.minus(mid).times(share.minus(0.5).times(2)));
}
