import { isAdapterPlugin, NetworkAdapter, RunningSimulator } from '../sdk';
import { plugin } from './index';

describe('Render plugin', () => {
  it('is a v1 plugin with the documented id, name and endpoint key', () => {
    expect(isAdapterPlugin(plugin)).toBe(true);
    expect(plugin).toMatchObject({ id: 'render', displayName: 'Render Network (Render Compute)', sdkVersions: [1], endpointKeys: ['baseUrl'] });
  });

  it('reads config from env-style strings, with the real endpoint and API limits as defaults', () => {
    const parsed = plugin.configSchema.safeParse({ publicKey: 'pk_live_1', secretKey: 'sk_live_1', timeoutMs: '2500', pageSize: '25' });
    expect(parsed.success).toBe(true);
    expect(parsed.success && parsed.data).toEqual({
      baseUrl: 'https://api.dispersed.com',
      publicKey: 'pk_live_1',
      secretKey: 'sk_live_1',
      timeoutMs: 2500,
      pageSize: 25,
      idempotencyScanPages: 20,
    });
    expect(plugin.configSchema.safeParse({ publicKey: 'pk', secretKey: 'sk', pageSize: '51' }).success).toBe(false);
    const missing = plugin.configSchema.safeParse({ baseUrl: 'https://api.dispersed.com' });
    expect(missing.success).toBe(false);
    expect(!missing.success && missing.error.issues.map((i) => i.path.join('.'))).toEqual(['publicKey', 'secretKey']);
  });

  it('runs against its own simulator the way the host wires it, and never logs the secret', async () => {
    const sim: RunningSimulator = await plugin.startSimulator!({ seed: 11 });
    const logged: string[] = [];
    const log = (message: string, fields?: Record<string, unknown>) => void logged.push(message + JSON.stringify(fields ?? {}));
    try {
      const config = plugin.configSchema.safeParse({ ...sim.config, timeoutMs: '1000' });
      if (!config.success) throw new Error('simulator config does not validate');
      const adapter: NetworkAdapter = await plugin.create(config.data, {
        logger: { debug: log, info: log, warn: log, error: log },
        now: () => new Date(),
        simulated: true,
      });
      expect((await adapter.listOffers({ signal: AbortSignal.timeout(5_000) })).offers.length).toBeGreaterThan(0);
      expect(logged.length).toBeGreaterThan(0);
      expect(logged.join('\n')).not.toContain(String(sim.config.secretKey));
    } finally {
      await sim.close();
    }
  });
});
