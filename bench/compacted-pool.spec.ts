import { plainOffer } from '../src/pool/compact-offer';
import { compactOffers } from '../src/pool/offer-compactor';
import type { PoolOffer } from '../src/pool/pool-offer';
import { checkListing, generateListings } from './pool-generator';

// The compactor against the straightforward reference, the checked plain offers themselves, on the generator's
// pool (every network's price units, FX, formulas): what the API serves of each offer must not change.
describe('compacted generator pool', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');
  const plain: PoolOffer[] = [];
  for (const [network, offers] of generateListings(6_000, 11, now).listings) {
    plain.push(...checkListing(network, offers, now).accepted);
  }
  const compact = compactOffers(plain);

  it('serves every offer exactly as the plain offer it was built from', () => {
    expect(compact).toHaveLength(plain.length);
    plain.forEach((o, i) => {
      expect(JSON.stringify(compact[i])).toBe(JSON.stringify(plainOffer(o)));
      expect(JSON.stringify(compact[i].provenance)).toBe(JSON.stringify(o.provenance));
      expect(JSON.stringify(compact[i].nativePrice)).toBe(JSON.stringify(o.nativePrice));
    });
  });

  it('shares what the offers repeat', () => {
    const distinct = (read: (o: PoolOffer) => unknown) => new Set(compact.map(read)).size;
    expect(distinct((o) => o.signals)).toBeLessThan(compact.length / 2);
    expect(distinct((o) => o.providerAttributes)).toBe(1);
    expect(distinct((o) => o.provenance.fx)).toBeLessThan(10);
  });
});
