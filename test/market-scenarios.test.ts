// Scenarios on the running demo world: an outage of the cheapest network moves new jobs elsewhere (and the
// routing explanation says why); switching it off brings them back. The scenarios API exists only where a
// network is simulated, and only for admin keys.
import axios, { AxiosInstance } from 'axios';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = 'sy_test_admin_key_market_scenarios_01';
const JOB = {
  name: 'scenario-probe',
  image: 'ghcr.io/acme/bench:1.0',
  resources: { gpu: { count: 1, models: ['rtx4090'] } },
  durationHours: 0.002,
};

interface Attempt {
  network: string;
  routing: { explanation?: string; dropped?: Record<string, number> };
}

describe('simulation scenarios', () => {
  let app: TestApp;
  let http: AxiosInstance;

  beforeAll(async () => {
    app = await startTestApp({
      NETWORKS: 'akash,render,filecoin',
      SIMULATORS: 'auto',
      ADMIN_API_KEY: ADMIN,
      ACCOUNT_STARTING_CREDIT_USD: '1000',
      RATE_LIMIT_PER_MINUTE: '100000',
      SYNC_ENABLED: 'true',
      SYNC_INTERVAL_MS: '1000',
      PROBE_INTERVAL_MS: '300',
      BREAKER_FAILURES: '2',
      BREAKER_HALF_OPEN_MS: '1000',
      BLOCK_TTL_MS: '2000',
      DISPATCH_ENABLED: 'true',
      DISPATCH_INTERVAL_MS: '100',
      RECONCILE_INTERVAL_MS: '300',
    });
    http = axios.create({ baseURL: app.url, headers: { authorization: `Bearer ${ADMIN}` }, validateStatus: () => true });
    await waitFor('offers from all three networks', async () => {
      const { data } = await http.get('/v1/networks');
      return data.items.every((n: { offers: number }) => n.offers > 0) ? true : undefined;
    });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  }, 30_000);

  const bestNetwork = async () => (await http.post('/v1/quotes', JOB)).data.decision.candidates[0].network as string;
  const firstAttempt = async (): Promise<Attempt> => {
    const created = await http.post('/v1/jobs', JOB);
    expect(created.status).toBe(202);
    return waitFor('the job to be routed', async () => (await http.get(`/v1/jobs/${created.data.id}`)).data.attempts[0] as Attempt | undefined);
  };
  const scenario = (network: string, state: 'on' | 'off') => http.post('/v1/sim/scenarios', { network, scenario: 'outage', state });

  it('an outage of the cheapest network moves new jobs to another network, and its end brings them back', async () => {
    const cheapest = await bestNetwork();
    const before = await firstAttempt();
    expect(before.network).toBe(cheapest);

    const on = await scenario(cheapest, 'on');
    expect(on.status).toBe(200);
    expect(on.data).toMatchObject({ network: cheapest, scenario: 'outage', state: 'on', active: ['outage'], faults: { errorRate: 1, errorStatus: 503 } });
    const listed = (await http.get('/v1/sim/scenarios')).data;
    expect(listed.networks.find((n: { network: string }) => n.network === cheapest)).toMatchObject({ simulated: true, active: ['outage'] });

    // The probes fail, the breaker opens, the network is down and routing leaves it, saying so.
    await waitFor(`${cheapest} to be down`, async () => {
      const { data } = await http.get(`/v1/networks/${cheapest}`);
      return data.state === 'down' ? true : undefined;
    });
    const during = await firstAttempt();
    expect(during.network).not.toBe(cheapest);
    expect(during.routing.explanation).toMatch(/network down/);
    expect(during.routing.dropped?.['network down']).toBeGreaterThan(0);

    expect((await scenario(cheapest, 'off')).data).toMatchObject({ state: 'off', active: [] });
    await waitFor(`${cheapest} to be routed to again`, async () => ((await bestNetwork()) === cheapest ? true : undefined));
    const after = await firstAttempt();
    expect(after.network).toBe(cheapest);
  }, 90_000);

  it('refuses callers without an admin key, unknown scenarios and unknown networks', async () => {
    const anonymous = await axios.get(`${app.url}/v1/sim/scenarios`, { validateStatus: () => true });
    expect(anonymous.status).toBe(401);
    const bad = await http.post('/v1/sim/scenarios', { network: 'akash', scenario: 'meteor-strike', state: 'on' });
    expect(bad.status).toBe(400);
    expect(bad.data.errors[0]).toMatchObject({ field: 'scenario' });
    expect((await http.post('/v1/sim/scenarios', { network: 'nowhere', scenario: 'slow' })).status).toBe(404);
  });
});

describe('simulation scenarios without simulated networks', () => {
  it('do not exist (404)', async () => {
    const app = await startTestApp({ NETWORKS: 'none', ADMIN_API_KEY: ADMIN });
    try {
      const res = await axios.get(`${app.url}/v1/sim/scenarios`, { headers: { authorization: `Bearer ${ADMIN}` }, validateStatus: () => true });
      expect(res.status).toBe(404);
    } finally {
      await app.close();
    }
  }, 30_000);
});

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
