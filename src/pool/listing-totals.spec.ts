import { ListingTotals } from './listing-totals';

describe('ListingTotals', () => {
  it('remembers a total for the same filters and index revision for one second', () => {
    const totals = new ListingTotals();
    totals.set('{"gpu":["h100"]}', 7, 1_000, 42);
    expect(totals.get('{"gpu":["h100"]}', 7, 1_999)).toBe(42);
    expect(totals.get('{"gpu":["h100"]}', 7, 2_000)).toBeUndefined();
    expect(totals.get('{"gpu":["h100"]}', 8, 1_500)).toBeUndefined();
    expect(totals.get('{"gpu":["a100"]}', 7, 1_500)).toBeUndefined();
    expect(totals.recountAtMs('{"gpu":["h100"]}')).toBe(2_000);
    expect(totals.recountAtMs('{"gpu":["a100"]}')).toBeUndefined();
  });
});
