// `npm run simulators`: the simulated world without Switchyard. Starts every network simulator (NETWORKS,
// default akash,render,filecoin) and the FX oracle simulators on loopback, seeded by SIM_SEED exactly as the
// service seeds them (SIM_SUPPLY_SCALE multiplies their supply), prints the environment that points a Switchyard at them, and runs until SIGINT.
// A Switchyard started with those lines treats the simulators as real endpoints: that is the point (it
// exercises the configuration path a real deployment uses).
import { appConfigSchema } from '../config/app-config.schema';
import { declaredBy, envProblemList, parseEnv } from '../config/env-config';
import { startSimulatedWorld } from './simulated-world';
import { shellQuoted } from './simulator-env';

/** SIM_SEED and SIM_SUPPLY_SCALE, read and checked as the service reads them. */
const simulatorSettings = appConfigSchema.pick({ SIM_SEED: true, SIM_SUPPLY_SCALE: true });

async function main(): Promise<void> {
  const { SIM_SEED: seed, SIM_SUPPLY_SCALE: supplyScale } = parseEnv(simulatorSettings, process.env, {
    owns: declaredBy(simulatorSettings),
    fail: (problems) => envProblemList('Invalid simulator configuration', problems),
  });
  const networks = (process.env.NETWORKS ?? 'akash,render,filecoin')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const world = await startSimulatedWorld({
    seed,
    networks,
    host: process.env.SIM_HOST,
    basePort: process.env.SIM_PORT ? Number(process.env.SIM_PORT) : 0,
    supplyScale,
  });
  for (const id of world.skipped) console.error(`# ${id}: no simulator (the native network's coordinator is Switchyard itself); skipped`);

  const scaled = supplyScale === 1 ? '' : `, SIM_SUPPLY_SCALE=${supplyScale}`;
  console.log(`# SIMULATED networks and oracles (SIM_SEED=${seed}${scaled}), not the real ones. Point a Switchyard at them with:`);
  for (const [name, value] of Object.entries(world.env)) console.log(`${name}=${shellQuoted(value)}`);
  console.log('# Simulator control APIs (fault plans, stats):');
  for (const c of world.controls) console.log(`#   ${c.network}: PUT ${c.url}/__sim/faults   GET ${c.url}/__sim/stats`);
  console.log('# Ctrl-C stops them.');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await world.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err) => {
  console.error(`simulators failed to start: ${(err as Error).message}`);
  process.exit(1);
});
