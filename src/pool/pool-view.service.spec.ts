import type { NetworkHealthService } from '../health/network-health.service';
import { OfferIndex } from './offer-index';
import type { PlacementOutlookService } from './placement-outlook.service';
import { poolOfferFixture } from './pool-offer.fixture';
import type { PoolIndexService } from './pool-index.service';
import { PoolViewService } from './pool-view.service';

const T0 = Date.parse('2026-11-24T12:00:00Z');

function view() {
  const index = new OfferIndex();
  const health = { snapshot: new Map(), records: new Map() };
  const outlook = { currentBook: new Map() };
  const service = new PoolViewService(
    { index } as unknown as PoolIndexService,
    { cached: () => health.snapshot, cachedProviderRecords: () => health.records } as unknown as NetworkHealthService,
    outlook as unknown as PlacementOutlookService,
  );
  return { index, health, outlook, service };
}

describe('PoolViewService', () => {
  it('says until when no live offer expires, and the next such moment once that one has passed', () => {
    const { index, service } = view();
    index.replaceNetwork('akash', [
      poolOfferFixture({ network: 'akash', offerId: 'gone', expiresAtMs: T0 - 1 }),
      poolOfferFixture({ network: 'akash', offerId: 'first', expiresAtMs: T0 + 5_000 }),
      poolOfferFixture({ network: 'akash', offerId: 'later', expiresAtMs: T0 + 9_000 }),
    ]);
    expect(service.liveUntilMs(T0)).toBe(T0 + 5_000);
    expect(service.liveUntilMs(T0 + 4_999)).toBe(T0 + 5_000);
    expect(service.liveUntilMs(T0 + 5_000)).toBe(T0 + 9_000);
    index.replaceNetwork('render', [poolOfferFixture({ network: 'render', offerId: 'new', expiresAtMs: T0 + 6_000 })]);
    expect(service.liveUntilMs(T0 + 5_000)).toBe(T0 + 6_000);
  });

  it('has a different stamp after the pool, the health scores, the placement records or the outlook change', () => {
    const { index, health, outlook, service } = view();
    const same = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((v, i) => v === b[i]);
    let before = service.stamp();
    expect(same(service.stamp(), before)).toBe(true);
    for (const change of [
      () => index.replaceNetwork('akash', []),
      () => (health.snapshot = new Map()),
      () => (health.records = new Map()),
      () => (outlook.currentBook = new Map()),
    ]) {
      change();
      expect(same(service.stamp(), before)).toBe(false);
      before = service.stamp();
    }
  });
});
