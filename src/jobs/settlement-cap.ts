import Decimal from 'decimal.js';
import type { Candidate } from '../routing/routing.types';
import { SETTLEMENT_HEADROOM } from '../routing/settlement-headroom';

export interface SettlementCapInput {
  /** The user's own cap (maxUsdPerGpuHour), if the job has one: it always wins. */
  userCap?: string;
  /** The attempt's quote for the whole job, USD per hour. */
  quotedUsdPerHour: string;
  gpus: number;
  /** The network the attempt goes to. */
  network: string;
  /** The routing decision's candidates, best first (the attempt's offer is the first). */
  candidates: ReadonlyArray<Pick<Candidate, 'network' | 'priceKind' | 'effectiveUsdPerHour'>>;
}

/**
 * The most a network that settles its price at submit (an Akash bid) may charge per GPU-hour for an attempt.
 * The user's cap when the job has one. Otherwise the quote plus the headroom, but no more than the first firm
 * offer ranked behind it on another network: a dearer bid would no longer be the cheapest capable placement,
 * and failing over to that offer serves the user better. Never below the quote itself.
 */
export function settlementCap(input: SettlementCapInput): { usdPerGpuHour: string; basis: string } {
  if (input.userCap) return { usdPerGpuHour: input.userCap, basis: 'the job’s maxUsdPerGpuHour' };
  const gpus = input.gpus || 1;
  const quote = new Decimal(input.quotedUsdPerHour).div(gpus);
  const headroom = quote.mul(SETTLEMENT_HEADROOM);
  const runnerUp = input.candidates.slice(1).find((c) => c.network !== input.network && c.priceKind === 'firm');
  const alternative = runnerUp && new Decimal(runnerUp.effectiveUsdPerHour).div(gpus);
  if (alternative && alternative.lt(headroom)) {
    return { usdPerGpuHour: Decimal.max(quote, alternative).toDecimalPlaces(6).toString(), basis: `the next firm offer, on ${runnerUp!.network}` };
  }
  return {
    usdPerGpuHour: headroom.toDecimalPlaces(6).toString(),
    basis: `the quote plus ${new Decimal(SETTLEMENT_HEADROOM).minus(1).times(100).toString()} %`,
  };
}
