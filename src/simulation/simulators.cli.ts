// `npm run simulators`: the simulated world without Switchyard. Starts every network simulator (NETWORKS,
// default akash,render,filecoin) and the FX oracle simulators on loopback, seeded by SIM_SEED exactly as the
// service seeds them, prints the environment that points a Switchyard at them, and runs until SIGINT.
// A Switchyard started with those lines treats the simulators as real endpoints: that is the point (it
// exercises the configuration path a real deployment uses).
import type { RunningSimulator } from '../../adapters/sdk';
import { startOracleSimulators } from '../pricing/fx/simulators';
import { loadPlugins } from '../plugins/plugin-loader';
import { envLinesFor, networkSeed } from './simulator-env';

async function main(): Promise<void> {
  const seed = Number(process.env.SIM_SEED ?? 42);
  if (!Number.isInteger(seed)) throw new Error(`SIM_SEED=${process.env.SIM_SEED}: must be an integer`);
  const host = process.env.SIM_HOST ?? '127.0.0.1';
  const basePort = process.env.SIM_PORT ? Number(process.env.SIM_PORT) : 0;
  const ids = (process.env.NETWORKS ?? 'akash,render,filecoin')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const running: RunningSimulator[] = [];
  const lines: string[] = [];
  const controls: string[] = [];
  let index = 0;
  for (const { plugin } of loadPlugins(ids)) {
    if (!plugin.startSimulator) {
      console.error(`# ${plugin.id}: no simulator (the native network's coordinator is Switchyard itself); skipped`);
      continue;
    }
    // Networks get ports 10 apart from SIM_PORT (Filecoin uses two: Bacalhau and Lotus), or free ones.
    const sim = await plugin.startSimulator({ seed: networkSeed(seed, plugin.id), host, port: basePort ? basePort + 10 * index++ : 0 });
    running.push(sim);
    lines.push(...envLinesFor(plugin.id, sim.config));
    controls.push(`#   ${plugin.id}: PUT ${sim.controlUrl}/__sim/faults   GET ${sim.controlUrl}/__sim/stats`);
  }
  const oracles = await startOracleSimulators({ seed, host });
  lines.push(
    `SOLANA_RPC_URL=${oracles.config.solanaRpcUrl}`,
    `PYTH_PROGRAM_SET=${oracles.config.pythProgramSet}`,
    `HERMES_URL=${oracles.config.hermesUrl}`,
    `EVM_RPC_URL=${oracles.config.evmRpcUrl}`,
    `EVM_CHAIN_ID=${oracles.config.evmChainId}`,
  );

  console.log(`# SIMULATED networks and oracles (SIM_SEED=${seed}), not the real ones. Point a Switchyard at them with:`);
  for (const line of lines) console.log(line);
  console.log('# Simulator control APIs (fault plans, stats):');
  for (const c of controls) console.log(c);
  console.log('# Ctrl-C stops them.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled([...running.map((s) => s.close()), oracles.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(`simulators failed to start: ${(err as Error).message}`);
  process.exit(1);
});
