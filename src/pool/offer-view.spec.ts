import { offerView, offerViewJson } from './offer-view';
import type { PoolOffer } from './pool-offer';
import { poolOfferFixture } from './pool-offer.fixture';

const OBSERVED = Date.parse('2026-11-24T12:00:00Z');

const offer: PoolOffer = poolOfferFixture(
  {
    network: 'akash',
    offerId: 'akash1p/nvidia/h100/80Gi/sxm',
    providerId: 'akash1p',
    providerName: 'provider "one" \\ example',
    country: null,
    providerAttributes: { tier: 'community' },
    diskGb: null,
    nativePrice: { amount: '1.55', asset: 'USD', unit: 'hour', per: 'gpu', kind: 'estimate', source: 'console gpu-prices median' },
    priceKind: 'estimate',
    usdPerHour: '12.4',
    provenance: { fx: null },
    signals: { online: true, uptime: 0.99 },
    expiresAtMs: OBSERVED + 600_000,
  },
  '1.55',
  OBSERVED,
);

describe('offerViewJson', () => {
  it('says exactly what offerView says, with the score and age of each moment', () => {
    for (const [score, later] of [
      [0.93, 0],
      [undefined, 61_000],
      [0.5, 3_600_000],
    ] as const) {
      const now = new Date(OBSERVED + later);
      expect(JSON.parse(offerViewJson(offer, score, now))).toEqual(offerView(offer, score, now));
    }
  });
});
