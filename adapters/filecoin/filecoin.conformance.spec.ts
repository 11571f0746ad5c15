import { runAdapterConformance } from '../sdk/conformance';
import { SimulatorControl } from '../sdk';
import { FilecoinAdapter } from './filecoin.adapter';
import { filecoinConfigSchema } from './filecoin.config';
import { startFilecoinSimulators } from './filecoin.simulator';

const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: true };

runAdapterConformance('filecoin', async () => {
  const sims = await startFilecoinSimulators({ seed: 7 });
  const config = filecoinConfigSchema.parse({ ...sims.config, timeoutMs: 800, maxAttempts: 2 });
  const adapter = new FilecoinAdapter(config, context);
  return { adapter, simulator: new SimulatorControl(sims.controlUrl), teardown: () => sims.close() };
});
