import { isAdapterPlugin } from '../sdk';
import { plugin } from './index';

const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: true };

describe('akash plugin', () => {
  it('is a plugin with id akash whose real endpoint is marked by baseUrl alone', () => {
    expect(isAdapterPlugin(plugin)).toBe(true);
    expect([plugin.id, plugin.displayName, plugin.endpointKeys]).toEqual(['akash', 'Akash Network', ['baseUrl']]);
    expect(plugin.configSchema.safeParse({}).success).toBe(false); // no default baseUrl
  });

  it('reads env-style strings and fills the real-network defaults', () => {
    const parsed = plugin.configSchema.safeParse({ baseUrl: 'https://console-api.akash.network', apiKey: 'k', bidWaitMs: '30000', depositUsd: '5' });
    expect(parsed.success && parsed.data).toMatchObject({ bidWaitMs: 30_000, bidPollMs: 3_000, defaultDenom: 'uact', depositUsd: '5' });
  });

  it('refuses at boot a uakt denomination, which the Console cannot honour, naming it', () => {
    const uakt = plugin.configSchema.safeParse({ baseUrl: 'https://console-api.akash.network', defaultDenom: 'uakt', aktUsd: '2.5' });
    expect(uakt.success).toBe(false);
    expect(!uakt.success && uakt.error.issues[0].message).toMatch(/AKASH_DEFAULT_DENOM=uakt cannot be honoured: .*uact/);
    expect(plugin.configSchema.safeParse({ baseUrl: 'https://x.example', depositUsd: '5 USD' }).success).toBe(false);
  });

  it('sends the Console default deposit and keeps the Console auditors unless told otherwise', () => {
    const parsed = plugin.configSchema.safeParse({ baseUrl: 'https://console-api.akash.network' });
    expect(parsed.success && parsed.data).toMatchObject({ depositUsd: '0.5', auditors: ['akash1365yvmc4s7awdyj3n2sav7xfx76adc6dnmlx63'] });
    const none = plugin.configSchema.safeParse({ baseUrl: 'https://console-api.akash.network', auditors: '' });
    expect(none.success && none.data.auditors).toEqual([]);
  });

  it('starts a simulator whose config, merged as the host does, gives an adapter with live offers', async () => {
    const sim = await plugin.startSimulator!({ seed: 3 });
    try {
      const parsed = plugin.configSchema.safeParse({ ...sim.config });
      if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
      expect(parsed.data.bidWaitMs).toBeLessThanOrEqual(2_000);
      const adapter = await plugin.create(parsed.data, context);
      const { offers } = await adapter.listOffers({ signal: AbortSignal.timeout(5_000) });
      expect(offers.length).toBeGreaterThan(10);
    } finally {
      await sim.close();
    }
  });
});
