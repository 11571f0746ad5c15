import { OfferIndex } from './offer-index';
import { compareIds, decodeCursor, OfferQuery, queryOffers } from './offer-query';
import type { PoolOffer } from './pool-offer';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const MODELS = ['nvidia-h100-sxm-80gb', 'nvidia-h100-pcie-80gb', 'nvidia-a100-80gb', 'nvidia-rtx-4090-24gb'];
const NETWORKS = ['akash', 'render', 'filecoin', 'native', 'native-2'];

/** A deterministic pseudo-random pool with many equal prices, so ties and their order are exercised. */
function pool(size: number, seed: number): PoolOffer[] {
  let x = seed;
  const rnd = (n: number) => (x = (x * 1103515245 + 12345) % 2 ** 31) % n;
  return Array.from({ length: size }, (_, i) => {
    const micros = (1 + rnd(20)) * 50_000; // 20 distinct prices
    const usd = (micros / 1e6).toFixed(6);
    return {
      network: NETWORKS[rnd(NETWORKS.length)],
      offerId: `o-${rnd(3) ? 'A' : 'a'}${i}`,
      providerId: `p${i}`,
      providerName: null,
      region: rnd(2) ? 'us-east-1' : 'eu-west',
      country: rnd(2) ? 'US' : 'DE',
      providerAttributes: null,
      gpuLabel: 'x',
      gpuModel: MODELS[rnd(MODELS.length)],
      gpuFamily: 'x',
      gpuVramGb: 80,
      gpuCount: 1 + rnd(8),
      fixedCount: false,
      cpu: 8,
      memoryGb: 64,
      diskGb: 100,
      nativePrice: { amount: usd, asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm', source: 'test' },
      priceKind: rnd(3) ? 'firm' : 'estimate',
      usdPerGpuHour: usd,
      usdPerHour: usd,
      usdPerGpuHourMicros: micros,
      provenance: {},
      stale: false,
      signals: {},
      observedAt: new Date(NOW - rnd(100) * 1000).toISOString(),
      publishedAt: new Date(NOW).toISOString(),
      expiresAtMs: rnd(10) ? NOW + 60_000 : NOW - 1, // some expired
    } as PoolOffer;
  });
}

const scoreOf = (o: PoolOffer) => ((o.gpuCount * 7 + o.offerId.length) % 10) / 10;

/** What a page should be, computed the slow and obvious way: filter everything, sort everything. */
function expected(all: PoolOffer[], q: Omit<OfferQuery, 'limit' | 'cursor' | 'sort'> & { sort: OfferQuery['sort'] }): PoolOffer[] {
  const key = (o: PoolOffer) => (q.sort === 'score' ? -scoreOf(o) : q.sort === 'freshness' ? -Date.parse(o.observedAt) : o.usdPerGpuHourMicros);
  return all
    .filter((o) => o.expiresAtMs > NOW && (!q.gpuModels || q.gpuModels.has(o.gpuModel)) && (q.minCount === undefined || o.gpuCount >= q.minCount))
    .filter((o) => (!q.firmOnly || o.priceKind === 'firm') && (q.minScore === undefined || scoreOf(o) >= q.minScore))
    .sort((a, b) => key(a) - key(b) || compareIds(a, b));
}

/** Walks every page of the listing and returns the offers in the order served. */
function allPages(index: OfferIndex, q: Omit<OfferQuery, 'cursor'>): { served: PoolOffer[]; totals: Set<number> } {
  const lists = q.gpuModels ? [...q.gpuModels].map((m) => index.rawOfModel(m)) : [index.rawAll()];
  const served: PoolOffer[] = [];
  const totals = new Set<number>();
  let cursor: string | undefined;
  for (let pages = 0; pages < 1_000; pages++) {
    const page = queryOffers(lists, scoreOf, { ...q, cursor }, NOW);
    totals.add(page.total);
    served.push(...page.items.map((m) => m.offer));
    expect(page.items.length).toBeLessThanOrEqual(q.limit);
    if (!page.nextCursor) return { served, totals };
    cursor = page.nextCursor;
  }
  throw new Error('the listing never ended');
}

describe('queryOffers', () => {
  const offers = pool(3_000, 7);
  const index = new OfferIndex();
  index.replaceAll(offers);

  const cases: Array<[string, Omit<OfferQuery, 'cursor'>]> = [
    ['two models by price', { gpuModels: new Set(MODELS.slice(0, 2)), sort: 'price', limit: 50 }],
    ['the whole pool by price, small pages', { sort: 'price', limit: 7 }],
    ['filters by price', { gpuModels: new Set([MODELS[2]]), minCount: 4, firmOnly: true, sort: 'price', limit: 25 }],
    ['by score with a minimum', { gpuModels: new Set(MODELS), minScore: 0.5, sort: 'score', limit: 40 }],
    ['by freshness', { sort: 'freshness', limit: 100 }],
  ];

  it.each(cases)('serves %s: every match once, in order, with a steady total', (_name, q) => {
    const want = expected(offers, q);
    const { served, totals } = allPages(index, q);
    expect(served.map((o) => `${o.network}/${o.offerId}`)).toEqual(want.map((o) => `${o.network}/${o.offerId}`));
    expect([...totals]).toEqual([want.length]);
  });

  it('serves the same price page when the total is already known, and stops walking early', () => {
    const lists = [index.rawAll()];
    const q: OfferQuery = { sort: 'price', limit: 20 };
    const counted = queryOffers(lists, scoreOf, q, NOW);
    let scored = 0;
    const known = queryOffers(lists, (o) => (scored++, scoreOf(o)), q, NOW, counted.total);
    expect(known).toEqual(counted);
    const second = queryOffers(lists, scoreOf, { ...q, cursor: counted.nextCursor! }, NOW, counted.total);
    expect(second.items.map((m) => m.offer)).toEqual(expected(offers, q).slice(20, 40));
    expect(scored).toBe(20); // scores only for the page: nothing past the first 21 matches was touched
  });

  it('fills the score of every item on a page sorted by price', () => {
    const page = queryOffers([index.rawAll()], scoreOf, { sort: 'price', limit: 5 }, NOW);
    expect(page.items.map((m) => m.score)).toEqual(page.items.map((m) => scoreOf(m.offer)));
  });

  it('refuses a cursor it did not issue', () => {
    expect(() => decodeCursor(Buffer.from('{"v":1,"k":"akash/x"}').toString('base64url'))).toThrow('cursor is not one this API issued');
    expect(() => decodeCursor('%%%')).toThrow('cursor is not one this API issued');
  });
});
