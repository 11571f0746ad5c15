import axios from 'axios';
import { DataSource } from 'typeorm';
import { RunningOracleSimulators, startOracleSimulators } from '../src/pricing/fx/simulators';
import { FxService } from '../src/pricing/fx.service';
import { startTestApp, TestApp } from './support/test-app';

const http = axios.create({ validateStatus: () => true });
type Quote = {
  asset: string;
  usd: string;
  source: string;
  stale: boolean;
  spread: string;
  sources: Array<{ source: string; usd: string; publishTime: string; used: boolean; reason?: string }>;
};

describe('GET /v1/fx in demo mode (oracle simulators started by the service)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ SIM_SEED: '5' });
  });
  afterAll(() => app?.close());

  it('answers a quote for every asset, says it is simulated, and shows where each number came from', async () => {
    const res = await http.get(`${app.url}/v1/fx`);
    expect(res.status).toBe(200);
    expect(res.data.simulated).toBe(true);
    expect(res.data.missing).toEqual([]);
    const byAsset = Object.fromEntries((res.data.quotes as Quote[]).map((q) => [q.asset, q]));
    expect(Object.keys(byAsset).sort()).toEqual(['ACT', 'AKT', 'FIL', 'RENDER', 'SOL', 'USDC']);
    expect(byAsset.ACT).toMatchObject({ usd: '1', source: 'peg:akash-bme-act-usd', stale: false });
    expect(byAsset.AKT.source).toBe('pyth-hermes');
    expect(byAsset.SOL.source).toBe('median(pyth-solana,pyth-hermes)');
    // FIL: Hermes and Chainlink (the Chainlink simulator runs 0.15 % above Pyth, on an hourly round).
    expect(byAsset.FIL.source).toBe('median(pyth-hermes,chainlink)');
    expect(Number(byAsset.FIL.spread)).toBeGreaterThan(0);
    expect(Number(byAsset.FIL.spread)).toBeLessThan(0.03);
    for (const [asset, lo, hi] of [
      ['AKT', 1, 3],
      ['FIL', 3, 5],
      ['RENDER', 3, 8],
      ['SOL', 150, 250],
      ['USDC', 0.99, 1.01],
    ] as const) {
      expect(Number(byAsset[asset].usd)).toBeGreaterThanOrEqual(lo);
      expect(Number(byAsset[asset].usd)).toBeLessThanOrEqual(hi);
      expect(byAsset[asset].stale).toBe(false);
    }
  });

  it("lists every oracle identifier with its check against the oracle's own list, and marks the quotes resting on unconfirmed ones", async () => {
    const res = await http.get(`${app.url}/v1/fx`);
    const feeds = res.data.feeds as Array<{ id: string; status: string; evidence: string; value: string }>;
    expect(feeds.find((f) => f.id === 'pyth-solana-sponsored:SOL')).toMatchObject({
      status: 'confirmed',
      value: '7UVimffxr9ow1uXYxsr4LHAcV58mLzhmwaeKvJ1pjLiE',
    });
    expect(feeds.find((f) => f.id === 'pyth-solana-sponsored:RENDER')).toMatchObject({ status: 'unconfirmed' });
    expect(feeds.find((f) => f.id === 'chainlink:FIL')!.evidence).toMatch(/could not be read/);
    const byAsset = Object.fromEntries((res.data.quotes as Array<Quote & { unconfirmedFeeds: string[] }>).map((q) => [q.asset, q.unconfirmedFeeds]));
    expect(byAsset).toEqual({
      ACT: [],
      AKT: ['pyth-feed-id:AKT'],
      FIL: ['chainlink:FIL'],
      RENDER: ['pyth-feed-id:RENDER', 'pyth-solana-sponsored:RENDER'],
      SOL: [],
      USDC: [],
    });
  });

  it('persists every settled quote with its sources in fx_quotes', async () => {
    const rows: Array<{ asset: string; usd: string; sources: unknown[] }> = await app.app
      .get(DataSource)
      .query('select asset, usd, sources from fx_quotes order by asset');
    expect(rows.map((r) => r.asset)).toEqual(['ACT', 'AKT', 'FIL', 'RENDER', 'SOL', 'USDC']);
    expect(rows.find((r) => r.asset === 'FIL')!.sources).toHaveLength(2);
  });
});

