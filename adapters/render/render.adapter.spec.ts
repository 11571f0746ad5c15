import { SimulatorControl } from '../sdk';
import { runAdapterConformance } from '../sdk/conformance';
import { RenderAdapter } from './render.adapter';
import { startRenderSimulator } from './render.simulator';

const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: true };

runAdapterConformance('render', async () => {
  const sim = await startRenderSimulator({ seed: 1 });
  const adapter = new RenderAdapter(
    {
      baseUrl: String(sim.config.baseUrl),
      publicKey: String(sim.config.publicKey),
      secretKey: String(sim.config.secretKey),
      timeoutMs: 800,
      pageSize: 50,
      idempotencyScanPages: 20,
    },
    context,
  );
  return { adapter, simulator: new SimulatorControl(sim.controlUrl), teardown: () => sim.close() };
});
