import { runAdapterConformance } from '../sdk/conformance';
import { SimulatorControl } from '../sdk';
import { ExampleAdapter } from './example.adapter';
import { startExampleSimulator } from './example.simulator';

const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: true };

runAdapterConformance('example', async () => {
  const sim = await startExampleSimulator({ seed: 1 });
  const adapter = new ExampleAdapter({ baseUrl: String(sim.config.baseUrl), timeoutMs: 500 }, context);
  return { adapter, simulator: new SimulatorControl(sim.controlUrl), teardown: () => sim.close() };
});
