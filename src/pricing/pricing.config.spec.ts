import { PYTH_SOLANA_PROGRAMS } from './fx/feeds';
import { resolvePricingConfig } from './pricing.config';

describe('resolvePricingConfig', () => {
  it('has no endpoint with an empty environment (so the host starts the oracle simulators)', () => {
    const c = resolvePricingConfig({});
    expect(c).toMatchObject({ endpointsConfigured: false, solana: undefined, hermes: undefined, chainlink: undefined });
    expect(c.sources.ACT).toEqual(['peg']);
    expect(c.sources.FIL).toEqual(['pyth-hermes', 'chainlink']);
  });

  it('derives the upgraded-set accounts and accepts both receivers by default', () => {
    const c = resolvePricingConfig({ SOLANA_RPC_URL: 'https://rpc.example.org' });
    expect(c.endpointsConfigured).toBe(true);
    expect(c.solana!.accounts.SOL).toBe('7AviUf9nL62mcxNbQGKm4nKDQnPjswo6c5MX4D57HmyE');
    expect(c.solana!.accounts.FIL).toBeUndefined(); // no sponsored account
    expect(c.solana!.receivers).toEqual([PYTH_SOLANA_PROGRAMS.legacy.receiver, PYTH_SOLANA_PROGRAMS.upgraded.receiver]);
    expect(resolvePricingConfig({ SOLANA_RPC_URL: 'https://rpc.example.org', PYTH_PROGRAM_SET: 'legacy' }).solana!.accounts.SOL).toBe(
      '7UVimffxr9ow1uXYxsr4LHAcV58mLzhmwaeKvJ1pjLiE',
    );
  });

  it('uses the upgraded Hermes endpoint when only an API key is given', () => {
    expect(resolvePricingConfig({ HERMES_API_KEY: 'k' }).hermes).toEqual({ url: 'https://pyth.dourolabs.app/hermes', apiKey: 'k' });
  });

  it('lets a static price replace the oracles for that asset, and refuses a float-looking one', () => {
    const c = resolvePricingConfig({ FX_STATIC_AKT: '2.15', FX_SOURCES_FIL: 'chainlink', FX_MAX_AGE_S_FIL: '3600' });
    expect(c.sources.AKT).toEqual(['static']);
    expect(c.staticPrices.AKT).toBe('2.15');
    expect(c.sources.FIL).toEqual(['chainlink']);
    expect(c.maxAgeS.FIL).toBe(3600);
    expect(() => resolvePricingConfig({ FX_STATIC_AKT: '2e0' })).toThrow(/FX_STATIC_AKT: must be a decimal string/);
    expect(() => resolvePricingConfig({ FX_SOURCES_SOL: 'coingecko' })).toThrow(/FX_SOURCES_SOL/);
    expect(() => resolvePricingConfig({ FX_SOURCES_SOL: 'static' })).toThrow(/FX_STATIC_SOL is not set/);
  });
});
