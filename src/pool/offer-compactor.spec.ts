import { plainOffer } from './compact-offer';
import { OfferCompactor } from './offer-compactor';
import { poolOfferFixture } from './pool-offer.fixture';

describe('OfferCompactor', () => {
  // Two offers as two parsed records would carry them: equal values, separate copies.
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const native = { amount: '1.50', asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm', source: 'test' } as const;
  const make = (offerId: string) =>
    copy(
      poolOfferFixture({
        network: 'akash',
        offerId,
        providerName: 'akash provider 7',
        nativePrice: { ...native },
        provenance: { native: { ...native }, fx: [{ asset: 'ACT', usd: '1' }], extras: [], formula: `${offerId} formula` },
        signals: { online: true, uptime: 0.99 },
      }),
    );

  it('gives back offers equal to the ones it took, keys in the same order', () => {
    const compact = new OfferCompactor();
    for (const id of ['a', 'b']) {
      const offer = make(id);
      expect(JSON.stringify(compact.offer(offer))).toBe(JSON.stringify(plainOffer(offer)));
      expect(JSON.stringify(compact.offer(offer).provenance)).toBe(JSON.stringify(offer.provenance));
    }
  });

  it('shares the repeated values between offers, and keeps what is each offer own', () => {
    const compact = new OfferCompactor();
    const [a, b] = [compact.offer(make('a')), compact.offer(make('b'))];
    expect(b.signals).toBe(a.signals);
    expect(b.providerName).toBe(a.providerName);
    expect(b.provenance.fx).toBe(a.provenance.fx);
    expect(b.provenance.formula).toBe('b formula');
    expect(a.provenance.formula).toBe('a formula');
  });
});
