// The simulated world without Switchyard: every network simulator of `networks` and the FX oracle simulators,
// seeded exactly as the service seeds its own, and the environment that points a Switchyard at them as if they
// were real endpoints. `npm run simulators` prints it; the benchmarks start it in a process of its own, as the
// networks would be elsewhere.
import type { RunningSimulator } from '../../adapters/sdk';
import { startOracleSimulators } from '../pricing/fx/simulators';
import { loadPlugins } from '../plugins/plugin-loader';
import { networkSeed } from '../plugins/network-seed';
import { envFor } from './simulator-env';

export interface SimulatedWorld {
  /** `AKASH_…=…` and the oracles' settings, for a Switchyard's environment. */
  env: Record<string, string>;
  /** Per network: its control API (fault plans, stats). */
  controls: Array<{ network: string; url: string }>;
  /** Networks without a simulator of their own (the native network's coordinator is Switchyard itself). */
  skipped: string[];
  close(): Promise<void>;
}

export interface SimulatedWorldOptions {
  seed: number;
  networks: string[];
  host?: string;
  basePort?: number;
  /** Each network's supply this many times over (SimulatorOptions.supplyScale); unset: the world as the seed builds it. */
  supplyScale?: number;
}

export async function startSimulatedWorld(opts: SimulatedWorldOptions): Promise<SimulatedWorld> {
  const host = opts.host ?? '127.0.0.1';
  const running: RunningSimulator[] = [];
  const env: Record<string, string> = {};
  const controls: SimulatedWorld['controls'] = [];
  const skipped: string[] = [];
  let index = 0;
  for (const { plugin } of loadPlugins(opts.networks)) {
    if (!plugin.startSimulator) {
      skipped.push(plugin.id);
      continue;
    }
    // Networks get ports 10 apart from basePort (Filecoin uses two: Bacalhau and Lotus), or free ones.
    const sim = await plugin.startSimulator({
      seed: networkSeed(opts.seed, plugin.id),
      host,
      port: opts.basePort ? opts.basePort + 10 * index++ : 0,
      supplyScale: opts.supplyScale,
    });
    running.push(sim);
    Object.assign(env, envFor(plugin.id, sim.config));
    controls.push({ network: plugin.id, url: sim.controlUrl });
  }
  const oracles = await startOracleSimulators({ seed: opts.seed, host });
  Object.assign(env, {
    SOLANA_RPC_URL: oracles.config.solanaRpcUrl,
    PYTH_PROGRAM_SET: oracles.config.pythProgramSet,
    HERMES_URL: oracles.config.hermesUrl,
    EVM_RPC_URL: oracles.config.evmRpcUrl,
    EVM_CHAIN_ID: String(oracles.config.evmChainId),
  });
  return {
    env,
    controls,
    skipped,
    async close() {
      await Promise.allSettled([...running.map((s) => s.close()), oracles.close()]);
    },
  };
}
