import { NetworkStates } from './network-states';
import { OfferIndex } from './offer-index';
import { poolOfferFixture } from './pool-offer.fixture';

describe('NetworkStates (GET /v1/offers `networks`)', () => {
  const now = Date.parse('2026-11-24T12:30:00Z');
  const live = now + 3_600_000;
  const index = new OfferIndex();
  index.replaceAll([
    poolOfferFixture({ network: 'akash', offerId: 'a1', expiresAtMs: live }),
    poolOfferFixture({ network: 'akash', offerId: 'a2', expiresAtMs: live, stale: true }),
    poolOfferFixture({ network: 'akash', offerId: 'a3', expiresAtMs: now - 1 }),
    poolOfferFixture({ network: 'render', offerId: 'r1', expiresAtMs: live, stale: true }),
    poolOfferFixture({ network: 'filecoin', offerId: 'f1', expiresAtMs: now - 1 }),
  ]);
  const health = (n: string) =>
    n === 'render' ? { state: 'down' as const, reason: 'sync failing' } : n === 'akash' ? { state: 'healthy' as const, reason: 'ok' } : undefined;

  it('shows each network with live offers, its state and how many of its offers are stale; expired offers and networks with none are left out', () => {
    expect(new NetworkStates().of(index, health, now)).toEqual([
      { id: 'akash', state: 'healthy', reason: 'ok', offers: 2, staleOffers: 1 },
      { id: 'render', state: 'down', reason: 'sync failing', offers: 1, staleOffers: 1 },
    ]);
  });

  it('keeps to the networks the listing is filtered to, and calls an unscored network degraded', () => {
    const lone = new OfferIndex();
    lone.replaceAll([
      poolOfferFixture({ network: 'ionet', offerId: 'i1', expiresAtMs: live }),
      poolOfferFixture({ network: 'akash', offerId: 'a1', expiresAtMs: live }),
    ]);
    expect(new NetworkStates().of(lone, health, now, new Set(['ionet']))).toEqual([
      { id: 'ionet', state: 'degraded', reason: 'not scored yet', offers: 1, staleOffers: 0 },
    ]);
  });

  it('counts again when the pool changes', () => {
    const states = new NetworkStates();
    const changing = new OfferIndex();
    changing.replaceAll([poolOfferFixture({ network: 'akash', offerId: 'a1', expiresAtMs: live })]);
    expect(states.of(changing, health, now)[0].offers).toBe(1);
    changing.replaceNetwork('akash', [
      poolOfferFixture({ network: 'akash', offerId: 'a1', expiresAtMs: live }),
      poolOfferFixture({ network: 'akash', offerId: 'a2', expiresAtMs: live }),
    ]);
    expect(states.of(changing, health, now)[0].offers).toBe(2);
  });

  it('stops counting an offer the moment it expires, with no change to the pool', () => {
    const states = new NetworkStates();
    const expiring = new OfferIndex();
    expiring.replaceAll([
      poolOfferFixture({ network: 'akash', offerId: 'a1', expiresAtMs: live }),
      poolOfferFixture({ network: 'akash', offerId: 'a2', expiresAtMs: now + 500 }),
    ]);
    expect(states.of(expiring, health, now)[0].offers).toBe(2);
    expect(states.of(expiring, health, now + 499)[0].offers).toBe(2);
    expect(states.of(expiring, health, now + 500)[0].offers).toBe(1);
  });
});
