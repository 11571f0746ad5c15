import { runAdapterConformance } from '../sdk/conformance';
import { SimulatorControl } from '../sdk';
import { plugin } from './index';
import { NativeAdapter } from './native.adapter';
import { startNativeSimulator } from './native.simulator';

const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: true };

runAdapterConformance('native', async () => {
  const sim = await startNativeSimulator({ seed: 7 });
  const adapter = new NativeAdapter({ baseUrl: String(sim.config.baseUrl), timeoutMs: 500 }, context);
  return { adapter, simulator: new SimulatorControl(sim.controlUrl), teardown: () => sim.close() };
});

describe('native adapter mapping', () => {
  it('quotes the node asking price per GPU-hour as a firm price, with the node heartbeat signals', async () => {
    const sim = await startNativeSimulator({ seed: 7 });
    try {
      const adapter = new NativeAdapter({ baseUrl: String(sim.config.baseUrl), timeoutMs: 1_000 }, context);
      const { offers } = await adapter.listOffers({ signal: AbortSignal.timeout(5_000) });
      expect(offers[0].price).toMatchObject({ asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm' });
      expect(offers[0].signals).toMatchObject({ online: true, verified: true, uptime: 1 });
    } finally {
      await sim.close();
    }
  });

  it("reads a placement's log lines", async () => {
    const sim = await startNativeSimulator({ seed: 7 });
    try {
      const adapter = new NativeAdapter({ baseUrl: String(sim.config.baseUrl), timeoutMs: 1_000 }, context);
      const signal = AbortSignal.timeout(5_000);
      const [offer] = (await adapter.listOffers({ signal })).offers;
      const job = { image: 'ghcr.io/acme/worker:3', resources: { gpu: { count: 1 } } };
      const placement = await adapter.submit({ job, offer, idempotencyKey: 'logs-1', signal });
      expect(await adapter.logs(placement, { signal })).toEqual(['simulated native node: job accepted']);
    } finally {
      await sim.close();
    }
  });

  it('has a plugin the host can load: id native, endpoint key baseUrl, no simulator of its own', () => {
    expect(plugin).toMatchObject({ id: 'native', displayName: 'Switchyard native nodes', endpointKeys: ['baseUrl'] });
    expect(plugin.startSimulator).toBeUndefined();
    expect(plugin.configSchema.safeParse({}).success).toBe(false);
    expect(plugin.configSchema.safeParse({ baseUrl: 'http://127.0.0.1:3000' }).success).toBe(true);
  });
});
