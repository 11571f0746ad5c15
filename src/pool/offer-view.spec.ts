import { ageChangesAtMs, offerView, offerViewJson } from './offer-view';
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

  it('carries what our own record says about placing there, or says there is none', () => {
    const now = new Date(OBSERVED);
    const outlook = { expectedStartMs: 90_000, startSamples: 12, queuedAhead: 2, successRate: 0.9166, successSamples: 12, basis: 'provider and GPU' };
    const json = JSON.parse(offerViewJson(offer, 0.9, now, outlook));
    expect(json).toEqual(offerView(offer, 0.9, now, outlook));
    expect(json.placement).toEqual({
      expectedStartMinutes: 1.5,
      startSamples: 12,
      queuedAhead: 2,
      successRate: 0.917,
      successSamples: 12,
      basis: 'provider and GPU',
    });
    expect(JSON.parse(offerViewJson(offer, 0.9, now)).placement).toEqual({
      expectedStartMinutes: null,
      startSamples: 0,
      queuedAhead: 0,
      successRate: null,
      successSamples: 0,
      basis: 'none',
    });
  });
});

describe('ageChangesAtMs', () => {
  it('is the first moment the age in seconds reads differently: the same until a millisecond before, another from then', () => {
    for (const later of [0, 499, 500, 1_234, 61_000, 3_600_499]) {
      const nowMs = OBSERVED + later;
      const changesAt = ageChangesAtMs(offer, nowMs);
      const age = (ms: number) => offerView(offer, undefined, new Date(ms)).ageSeconds;
      expect(changesAt).toBeGreaterThan(nowMs);
      expect(age(changesAt - 1)).toBe(age(nowMs));
      expect(age(changesAt)).toBe(age(nowMs) + 1);
    }
  });
});
