import { PYTH_FEED_IDS } from './feeds';
import { decodePriceUpdateV2, encodePriceUpdateV2, PriceUpdateV2 } from './price-update-v2';
import { pythFeedAccount } from './pyth-solana.source';

const update: PriceUpdateV2 = {
  writeAuthority: Buffer.alloc(32, 9),
  verification: { kind: 'full' },
  feedId: PYTH_FEED_IDS.SOL!,
  price: 14_523_000_000n,
  conf: 7_000_000n,
  exponent: -8,
  publishTime: 1_764_000_000n,
  prevPublishTime: 1_763_999_999n,
  emaPrice: 14_500_000_000n,
  emaConf: 6_000_000n,
  postedSlot: 987_654_321n,
};

describe('PriceUpdateV2 layout', () => {
  it('puts the Full price at byte 73 and the Partial price one byte later, in 134 bytes', () => {
    const full = encodePriceUpdateV2(update);
    const partial = encodePriceUpdateV2({ ...update, verification: { kind: 'partial', numSignatures: 3 } });
    expect(full.length).toBe(134);
    expect(partial.length).toBe(134);
    expect(full.subarray(0, 8).toString('hex')).toBe('22f123639d7ef4cd');
    expect(full.readBigInt64LE(73)).toBe(14_523_000_000n);
    expect(partial.readBigInt64LE(74)).toBe(14_523_000_000n);
    expect(full.readBigUInt64LE(125)).toBe(987_654_321n); // posted_slot, Full
    expect(partial.readBigUInt64LE(126)).toBe(987_654_321n); // posted_slot, Partial
  });

  it('decodes both variants back to the same fields', () => {
    expect(decodePriceUpdateV2(encodePriceUpdateV2(update))).toEqual(update);
    const partial = { ...update, verification: { kind: 'partial' as const, numSignatures: 3 } };
    expect(decodePriceUpdateV2(encodePriceUpdateV2(partial))).toEqual(partial);
  });

  it('refuses another account type and an unknown verification tag', () => {
    const other = encodePriceUpdateV2(update);
    other[0] ^= 0xff;
    expect(() => decodePriceUpdateV2(other)).toThrow(/discriminator/);
    const badTag = encodePriceUpdateV2(update);
    badTag[40] = 7;
    expect(() => decodePriceUpdateV2(badTag)).toThrow(/verification level tag 7/);
  });
});

describe('sponsored feed account addresses', () => {
  // Addresses from oracles.md §1(b), computed there and matched against Pyth's official list.
  it.each([
    ['SOL', 'legacy', '7UVimffxr9ow1uXYxsr4LHAcV58mLzhmwaeKvJ1pjLiE'],
    ['SOL', 'upgraded', '7AviUf9nL62mcxNbQGKm4nKDQnPjswo6c5MX4D57HmyE'],
    ['USDC', 'legacy', 'Dpw1EAVrSB1ibxiDQyTAW6Zip3J4Btk2x4SgApQCeFbX'],
    ['USDC', 'upgraded', '6HAuqASbHEh4w4REJEUUUCginTLfj1kwCh215ZLtMkrT'],
    ['RENDER', 'legacy', 'HAm5DZhrgrWa12heKSxocQRyJWGCtXegC77hFQ8F5QTH'],
    ['RENDER', 'upgraded', 'CQunoG15nDNGdM4C4JnDmYMEmZFnTkD5eSJGf118MfWR'],
  ] as const)('%s/USD in the %s set is %s', (asset, set, address) => {
    expect(pythFeedAccount(PYTH_FEED_IDS[asset]!, set)).toBe(address);
  });
});
