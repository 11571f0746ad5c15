// The price comparison shows each network's state and staleness, and leaves a network that is down out of
// "cheapest" by default, saying so.
import { api, startWorld, waitFor } from './support/market-world';
import type { TestApp } from './support/test-app';

describe('comparison and network availability', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash,render', { DISPATCH_ENABLED: 'false' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('leaves a network that is down out of the comparison unless asked, and says why', async () => {
    const before = (await api.get(`${app.url}/v1/pricing/compare`)).data;
    expect(before.networks.map((n: { id: string }) => n.id)).toEqual(['akash', 'render']);
    expect(before.networks.every((n: { includedInComparison: boolean }) => n.includedInComparison)).toBe(true);

    expect((await api.post(`${app.url}/v1/sim/scenarios`, { network: 'render', scenario: 'outage', state: 'on' })).status).toBe(200);
    await waitFor(async () => (await api.get(`${app.url}/v1/networks/render`)).data.state === 'down', 30_000, 'render to be down');

    const during = (await api.get(`${app.url}/v1/pricing/compare`)).data;
    const render = during.networks.find((n: { id: string }) => n.id === 'render');
    expect(render).toMatchObject({ state: 'down', includedInComparison: false, leftOutBecause: expect.stringMatching(/^down/) });
    expect(JSON.stringify(during.gpus)).not.toContain('"network":"render"');

    const all = (await api.get(`${app.url}/v1/pricing/compare`, { params: { includeUnavailable: 'true' } })).data;
    expect(all.networks.find((n: { id: string }) => n.id === 'render')).toMatchObject({ state: 'down', includedInComparison: true });
    expect(JSON.stringify(all.gpus)).toContain('"network":"render"');
  });

  it("the offers listing shows each network's state and staleness too, and keeps to the network filter", async () => {
    // Runs after the outage above: render is down (its offers still list, and the answer says so).
    const listing = (await api.get(`${app.url}/v1/offers`, { params: { limit: 1 } })).data;
    const byId = Object.fromEntries(listing.networks.map((n: { id: string }) => [n.id, n]));
    expect(Object.keys(byId)).toEqual(['akash', 'render']);
    expect(byId.render).toMatchObject({ state: 'down', offers: expect.any(Number), staleOffers: expect.any(Number) });
    expect(byId.render.offers).toBeGreaterThan(0);
    expect(byId.akash.state).not.toBe('down');
    const akashOnly = (await api.get(`${app.url}/v1/offers`, { params: { network: 'akash', limit: 1 } })).data;
    expect(akashOnly.networks.map((n: { id: string }) => n.id)).toEqual(['akash']);
  });
});
