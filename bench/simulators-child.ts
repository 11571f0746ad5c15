// The simulated networks and oracles in a process of their own, as real networks are elsewhere: forked by the
// jobs and burst benchmarks so that the simulators' work (answering submits, listing jobs, building bids) does not
// share the service's event loop, and the service reaches them over HTTP through the same configuration a real
// deployment uses. Says "ready" with the environment that points the service at them; exits on "close".
import { startSimulatedWorld } from '../src/simulation/simulated-world';
import type { SimulatorsMessage } from './service-protocol';

const send = (m: SimulatorsMessage) => process.send?.(m);

async function main(): Promise<void> {
  const world = await startSimulatedWorld({
    seed: Number(process.env.SIM_SEED ?? 42),
    networks: (process.env.NETWORKS ?? 'akash,render,filecoin').split(','),
    supplyScale: Number(process.env.SIM_SUPPLY_SCALE ?? 1),
  });
  process.on('message', (m: { type: string }) => {
    if (m.type === 'close') void world.close().finally(() => process.exit(0));
  });
  send({ type: 'ready', env: world.env });
}

// Only as a forked child.
if (require.main === module) {
  main().catch((err) => {
    send({ type: 'error', message: (err as Error).stack ?? String(err) });
    process.exit(1);
  });
}
