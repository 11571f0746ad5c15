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
