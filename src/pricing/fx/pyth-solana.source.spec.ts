import { Connection } from '@solana/web3.js';
import { PYTH_SOLANA_PROGRAMS } from './feeds';
import { PythSolanaFxSource } from './pyth-solana.source';
import { RunningOracleSimulators, startOracleSimulators } from './simulators';

describe('Pyth on Solana against the Solana JSON-RPC simulator', () => {
  let sims: RunningOracleSimulators;
  const signal = () => AbortSignal.timeout(5_000);
  const make = (overrides: Partial<ConstructorParameters<typeof PythSolanaFxSource>[0]> = {}, set: 'legacy' | 'upgraded' = 'upgraded') =>
    new PythSolanaFxSource({
      connection: new Connection(sims.urls.solanaRpc, 'confirmed'),
      accounts: { SOL: sims.solana.accountOf('SOL', set), USDC: sims.solana.accountOf('USDC', set), RENDER: sims.solana.accountOf('RENDER', set) },
      receivers: [PYTH_SOLANA_PROGRAMS.legacy.receiver, PYTH_SOLANA_PROGRAMS.upgraded.receiver],
      maxAgeS: 120,
      ...overrides,
    });

  beforeAll(async () => {
    sims = await startOracleSimulators({ seed: 7 });
  });
  afterAll(() => sims.close());
  afterEach(() => sims.solana.server.setFaults({}));

  it('reads SOL, USDC and RENDER in one getMultipleAccounts call, at the simulated market price', async () => {
    const quotes = await make().quote(['SOL', 'USDC', 'RENDER'], signal());
    expect(quotes.map((q) => q.asset).sort()).toEqual(['RENDER', 'SOL', 'USDC']);
    const sol = quotes.find((q) => q.asset === 'SOL')!;
    expect(Number(sol.usd)).toBeGreaterThan(150);
    expect(Number(sol.usd)).toBeLessThan(250);
    // Exactly the world's price at the publish time, scaled by 10^-8 with no float rounding.
    expect(sol.usd).toBe(sims.world.priceAt('SOL', new Date(sol.publishTime)).toDecimalPlaces(8).toFixed());
    expect(Number(sol.confidence)).toBeGreaterThan(0);
    expect(sol.feedId).toBe('0xef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d');
    expect(sims.solana.stats.calls.getMultipleAccounts).toBeGreaterThanOrEqual(1);
  });

  it('reads the legacy program set just as well', async () => {
    const quotes = await make({}, 'legacy').quote(['SOL'], signal());
    expect(quotes).toHaveLength(1);
  });

  it('rejects a stale price and keeps the fresh ones', async () => {
    sims.solana.server.setFaults({ flags: { staleAssets: 'SOL' } });
    const reads = await make().read(['SOL', 'USDC'], signal());
    expect(reads.find((r) => r.asset === 'SOL')).toMatchObject({ ok: false, reason: expect.stringMatching(/^stale: published \d+ s ago \(max 120 s\)/) });
    expect(reads.find((r) => r.asset === 'USDC')).toMatchObject({ ok: true });
  });

  it('rejects an account that carries another feed id', async () => {
    sims.solana.server.setFaults({ flags: { wrongFeedAssets: 'RENDER' } });
    const rejections: string[] = [];
    const quotes = await make({ onRejection: (r) => rejections.push(`${r.asset}: ${r.reason}`) }).quote(['RENDER', 'SOL'], signal());
    expect(quotes.map((q) => q.asset)).toEqual(['SOL']);
    expect(rejections).toEqual([expect.stringMatching(/^RENDER: feed id ef0d8b6f.* is not the RENDER\/USD feed 3d4a2bd9/)]);
  });

  it('decodes a Partial verification level at the shifted offsets, and refuses it unless allowed', async () => {
    sims.solana.server.setFaults({ flags: { partialAssets: 'SOL' } });
    const strict = await make().read(['SOL'], signal());
    expect(strict[0]).toMatchObject({ ok: false, reason: 'verification level Partial (5 signatures); Full required' });
    const lenient = await make({ allowPartial: true }).quote(['SOL'], signal());
    expect(lenient).toHaveLength(1);
    // Read with Full offsets, a Partial account would give a garbage price; the shifted read is the real one.
    expect(lenient[0].usd).toBe(sims.world.priceAt('SOL', new Date(lenient[0].publishTime)).toDecimalPlaces(8).toFixed());
  });

  it('rejects an account owned by a program that is not a Pyth receiver', async () => {
    sims.solana.server.setFaults({ flags: { wrongOwnerAssets: 'USDC' } });
    const reads = await make().read(['USDC'], signal());
    expect(reads[0]).toMatchObject({ ok: false, reason: expect.stringContaining('is not an accepted Pyth receiver program') });
  });

  it('accepts only the configured receiver: the upgraded set alone refuses legacy accounts', async () => {
    const source = make({ receivers: [PYTH_SOLANA_PROGRAMS.upgraded.receiver] }, 'legacy');
    const reads = await source.read(['SOL'], signal());
    expect(reads[0]).toMatchObject({ ok: false, reason: expect.stringContaining(PYTH_SOLANA_PROGRAMS.legacy.receiver) });
  });

  it('reports a missing account and an asset with no account (FIL has no sponsored feed)', async () => {
    sims.solana.server.setFaults({ flags: { missingAssets: 'SOL' } });
    const reads = await make().read(['SOL', 'FIL'], signal());
    expect(reads).toEqual(
      expect.arrayContaining([
        { asset: 'SOL', ok: false, reason: 'account does not exist' },
        { asset: 'FIL', ok: false, reason: 'no Solana account configured for this asset' },
      ]),
    );
  });

  it('fails the call when the RPC endpoint fails', async () => {
    sims.solana.server.setFaults({ errorRate: 1, errorStatus: 503 });
    await expect(make().quote(['SOL'], signal())).rejects.toThrow();
  });
});
