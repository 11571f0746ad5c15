import { api, simulatorOf, startWorld, waitFor } from './support/market-world';
import type { TestApp } from './support/test-app';

interface NetworkView {
  id: string;
  state: string;
  breaker: string;
  offers: number;
  lastSync: { ok: boolean; error: string | null; lastGoodAt: string } | null;
}

async function network(app: TestApp, id: string): Promise<NetworkView> {
  const res = await api.get(`${app.url}/v1/networks`);
  return res.data.items.find((n: NetworkView) => n.id === id);
}

async function offersOf(app: TestApp, id: string): Promise<number> {
  return (await api.get(`${app.url}/v1/offers?network=${id}&limit=1`)).data.total;
}

describe('a network that starts failing', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash,render', { OFFER_TTL_MS: '5000', BREAKER_FAILURES: '2', BREAKER_HALF_OPEN_MS: '1500', SYNC_TIMEOUT_MS: '2000' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('opens its breaker, goes down and drops out after the TTL while the others are untouched; then comes back', async () => {
    const render = simulatorOf(app, 'render');
    const akashBefore = await network(app, 'akash');
    await render.setFaults({ errorRate: 1, errorStatus: 503 });

    await waitFor(async () => (await network(app, 'render')).breaker === 'open', 20_000, 'the render breaker to open');
    const down = await network(app, 'render');
    expect(down.state).toBe('down');
    expect(down.lastSync?.ok).toBe(false);
    // The last good snapshot is still served until its offers expire…
    await waitFor(async () => (await offersOf(app, 'render')) === 0, 20_000, 'render offers to expire');
    // …and the other network never noticed.
    const akash = await network(app, 'akash');
    expect(akash.state).not.toBe('down');
    expect(akash.breaker).toBe('closed');
    expect(akash.lastSync?.ok).toBe(true);
    expect(Date.parse(akash.lastSync!.lastGoodAt)).toBeGreaterThan(Date.parse(akashBefore.lastSync!.lastGoodAt));
    expect(await offersOf(app, 'akash')).toBeGreaterThan(0);

    await render.clearFaults();
    await waitFor(async () => (await offersOf(app, 'render')) > 0, 20_000, 'render offers to come back');
    await waitFor(async () => (await network(app, 'render')).breaker === 'closed', 10_000, 'the render breaker to close');
  }, 90_000);

  it('treats garbage as a failed sync, never a crash, and keeps it visible', async () => {
    const render = simulatorOf(app, 'render');
    await render.setFaults({ garbage: true });
    await waitFor(async () => (await network(app, 'render')).lastSync?.ok === false, 10_000, 'a failed render sync');
    const view = await network(app, 'render');
    expect(view.lastSync?.error).toMatch(/unexpected payload|bad_response|not valid/i);
    await render.clearFaults();
    await waitFor(async () => (await network(app, 'render')).lastSync?.ok === true, 15_000, 'render to sync again');
  }, 60_000);

  it('records health history and exposes Prometheus metrics', async () => {
    const history = await api.get(`${app.url}/v1/networks/render/health`);
    expect(history.status).toBe(200);
    expect(history.data.samples.length).toBeGreaterThan(3);
    expect(history.data.samples.some((s: { state: string }) => s.state === 'down')).toBe(true);
    const metrics = await api.get(`${app.url}/metrics`);
    expect(metrics.data).toContain('switchyard_syncs_total{network="render",result="failed"}');
    expect(metrics.data).toMatch(/switchyard_offers\{network="akash"\} [1-9]/);
  });
});
