import { biddingSettled, selectBid } from './akash.bids';
import type { AkashBid } from './akash.wire';

const ROUTED = 'akash1routedprovider0000000000000000000000000';
const CHEAP = 'akash1cheapprovider00000000000000000000000000';
const OTHER = 'akash1otherprovider00000000000000000000000000';

function bid(provider: string, amount: string, state = 'open', denom = 'uact'): AkashBid {
  return {
    bid: { id: { owner: 'akash1owner', dseq: '21432187', gseq: 1, oseq: 1, provider, bseq: 0 }, state, price: { denom, amount } },
  };
}

const criteria = { preferredProvider: ROUTED, capPerBlock: '6667', denom: 'uact' };

describe('selectBid', () => {
  it('prefers a bid at or below the quote: the routed provider’s, else the cheapest such bid', () => {
    const quoted = { ...criteria, quotePerBlock: '4000' };
    const routedAtQuote = selectBid([bid(CHEAP, '3000'), bid(ROUTED, '3900')], quoted);
    expect(routedAtQuote.bid?.bid.id.provider).toBe(ROUTED);
    const routedAboveQuote = selectBid([bid(OTHER, '3500'), bid(CHEAP, '3000'), bid(ROUTED, '5000')], quoted);
    expect(routedAboveQuote.bid?.bid.id.provider).toBe(CHEAP);
    expect(routedAboveQuote.reason).toMatch(/at or below the quote/);
    const noneAtQuote = selectBid([bid(CHEAP, '4500'), bid(ROUTED, '5000')], quoted);
    expect(noneAtQuote.bid?.bid.id.provider).toBe(ROUTED); // then the cap decides, as before
  });

  it('takes the routed provider’s bid when it is within the cap, even if another bid is cheaper', () => {
    const choice = selectBid([bid(CHEAP, '3000.000000000000000000'), bid(ROUTED, '5000.000000000000000000')], criteria);
    expect(choice.bid?.bid.id.provider).toBe(ROUTED);
  });

  it('accepts a bid exactly at the cap', () => {
    expect(selectBid([bid(ROUTED, '6667.000000000000000000')], criteria).bid?.bid.id.provider).toBe(ROUTED);
  });

  it('falls back to the cheapest bid within the cap when the routed provider bid above it', () => {
    const choice = selectBid([bid(ROUTED, '6667.5'), bid(OTHER, '6000'), bid(CHEAP, '4000')], criteria);
    expect(choice.bid?.bid.id.provider).toBe(CHEAP);
    expect(choice.reason).toMatch(/above the cap/);
  });

  it('falls back to the cheapest bid within the cap when the routed provider did not bid', () => {
    const choice = selectBid([bid(OTHER, '6000'), bid(CHEAP, '4000')], criteria);
    expect(choice.bid?.bid.id.provider).toBe(CHEAP);
    expect(choice.reason).toMatch(/did not bid/);
  });

  it('chooses nothing when every bid is over the cap, and says what the cheapest was', () => {
    const choice = selectBid([bid(ROUTED, '9000'), bid(OTHER, '7000')], criteria);
    expect(choice.bid).toBeUndefined();
    expect(choice.reason).toMatch(/none within the cap of 6667 uact\/block \(cheapest 7000 uact\)/);
  });

  it('ignores bids that are not open or are in another denom', () => {
    expect(selectBid([bid(ROUTED, '10', 'lost'), bid(CHEAP, '10', 'open', 'uakt')], criteria).bid).toBeUndefined();
    expect(selectBid([], criteria).reason).toBe('no open bids');
  });
});

describe('biddingSettled', () => {
  const quoted = { ...criteria, quotePerBlock: '4000' };

  it('settles once the routed provider bids at or below the quote', () => {
    expect(biddingSettled([bid(CHEAP, '3000'), bid(ROUTED, '4000')], quoted)).toBe(true);
  });

  it('keeps collecting while the routed provider is silent, bid above the quote, or its bid is closed', () => {
    expect(biddingSettled([bid(CHEAP, '3000')], quoted)).toBe(false);
    expect(biddingSettled([bid(ROUTED, '4000.5')], quoted)).toBe(false);
    expect(biddingSettled([bid(ROUTED, '3000', 'closed')], quoted)).toBe(false);
  });

  it('settles on any routed bid when there is no quote to compare with', () => {
    expect(biddingSettled([bid(ROUTED, '6000')], criteria)).toBe(true);
  });
});

describe('selectBid and the job placement', () => {
  const outside = (p: string) => (p === CHEAP ? 'region eu-central is not in us-east' : undefined);

  it('refuses a bid from a provider outside the job placement however cheap, and says so', () => {
    const choice = selectBid([bid(CHEAP, '1000'), bid(OTHER, '6000')], { ...criteria, quotePerBlock: '4000', refuse: outside });
    expect(choice.bid?.bid.id.provider).toBe(OTHER);
    expect(choice.reason).toContain(`refused 1 bid(s) breaking the placement: ${CHEAP} (region eu-central is not in us-east)`);
  });

  it('chooses none when every bid breaks the placement', () => {
    const choice = selectBid([bid(CHEAP, '1000')], { ...criteria, refuse: outside });
    expect(choice.bid).toBeUndefined();
    expect(choice.reason).toMatch(/all from providers the job's placement refuses/);
  });

  it('does not call the bidding settled on a routed bid the placement refuses', () => {
    expect(biddingSettled([bid(ROUTED, '1000')], { ...criteria, refuse: (p) => (p === ROUTED ? 'not audited' : undefined) })).toBe(false);
  });
});
