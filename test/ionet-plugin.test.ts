import Decimal from 'decimal.js';
import { api, FAST_WORLD, waitFor, waitForJob } from './support/market-world';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

// io.net as a third-party package (@switchyard/plugin-ionet, loaded by name) in the simulated world, then the
// same database booted without it: a network that leaves takes its offers with it.
describe('io.net plugin, loaded by package name', () => {
  let db: TestDatabase;
  let app: TestApp | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTestApp({ ...FAST_WORLD, NETWORKS: '@switchyard/plugin-ionet', SIM_JOB_FAILURE_RATE: '0' }, db);
    await waitFor(async () => (await api.get(`${app!.url}/v1/offers?network=ionet`)).data.total > 0, 30_000, 'io.net offers in the pool');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('shows io.net as a simulated network, loaded from its package', async () => {
    const ionet = (await api.get(`${app!.url}/v1/networks`)).data.items.find((n: { id: string }) => n.id === 'ionet');
    expect(ionet).toMatchObject({ displayName: 'io.net', simulated: true, plugin: { specifier: '@switchyard/plugin-ionet', version: '0.1.0' } });
    expect(ionet.mode).toMatch(/^simulated/);
  });

  it('compares io.net prices with their provenance: USDC per hour plus io.net fees', async () => {
    const res = await api.get(`${app!.url}/v1/pricing/compare?gpu=h100&count=1&hours=1`);
    expect(res.status).toBe(200);
    const ionet = res.data.gpus.flatMap((g: { networks: Array<{ network: string }> }) => g.networks).find((n: { network: string }) => n.network === 'ionet');
    expect(ionet.cheapest.provenance.source).toMatch(/^io\.net caas\/price for 1 GPU × 1 h in /);
    expect(ionet.cheapest.provenance.formula).toMatch(/USDC\/hour .*\+ io\.net fee \(0\.25%\): .*\+ currency conversion fee \(2%\): /);
  });

  it('routes a job that requires SOC2 compliance to io.net, where it runs and succeeds', async () => {
    const spec = {
      image: 'ghcr.io/acme/infer:1',
      resources: { gpu: { count: 1, models: ['h100'] } },
      durationHours: 1,
      ports: [8000],
      placement: { attributes: { security_soc2: 'true' } },
    };
    const created = await api.post(`${app!.url}/v1/jobs`, spec);
    expect(created.data).toEqual(expect.objectContaining({ id: expect.any(String) }));
    const done = await waitForJob(app!, created.data.id, ['succeeded', 'failed', 'cancelled']);
    expect(done.state).toBe('succeeded');
    const attempt = done.attempts[0];
    expect(attempt.network).toBe('ionet');
    const offer = (await api.get(`${app!.url}/v1/offers/ionet/${encodeURIComponent(attempt.offerId)}`)).data;
    expect(offer.provider.attributes.security_soc2).toBe('true');
    expect(new Decimal(done.cost.usd).gt(0)).toBe(true);
  });

  it('refuses nothing silently: a job requiring an attribute no offer has explains why it cannot run', async () => {
    const spec = { image: 'ghcr.io/acme/infer:1', resources: { gpu: { count: 1 } }, placement: { attributes: { connectivity_tier: '9' } } };
    const quote = await api.post(`${app!.url}/v1/quotes`, spec);
    expect(JSON.stringify(quote.data)).toContain('missing required provider attributes');
  });

  it('takes the offers of a network that is no longer configured out of the pool at the next boot', async () => {
    expect((await api.get(`${app!.url}/v1/offers?network=ionet`)).data.total).toBeGreaterThan(0);
    await app!.close();
    app = await startTestApp({ ...FAST_WORLD, NETWORKS: 'none' }, db);
    expect((await api.get(`${app.url}/v1/offers?network=ionet`)).data.total).toBe(0);
    const networks = (await api.get(`${app.url}/v1/networks`)).data;
    expect(networks.items).toEqual([]);
    expect(networks.notConfigured).toEqual([expect.objectContaining({ id: 'ionet', displayName: 'io.net', offers: 0 })]);
  });
});
