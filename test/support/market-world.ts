// The simulated world for end-to-end suites: the service with simulated networks, fast loops, an admin key.
import axios from 'axios';
import { NetworkRegistry } from '../../src/plugins/network-registry';
import { SimulatorControl } from '../../adapters/sdk';
import { startTestApp, TestApp } from './test-app';

export const TEST_ADMIN_KEY = 'sy_test_admin_world_0123456789abcdef';
export const api = axios.create({ validateStatus: () => true, headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });

export const FAST_WORLD: Record<string, string> = {
  SIMULATORS: 'auto',
  SYNC_ENABLED: 'true',
  DISPATCH_ENABLED: 'true',
  SYNC_INTERVAL_MS: '1000',
  PROBE_INTERVAL_MS: '1000',
  DISPATCH_INTERVAL_MS: '100',
  RECONCILE_INTERVAL_MS: '200',
  BREAKER_HALF_OPEN_MS: '1000',
  ADMIN_API_KEY: TEST_ADMIN_KEY,
  ACCOUNT_STARTING_CREDIT_USD: '100000',
  AKASH_BID_WAIT_MS: '1500',
};

/** Create paths of each network's job API: faults there make exactly job placement fail while listings keep working. */
export const SUBMIT_PATHS: Record<string, string> = {
  akash: '^/v1/deployments',
  render: '^/v1/jobs',
  filecoin: '^/api/v1/orchestrator/jobs',
};

export async function startWorld(networks: string, env: Record<string, string> = {}): Promise<TestApp> {
  const app = await startTestApp({ ...FAST_WORLD, NETWORKS: networks, ...env });
  await waitFor(
    async () => {
      const res = await api.get(`${app.url}/v1/networks`);
      return res.status === 200 && res.data.items.length > 0 && res.data.items.every((n: { offers: number }) => n.offers > 0);
    },
    30_000,
    'every network to publish offers',
  );
  return app;
}

export function simulatorOf(app: TestApp, network: string): SimulatorControl {
  const url = app.app.get(NetworkRegistry).get(network)?.simulatorControlUrl;
  if (!url) throw new Error(`${network} is not simulated in this world`);
  return new SimulatorControl(url);
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export async function waitForJob(app: TestApp, id: string, states: string[], timeoutMs = 30_000) {
  let last: { state?: string; stateReason?: string } = {};
  try {
    await waitFor(
      async () => {
        const res = await api.get(`${app.url}/v1/jobs/${id}`);
        last = res.data;
        return states.includes(res.data.state);
      },
      timeoutMs,
      `job ${id} to reach ${states.join('|')}`,
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last seen: ${JSON.stringify({ state: last.state, reason: last.stateReason })}`, { cause: err });
  }
  return (await api.get(`${app.url}/v1/jobs/${id}`)).data;
}
