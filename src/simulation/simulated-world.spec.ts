import { loadPlugins } from '../plugins/plugin-loader';
import { pluginConfigFromEnv } from '../plugins/plugin-config';
import { startSimulatedWorld } from './simulated-world';

const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: true };

/** The offers a Switchyard pointed at the world by its environment would list from Render. */
async function renderOffers(supplyScale?: number): Promise<string[]> {
  const world = await startSimulatedWorld({ seed: 42, networks: ['render'], supplyScale });
  try {
    const [{ plugin }] = loadPlugins(['render']);
    const parsed = plugin.configSchema.safeParse(pluginConfigFromEnv('render', world.env));
    if (!parsed.success) throw new Error('the world environment does not configure render');
    const adapter = await plugin.create(parsed.data, context);
    return (await adapter.listOffers({ signal: AbortSignal.timeout(10_000) })).offers.map((o) => o.offerId);
  } finally {
    await world.close();
  }
}

describe('the simulated world', () => {
  it('hands supplyScale to the simulators: a Switchyard pointed at it by its environment sees that many times the supply', async () => {
    const seeded = await renderOffers();
    const scaled = await renderOffers(3);
    expect(seeded.length).toBeGreaterThan(0);
    expect(scaled).toHaveLength(3 * seeded.length);
    expect(new Set(scaled).size).toBe(scaled.length);
  });
});