describe('GET /v1/fx against configured endpoints', () => {
  let sims: RunningOracleSimulators;
  let app: TestApp;

  beforeAll(async () => {
    sims = await startOracleSimulators({ seed: 9, hermesApiKey: 'k-123' });
    sims.hermes.server.setFaults({ flags: { staleAssets: 'AKT' } });
    sims.solana.server.setFaults({ flags: { wrongFeedAssets: 'USDC' } });
    app = await startTestApp({
      SOLANA_RPC_URL: sims.urls.solanaRpc,
      HERMES_URL: sims.urls.hermes,
      HERMES_API_KEY: 'k-123',
      EVM_RPC_URL: sims.urls.evmRpc,
      FX_MAX_AGE_S: '600',
      FX_STATIC_RENDER: '4.5',
    });
  });
  afterAll(async () => {
    await app?.close();
    await sims?.close();
  });

  it('is not simulated, and marks an asset stale when its only source is too old', async () => {
    const res = await http.get(`${app.url}/v1/fx`);
    expect(res.data.simulated).toBe(false);
    const akt = (res.data.quotes as Quote[]).find((q) => q.asset === 'AKT')!;
    expect(akt.stale).toBe(true);
    expect(akt.sources[0].reason).toMatch(/^stale: published \d+ s ago \(max 600 s\)/);
    // The normalizer sees the same flag through FxService.
    expect(app.app.get(FxService).current('AKT')?.stale).toBe(true);
  });

  it('leaves out a Solana account carrying the wrong feed id and settles USDC on Hermes alone', async () => {
    const res = await http.get(`${app.url}/v1/fx`);
    const usdc = (res.data.quotes as Quote[]).find((q) => q.asset === 'USDC')!;
    expect(usdc).toMatchObject({ source: 'pyth-hermes', stale: false });
  });

  it('uses an operator static override, labelled as such', async () => {
    const res = await http.get(`${app.url}/v1/fx`);
    expect((res.data.quotes as Quote[]).find((q) => q.asset === 'RENDER')).toMatchObject({ usd: '4.5', source: 'static:operator-override' });
  });

  it("does not move a price when one source misses a round: that source's last answer counts while it is fresh", async () => {
    const fx = app.app.get(FxService);
    const hermesOnFil = async () =>
      ((await http.get(`${app.url}/v1/fx`)).data.quotes as Quote[]).find((q) => q.asset === 'FIL')!.sources.find((s) => s.source.startsWith('pyth-hermes'))!;
    await fx.refresh();
    const before = fx.current('FIL')!;
    expect(before.source).toMatch(/^median\(.*pyth-hermes.*chainlink/);
    const hermesBefore = await hermesOnFil();
    sims.hermes.server.setFaults({ errorRate: 1 });
    try {
      const result = await fx.refresh();
      expect(result.failedSources.map((f) => f.source)).toContain('pyth-hermes');
      // Chainlink alone runs 0.15 % above Hermes: without Hermes's last answer the price would jump by half that.
      expect(fx.current('FIL')!.source).toBe(before.source);
      expect(await hermesOnFil()).toEqual({ ...hermesBefore, used: true });
    } finally {
      sims.hermes.server.setFaults({});
    }
  });

  it('drops a source that answered without an asset (a wrong feed) at once, rather than keeping its last answer', async () => {
    const fx = app.app.get(FxService);
    await fx.refresh();
    expect(fx.current('SOL')!.source).toMatch(/pyth-solana/);
    sims.solana.server.setFaults({ flags: { wrongFeedAssets: 'USDC,SOL' } });
    try {
      await fx.refresh();
      expect(fx.current('SOL')!.source).not.toMatch(/pyth-solana/);
    } finally {
      sims.solana.server.setFaults({ flags: { wrongFeedAssets: 'USDC' } });
    }
  });

  it('keeps the last quote when the sources go away, and reports it stale once too old', async () => {
    const fx = app.app.get(FxService);
    sims.hermes.server.setFaults({ errorRate: 1 });
    const result = await fx.refresh();
    expect(result.failedSources.map((f) => f.source)).toContain('pyth-hermes');
    expect(fx.current('FIL')).toBeDefined(); // still answered by Chainlink
    expect(fx.current('AKT')).toBeDefined(); // the last (stale) quote is kept, flagged
    sims.hermes.server.setFaults({});
  });
});
