import { ABSENT_FAMILY, BENCH_NETWORKS, generateListings, generatePool } from './pool-generator';

describe('bench pool generator', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('gives the same pool for the same seed and a different one for another seed', () => {
    const a = generatePool(500, 3, now);
    expect(generatePool(500, 3, now).map((o) => o.offerId)).toEqual(a.map((o) => o.offerId));
    expect(generatePool(500, 4, now).map((o) => o.usdPerGpuHour)).not.toEqual(a.map((o) => o.usdPerGpuHour));
  });

  it('spreads the offers over the four networks in their own price units, all passing the snapshot check', () => {
    const { listings } = generateListings(2_000, 7, now);
    expect([...listings.keys()]).toEqual([...BENCH_NETWORKS]);
    expect([...listings.values()].reduce((s, l) => s + l.length, 0)).toBe(2_000);
    expect(new Set(listings.get('akash')!.map((o) => o.price.unit))).toEqual(new Set(['block']));
    expect(new Set(listings.get('filecoin')!.map((o) => o.price.asset))).toEqual(new Set(['attoFIL']));
    const pool = generatePool(2_000, 7, now); // throws if any record is quarantined
    expect(pool).toHaveLength(2_000);
    expect(pool.every((o) => o.usdPerGpuHourMicros > 0)).toBe(true);
  });

  it('never offers the family the "model nobody has" requirement asks for', () => {
    expect(generatePool(3_000, 7, now).some((o) => o.gpuFamily === ABSENT_FAMILY)).toBe(false);
  });
});
