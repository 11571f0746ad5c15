import { CHAINLINK_ETHEREUM_FEEDS, PYTH_FEED_IDS, PYTH_SOLANA_SPONSORED } from './feeds';
import { FX_FEED_REGISTRY, unconfirmedFeedsFor } from './feed-registry';
import { pythFeedAccount } from './pyth-solana.source';

const entry = (id: string) => FX_FEED_REGISTRY.find((f) => f.id === id)!;

describe('FX feed registry', () => {
  it('has one checked entry for every identifier the sources use, with the same value', () => {
    for (const [asset, id] of Object.entries(PYTH_FEED_IDS)) expect(entry(`pyth-feed-id:${asset}`)?.value).toBe(id);
    for (const asset of PYTH_SOLANA_SPONSORED) expect(entry(`pyth-solana-sponsored:${asset}`)).toBeDefined();
    for (const [asset, address] of Object.entries(CHAINLINK_ETHEREUM_FEEDS)) expect(entry(`chainlink:${asset}`)?.value).toBe(address);
    const used = Object.keys(PYTH_FEED_IDS).length + PYTH_SOLANA_SPONSORED.length + Object.keys(CHAINLINK_ETHEREUM_FEEDS).length;
    expect(FX_FEED_REGISTRY).toHaveLength(used);
    expect(new Set(FX_FEED_REGISTRY.map((f) => f.id)).size).toBe(used);
  });

  it('confirms only what the oracle itself publishes, naming the list and commit', () => {
    const status = Object.fromEntries(FX_FEED_REGISTRY.map((f) => [f.id, f.status]));
    expect(status).toEqual({
      'pyth-feed-id:SOL': 'confirmed',
      'pyth-feed-id:USDC': 'confirmed',
      'pyth-feed-id:FIL': 'confirmed',
      'pyth-feed-id:RENDER': 'unconfirmed',
      'pyth-feed-id:AKT': 'unconfirmed',
      'pyth-solana-sponsored:SOL': 'confirmed',
      'pyth-solana-sponsored:USDC': 'confirmed',
      'pyth-solana-sponsored:RENDER': 'unconfirmed',
      'chainlink:FIL': 'unconfirmed',
      'chainlink:SOL': 'unconfirmed',
      'chainlink:USDC': 'unconfirmed',
    });
    for (const f of FX_FEED_REGISTRY.filter((e) => e.status === 'confirmed')) expect(f.evidence).toMatch(/^pyth-network\/pyth-crosschain@[0-9a-f]{40}:/);
    for (const f of FX_FEED_REGISTRY) expect(f.evidence.length).toBeGreaterThan(40);
  });

  it('derives the sponsored account Pyth lists from the feed id (legacy program, shard 0)', () => {
    for (const f of FX_FEED_REGISTRY.filter((e) => e.kind === 'pyth-solana-sponsored-account')) {
      expect(pythFeedAccount(PYTH_FEED_IDS[f.asset]!, 'legacy', 0)).toBe(f.value);
    }
  });

  it('names the unconfirmed identifiers a quote rests on, from its asset and source', () => {
    expect(unconfirmedFeedsFor('RENDER', 'pyth-solana')).toEqual(['pyth-feed-id:RENDER', 'pyth-solana-sponsored:RENDER']);
    expect(unconfirmedFeedsFor('RENDER', 'pyth-hermes')).toEqual(['pyth-feed-id:RENDER']);
    expect(unconfirmedFeedsFor('FIL', 'median(pyth-hermes,chainlink)')).toEqual(['chainlink:FIL']);
    expect(unconfirmedFeedsFor('FIL', 'pyth-hermes')).toEqual([]);
    expect(unconfirmedFeedsFor('SOL', 'pyth-solana')).toEqual([]);
    expect(unconfirmedFeedsFor('AKT', 'static:operator')).toEqual([]);
    expect(unconfirmedFeedsFor('ACT', 'peg:akash-bme-act-usd')).toEqual([]);
  });
});
