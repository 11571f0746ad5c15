import { api, startWorld } from './support/market-world';

/** Offers the service publishes from its in-process Render simulator, started with `env`. */
async function renderOffers(env: Record<string, string>): Promise<number> {
  const app = await startWorld('render', env);
  try {
    const res = await api.get(`${app.url}/v1/networks`);
    return res.data.items.find((n: { id: string }) => n.id === 'render').offers;
  } finally {
    await app.close();
  }
}

describe('SIM_SUPPLY_SCALE', () => {
  it("lists the in-process simulators' supply that many times over in the service's pool", async () => {
    const seeded = await renderOffers({});
    const tripled = await renderOffers({ SIM_SUPPLY_SCALE: '3' });
    expect(seeded).toBeGreaterThan(0);
    expect(tripled).toBe(3 * seeded);
  }, 60_000);
});
