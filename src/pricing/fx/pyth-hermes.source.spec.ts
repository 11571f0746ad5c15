import { PythHermesFxSource } from './pyth-hermes.source';
import { RunningOracleSimulators, startOracleSimulators } from './simulators';

describe('Pyth Hermes against the Hermes simulator', () => {
  let sims: RunningOracleSimulators;
  const signal = () => AbortSignal.timeout(5_000);

  beforeAll(async () => {
    sims = await startOracleSimulators({ seed: 3, hermesApiKey: 'test-key' });
  });
  afterEach(() => sims.hermes.server.setFaults({}));
  afterAll(() => sims.close());

  it('reads FIL and AKT (no sponsored Solana account) in one request, with the API key', async () => {
    const source = new PythHermesFxSource({ baseUrl: sims.urls.hermes, apiKey: 'test-key' });
    const quotes = await source.quote(['FIL', 'AKT'], signal());
    const akt = quotes.find((q) => q.asset === 'AKT')!;
    const fil = quotes.find((q) => q.asset === 'FIL')!;
    expect(akt.source).toBe('pyth-hermes');
    expect(akt.feedId).toBe('0x4ea5bb4d2f5900cc2e97ba534240950740b4d3b89fe712a94a7304fd2fd92702');
    expect(Number(akt.usd)).toBeGreaterThan(1);
    expect(Number(akt.usd)).toBeLessThan(3);
    expect(Number(fil.usd)).toBeGreaterThan(3);
    expect(fil.usd).toBe(sims.world.priceAt('FIL', new Date(fil.publishTime)).toDecimalPlaces(8).toFixed());
    // conf = price / 2000 in the simulator: 0.05 %.
    expect(Number(fil.confidence) / Number(fil.usd)).toBeCloseTo(0.0005, 5);
  });

  it('fails with 401 without the API key, as Hermes does since the upgrade', async () => {
    const source = new PythHermesFxSource({ baseUrl: sims.urls.hermes });
    await expect(source.quote(['FIL'], signal())).rejects.toMatchObject({ response: { status: 401 } });
  });

  it('passes a stale publish time through unchanged (the FX service judges age)', async () => {
    sims.hermes.server.setFaults({ flags: { staleAssets: 'AKT' } });
    const source = new PythHermesFxSource({ baseUrl: sims.urls.hermes, apiKey: 'test-key' });
    const [akt] = await source.quote(['AKT'], signal());
    expect(Date.now() - Date.parse(akt.publishTime)).toBeGreaterThan(3 * 3600 * 1000 - 5_000);
  });

  it('rejects a body of the wrong shape instead of guessing', async () => {
    sims.hermes.server.setFaults({ garbage: true });
    const source = new PythHermesFxSource({ baseUrl: sims.urls.hermes, apiKey: 'test-key' });
    await expect(source.quote(['FIL'], signal())).rejects.toThrow(/unexpected shape/);
  });
});
