// Which bid to accept. The job was quoted at the offer's market estimate, so a bid at or below that quote is
// preferred — the routed provider's, else the cheapest such bid. Only then the cap decides: the routed
// provider's bid within the cap (the router picked it for price and health), else the cheapest within the
// cap, else none (no_capacity). Before any of that, bids from providers the job's placement excludes (outside
// its regions, in an excluded region, an excluded provider, not audited by an allowed auditor) are refused
// whatever their price.
import Decimal from 'decimal.js';
import type { AkashBid } from './akash.wire';

export interface BidChoice {
  bid?: AkashBid;
  /** Why this bid (or why none), for the job's timeline. */
  reason: string;
}

export interface BidCriteria {
  preferredProvider: string;
  /** Cap for the whole deployment per block, in base units of `denom`. */
  capPerBlock: string;
  /** The quoted price of the deployment per block (the offer's estimate), when known. */
  quotePerBlock?: string;
  denom: string;
  /** Why a provider may not win this job (placement, audit), or undefined when it may; absent: every provider may. */
  refuse?: (provider: string) => string | undefined;
}

export function withinCap(bid: AkashBid, criteria: Pick<BidCriteria, 'capPerBlock' | 'denom'>): boolean {
  return bid.bid.price.denom === criteria.denom && new Decimal(bid.bid.price.amount).lte(criteria.capPerBlock);
}

export function selectBid(bids: AkashBid[], criteria: BidCriteria): BidChoice {
  const allOpen = bids.filter((b) => b.bid.state === 'open');
  if (allOpen.length === 0) return { reason: 'no open bids' };
  const refused = allOpen.flatMap((b) => {
    const why = criteria.refuse?.(b.bid.id.provider);
    return why ? [`${b.bid.id.provider} (${why})`] : [];
  });
  const open = refused.length ? allOpen.filter((b) => !criteria.refuse?.(b.bid.id.provider)) : allOpen;
  if (open.length === 0) return { reason: `${allOpen.length} bid(s), all from providers the job's placement refuses: ${refused.join(', ')}` };
  const choice = selectAmong(open, criteria);
  return refused.length ? { ...choice, reason: `${choice.reason}; refused ${refused.length} bid(s) breaking the placement: ${refused.join(', ')}` } : choice;
}

function selectAmong(open: AkashBid[], criteria: BidCriteria): BidChoice {
  const affordable = open.filter((b) => withinCap(b, criteria));
  if (criteria.quotePerBlock !== undefined) {
    const atQuote = affordable.filter((b) => withinCap(b, { capPerBlock: criteria.quotePerBlock!, denom: criteria.denom }));
    const routed = atQuote.find((b) => b.bid.id.provider === criteria.preferredProvider);
    if (routed) return { bid: routed, reason: `routed provider ${criteria.preferredProvider} bid at or below the quote` };
    if (atQuote.length) {
      const cheapest = [...atQuote].sort(byPrice)[0];
      return { bid: cheapest, reason: `cheapest bid at or below the quote, from ${cheapest.bid.id.provider}` };
    }
  }
  const preferred = affordable.find((b) => b.bid.id.provider === criteria.preferredProvider);
  if (preferred) return { bid: preferred, reason: `routed provider ${criteria.preferredProvider} bid within the cap` };
  if (affordable.length === 0) {
    const cheapest = [...open].sort(byPrice)[0];
    return {
      reason: `${open.length} bid(s), none within the cap of ${criteria.capPerBlock} ${criteria.denom}/block (cheapest ${cheapest.bid.price.amount} ${cheapest.bid.price.denom})`,
    };
  }
  const cheapest = [...affordable].sort(byPrice)[0];
  const routed = open.some((b) => b.bid.id.provider === criteria.preferredProvider) ? 'bid above the cap' : 'did not bid';
  return { bid: cheapest, reason: `routed provider ${routed}; cheapest bid within the cap from ${cheapest.bid.id.provider}` };
}

/**
 * Whether waiting for more bids can no longer improve the choice: the routed provider has an open bid, at or
 * below the quote when the quote is known. A routed bid above the quote keeps the window open, because a
 * cheaper provider may still bid (real bids keep arriving for 30–60 s).
 */
export function biddingSettled(bids: AkashBid[], criteria: BidCriteria): boolean {
  return bids.some(
    (b) =>
      b.bid.state === 'open' &&
      b.bid.id.provider === criteria.preferredProvider &&
      !criteria.refuse?.(b.bid.id.provider) &&
      (criteria.quotePerBlock === undefined || withinCap(b, { capPerBlock: criteria.quotePerBlock, denom: criteria.denom })),
  );
}

function byPrice(a: AkashBid, b: AkashBid): number {
  const d = new Decimal(a.bid.price.amount).cmp(b.bid.price.amount);
  return d !== 0 ? d : a.bid.id.provider.localeCompare(b.bid.id.provider);
}
