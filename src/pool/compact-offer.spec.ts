import type { NativePrice } from '../../adapters/sdk';
import { normalizePrice } from '../pricing/normalize-price';
import { toMicros } from '../pricing/money';
import { CompactOffer, plainOffer } from './compact-offer';
import { OfferCompactor } from './offer-compactor';
import { offerView, offerViewJson } from './offer-view';
import type { PoolOffer } from './pool-offer';
import { poolOfferFixture } from './pool-offer.fixture';

const NOW = new Date('2026-12-05T09:00:00.000Z');
const FX = { asset: 'AKT', usd: '1.15', source: 'pyth', publishTime: '2026-12-05T08:59:55.000Z', confidence: '0.001', stale: false } as const;

/** An offer as a sync builds it: priced by the real normalizer, so its provenance is the one the API serves. */
function priced(offerId: string, price: NativePrice, gpuCount: number, extra: Partial<PoolOffer> = {}): PoolOffer {
  const observedAt = new Date(NOW.getTime() - 30_000).toISOString();
  const out = normalizePrice({ price, gpuCount, octaneBench: undefined, fx: (asset) => (asset === 'AKT' ? FX : undefined), now: NOW, observedAt });
  if (!out.ok) throw new Error(out.reason);
  return {
    ...poolOfferFixture({ network: 'akash', offerId }),
    gpuCount,
    nativePrice: price,
    priceKind: price.kind,
    usdPerGpuHour: out.usdPerGpuHour,
    usdPerHour: out.usdPerHour,
    usdPerGpuHourMicros: toMicros(out.usdPerGpuHour),
    provenance: out.provenance,
    stale: out.stale,
    observedAt,
    ...extra,
  };
}

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const usd = (amount: string): NativePrice => ({ amount, asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm', source: 'node ask' });
const akt = (amount: string): NativePrice => ({ amount, asset: 'uakt', unit: 'block', per: 'offer', kind: 'estimate', source: 'console 1 bid' });

const OFFERS: PoolOffer[] = [
  priced('a', akt('19200'), 8),
  priced('b', akt('21000.5'), 8),
  priced('c', akt('19200'), 1, { providerName: 'provider "one"', providerAttributes: { tier: 'community' }, cpu: 3.5, diskGb: null }),
  // The USD price is the native amount itself, and "1" is written all over the formula.
  priced('d', usd('1'), 1),
  priced('e', usd('2.25'), 4, { region: null, country: null, signals: { online: true, uptime: 0.93 } }),
  // Extras: a second amount in the price, the sum at the end of the formula.
  priced('f', { ...usd('1.5'), extras: [{ name: 'storage', amount: '0.2', asset: 'USD', unit: 'hour', per: 'offer' }] }, 4),
  // A provenance the normalizer did not write: kept as it came, key for key.
  { ...poolOfferFixture({ network: 'render', offerId: 'g' }), provenance: { note: 'hand-made', fx: null, observedAt: 'not the offer time' } },
];

describe('CompactOffer', () => {
  it('serves every field of the offer it was built from, equal and in the same order', () => {
    const compact = new OfferCompactor();
    for (const original of OFFERS) {
      const offer = compact.offer(copy(original));
      expect(offer).toBeInstanceOf(CompactOffer);
      expect(plainOffer(offer)).toEqual(plainOffer(original));
      expect(JSON.stringify(offer)).toBe(JSON.stringify(plainOffer(original)));
      expect(JSON.stringify(offer.provenance)).toBe(JSON.stringify(original.provenance));
      expect(JSON.stringify(offer.nativePrice)).toBe(JSON.stringify(original.nativePrice));
    }
  });

  it('gives the API the same bytes as the plain offer: the view and the listing text', () => {
    const compact = new OfferCompactor();
    for (const original of OFFERS) {
      const offer = compact.offer(copy(original));
      expect(JSON.stringify(offerView(offer, 0.9, NOW))).toBe(JSON.stringify(offerView(original, 0.9, NOW)));
      expect(offerViewJson(offer, 0.9, NOW)).toBe(offerViewJson(copy(original), 0.9, NOW));
    }
  });

  it('shares what offers priced alike repeat, each reading its own amounts back', () => {
    const compact = new OfferCompactor();
    const [a, b] = [compact.offer(copy(OFFERS[0])), compact.offer(copy(OFFERS[1]))];
    expect(a.provenance.formula).toBe(OFFERS[0].provenance.formula);
    expect(b.provenance.formula).toBe(OFFERS[1].provenance.formula);
    expect(b.provenance.formula).toContain('21000.5 uakt/block');
    expect(b.provenance.fx).toBe(a.provenance.fx);
    expect(b.signals).toBe(a.signals);
  });
});
