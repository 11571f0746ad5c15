// Starts both Filecoin simulators, each on its own loopback port: the real Bacalhau and Lotus both
// default to 1234, so neither simulator ever assumes it.
import type { RunningSimulator, SimulatorOptions } from '../sdk';
import { BacalhauSimulatorOptions, startBacalhauSimulator } from './bacalhau.simulator';
import { startLotusSimulator } from './lotus.simulator';
import { SIM_FALLBACK_PRICES } from './filecoin.sim-world';

export { startBacalhauSimulator } from './bacalhau.simulator';
export { startLotusSimulator } from './lotus.simulator';

export type FilecoinSimulators = RunningSimulator & {
  bacalhau: Awaited<ReturnType<typeof startBacalhauSimulator>>;
  lotus: Awaited<ReturnType<typeof startLotusSimulator>>;
};

/**
 * Bacalhau on `port` (0 = any free port) and Lotus on `port + 1` (or any free port when `port` is 0).
 * `config` points the adapter at both and supplies the simulator's fallback price table; `controlUrl`
 * is the Bacalhau simulator's (jobs, submissions, faults); the Lotus one is `lotus.controlUrl`.
 */
export async function startFilecoinSimulators(options: SimulatorOptions & Pick<BacalhauSimulatorOptions, 'token'>): Promise<FilecoinSimulators> {
  const port = options.port ?? 0;
  const bacalhau = await startBacalhauSimulator({ ...options, port });
  let lotus;
  try {
    lotus = await startLotusSimulator({ ...options, port: port === 0 ? 0 : port + 1 });
  } catch (err) {
    await bacalhau.close();
    throw err;
  }
  return {
    bacalhau,
    lotus,
    config: { ...bacalhau.config, ...lotus.config, fallbackPrices: { ...SIM_FALLBACK_PRICES } },
    controlUrl: bacalhau.controlUrl,
    close: async () => {
      await Promise.all([bacalhau.close(), lotus.close()]);
    },
  };
}
