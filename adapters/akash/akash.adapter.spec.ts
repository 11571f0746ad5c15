import { runAdapterConformance } from '../sdk/conformance';
import { SimulatorControl } from '../sdk';
import { AkashAdapter } from './akash.adapter';
import { startAkashSimulator } from './akash.simulator';

const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: true };

runAdapterConformance('akash', async () => {
  const sim = await startAkashSimulator({ seed: 7, bidDelayMs: 60, startupMs: 200 });
  const adapter = new AkashAdapter(
    {
      baseUrl: String(sim.config.baseUrl),
      apiKey: String(sim.config.apiKey),
      bidWaitMs: 1_500,
      bidPollMs: 40,
      timeoutMs: 800,
      maxAttempts: 2,
      defaultDenom: 'uact',
    },
    context,
  );
  return { adapter, simulator: new SimulatorControl(sim.controlUrl), teardown: () => sim.close() };
});
