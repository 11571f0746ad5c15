import { OfferIndex } from './offer-index';
import { poolOfferFixture } from './pool-offer.fixture';

const rtx = { gpuModel: 'nvidia-rtx-3060-12gb', gpuFamily: 'rtx-3060', gpuVramGb: 12 };
const l4 = { gpuModel: 'nvidia-l4-24gb', gpuFamily: 'l4', gpuVramGb: 24 };

describe('OfferIndex.routeLists', () => {
  const index = new OfferIndex();
  index.replaceAll([
    poolOfferFixture({ network: 'akash', offerId: 'h1' }, '2.10'),
    poolOfferFixture({ network: 'native', offerId: 'h2' }, '1.90'),
    poolOfferFixture({ network: 'akash', offerId: 'r1', ...rtx }, '0.09'),
    poolOfferFixture({ network: 'render', offerId: 'r2', ...rtx }, '0.11'),
    poolOfferFixture({ network: 'native', offerId: 'l1', ...l4 }, '0.40'),
  ]);
  const ids = (lists: ReadonlyArray<ReadonlyArray<{ offerId: string }>>) => lists.map((l) => l.map((o) => o.offerId));

  it('walks the whole pool, cheapest first, when any GPU will do', () => {
    expect(ids(index.routeLists(undefined).lists)).toEqual([['r1', 'r2', 'l1', 'h2', 'h1']]);
  });

  it('leaves out the models below a VRAM floor, counting their offers, cheapest list first', () => {
    const { lists, belowVram } = index.routeLists(undefined, 24);
    expect(ids(lists)).toEqual([['l1'], ['h2', 'h1']]);
    expect(belowVram).toBe(2);
    expect(ids(index.routeLists(new Set(['nvidia-h100-sxm-80gb', 'nvidia-rtx-3060-12gb', 'absent']), 16).lists)).toEqual([['h2', 'h1']]);
    expect(ids(index.routeLists(new Set(['nvidia-h100-sxm-80gb', 'nvidia-rtx-3060-12gb'])).lists)).toEqual([
      ['r1', 'r2'],
      ['h2', 'h1'],
    ]);
  });
});

describe('OfferIndex, one network replaced at a time', () => {
  // Prices from a short list, so many offers tie and the order falls to network and offer id.
  const prices = ['0.40', '1.10', '1.90', '2.10', '0.09'];
  const offersOf = (network: string, n: number, salt: number) =>
    Array.from({ length: n }, (_, i) =>
      poolOfferFixture({ network, offerId: `${network}-${(i * 7919 + salt) % 1000}` }, prices[(i * 31 + salt) % prices.length]),
    );
  const byPriceThenIds = (a: { usdPerGpuHourMicros: number; network: string; offerId: string }, b: typeof a) =>
    a.usdPerGpuHourMicros - b.usdPerGpuHourMicros ||
    (a.network < b.network ? -1 : a.network > b.network ? 1 : 0) ||
    (a.offerId < b.offerId ? -1 : a.offerId > b.offerId ? 1 : 0);
  const keys = (offers: readonly { network: string; offerId: string }[]) => offers.map((o) => `${o.network}/${o.offerId}`);

  it('orders the pool as one sort of every offer would, and forgets a replaced network’s old offers', () => {
    const akash = offersOf('akash', 40, 1);
    const render = offersOf('render', 25, 2);
    const native = offersOf('native', 30, 3);
    const index = new OfferIndex();
    index.replaceNetwork('native', native);
    index.replaceNetwork('akash', akash);
    index.replaceNetwork('render', render);
    expect(keys(index.rawAll())).toEqual(keys([...akash, ...render, ...native].sort(byPriceThenIds)));

    const akashAgain = offersOf('akash', 12, 5);
    index.replaceNetwork('akash', akashAgain);
    expect(keys(index.rawAll())).toEqual(keys([...akashAgain, ...render, ...native].sort(byPriceThenIds)));
    expect(keys(index.rawOfModel('nvidia-h100-sxm-80gb'))).toEqual(keys(index.rawAll()));
    const dropped = akash.find((o) => !akashAgain.some((a) => a.offerId === o.offerId))!;
    expect(index.get('akash', dropped.offerId)).toBeUndefined();
    expect(index.get('akash', akashAgain[3].offerId)).toBe(akashAgain[3]);

    index.replaceNetwork('render', []);
    expect(index.networks()).toEqual(['akash', 'native']);
    expect(keys(index.rawAll())).toEqual(keys([...akashAgain, ...native].sort(byPriceThenIds)));
    expect(index.get('render', render[0].offerId)).toBeUndefined();
  });
});
