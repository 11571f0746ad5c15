// Market truth check: the whole demo world running (four networks: three simulators and the native
// coordinator with its demo agents), a few hundred jobs with varied GPU asks, and how often a job was
// placed at or below the price it was quoted, how often it had to fail over, and how the jobs ended.
// Two kinds of users: half the jobs are sent as they are; the other half are quoted first (POST /v1/quotes)
// and sent with the quoted price as their cap (maxUsdPerGpuHour), which is how a user holds Switchyard to a
// quote. Networks that settle the price at submit (Akash bids) may place a job without a cap above its
// quote (up to the dispatcher's 25% headroom); the report shows how often.
import axios, { AxiosInstance } from 'axios';
import Decimal from 'decimal.js';
import { SeededRandom } from '../adapters/sdk';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = 'sy_test_admin_key_market_fidelity_0123';
const JOBS = Number(process.env.MARKET_JOBS ?? 240);
const TARGET = 0.95;
const DEMO_AGENTS = 3;

interface AttemptView {
  n: number;
  network: string;
  state: string;
  quotedUsdPerHour: string;
  usdPerHour: string | null;
  placement: { placementId?: string } | null;
}
interface JobView {
  id: string;
  state: string;
  stateReason: string | null;
  attempts: AttemptView[];
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
// What people ask for, roughly: mostly one or two consumer or data-centre GPUs, now and then a model list or "any GPU".
const ASKS: Array<readonly [{ models?: string[]; count: number; minVramGb?: number }, number]> = [
  [{ models: ['rtx4090'], count: 1 }, 6],
  [{ models: ['h100'], count: 1 }, 4],
  [{ models: ['a100'], count: 1 }, 3],
  [{ models: ['l40s'], count: 1 }, 3],
  [{ models: ['rtx3090'], count: 1 }, 2],
  [{ models: ['a6000'], count: 1 }, 2],
  [{ models: ['h100', 'a100-80gb'], count: 2 }, 2],
  [{ models: ['rtx4090', 'rtx3090'], count: 2 }, 2],
  [{ count: 1, minVramGb: 40 }, 2],
  [{ count: 1 }, 2],
];

describe('market fidelity: quote → placement across the simulated world', () => {
  let app: TestApp;
  let http: AxiosInstance;

  beforeAll(async () => {
    app = await startTestApp({
      NETWORKS: 'akash,render,filecoin,native',
      SIMULATORS: 'auto',
      SIM_SEED: '7',
      ADMIN_API_KEY: ADMIN,
      RATE_LIMIT_PER_MINUTE: '1000000',
      ACCOUNT_STARTING_CREDIT_USD: '100000',
      SYNC_ENABLED: 'true',
      SYNC_INTERVAL_MS: '2000',
      PROBE_INTERVAL_MS: '1000',
      DISPATCH_ENABLED: 'true',
      DISPATCH_INTERVAL_MS: '100',
      DISPATCH_BATCH: '50',
      // At most 50 jobs in flight, as this test ran before rounds stopped waiting for their slowest submit: each
      // simulated Akash bid reserves the provider's GPUs, so hundreds of concurrent deployments starve each
      // other of bids (uncapped success fell to 89% at the default 200).
      DISPATCH_CONCURRENCY: '50',
      RECONCILE_INTERVAL_MS: '300',
      // A capped job whose price is gone waits for capacity at that price; give up after a minute here.
      JOB_DEADLINE_MS: '60000',
      DEMO_AGENTS: String(DEMO_AGENTS),
      DEMO_SECONDS_PER_HOUR: '3600',
      DEMO_MAX_JOB_SECONDS: '20',
    });
    http = axios.create({ baseURL: app.url, headers: { authorization: `Bearer ${ADMIN}` }, validateStatus: () => true });
    // The pool is warm: every network has offers, and every demo agent has enrolled, passed its challenge and has
    // its offers in the pool. The agents enrol one after another in the background after boot, so the first one's
    // offers are no sign of the others'.
    await waitFor(
      `offers from all four networks, and from all ${DEMO_AGENTS} demo agents online`,
      async () => {
        const { data: networks } = await http.get('/v1/networks');
        if (!networks.items.every((n: { offers: number }) => n.offers > 0)) return undefined;
        const { data: nodes } = await http.get('/v1/nodes');
        const online = nodes.nodes.filter((n: { state: string }) => n.state === 'online').map((n: { id: string }) => n.id);
        const { data: offers } = await http.get('/v1/offers', { params: { network: 'native', limit: 500 } });
        const offering = new Set(offers.items.map((o: { provider: { id: string } }) => o.provider.id));
        return online.length === DEMO_AGENTS && online.every((id: string) => offering.has(id)) ? true : undefined;
      },
      30_000,
    );
  }, 60_000);

  afterAll(async () => {
    const t = Date.now();
    await app?.close();
    if (process.env.MARKET_DEBUG) console.log(`closed in ${Date.now() - t} ms`);
  }, 60_000);

  it('marks native as simulated while built-in demo agents are its only nodes', async () => {
    const { data } = await http.get('/v1/networks');
    const native = data.items.find((n: { id: string }) => n.id === 'native');
    expect(native.simulated).toBe(true);
    expect(native.mode).toMatch(/^simulated: this service's own coordinator, whose only nodes are 3 built-in DEMO agents with simulated GPUs/);
  });

  it(`reports quote-to-placement fidelity and failover for ${JOBS} jobs; jobs capped at their quote are placed at or below it ≥ ${TARGET * 100}% of the time`, async () => {
    const rnd = new SeededRandom(2024);
    const ids: Array<{ id: string; capped: boolean; capUsdPerHour?: string }> = [];
    let requoted = 0;
    for (let batch = 0; batch < JOBS; batch += 20) {
      const posted = await Promise.all(
        Array.from({ length: Math.min(20, JOBS - batch) }, async (_, i) => {
          const ask = rnd.weighted(ASKS);
          const spec = {
            name: `fidelity-${batch + i}`,
            image: 'ghcr.io/acme/bench:1.0',
            command: ['python', 'bench.py'],
            resources: { gpu: ask },
            // 7–11 s of wall clock: long enough to hold capacity, short enough to finish.
            durationHours: Number((0.002 + rnd.next() * 0.001).toFixed(5)),
          };
          const capped = (batch + i) % 2 === 1;
          // A capped job is quoted first; when the market moves between quote and submit (the quoted offer
          // is taken), the submit answers 422 and the user quotes again, as a real client would.
          for (let attempt = 1; ; attempt++) {
            const body: Record<string, unknown> = { ...spec };
            if (capped) {
              // A quote can find nothing for a moment when the test's own jobs hold every matching GPU: a real
              // client waits and asks again.
              let quote = await http.post('/v1/quotes', spec);
              for (let wait = 0; quote.status === 422 && wait < 20; wait++) {
                await sleep(500);
                quote = await http.post('/v1/quotes', spec);
              }
              if (quote.status !== 200) throw new Error(`POST /v1/quotes answered ${quote.status}: ${JSON.stringify(quote.data)}`);
              const perGpu = new Decimal(quote.data.decision.candidates[0].effectiveUsdPerHour).div(ask.count);
              body.maxUsdPerGpuHour = perGpu.toDecimalPlaces(4, Decimal.ROUND_UP).toFixed();
            }
            const res = await http.post('/v1/jobs', body);
            if (res.status === 202) {
              const cap = body.maxUsdPerGpuHour as string | undefined;
              return { id: res.data.id as string, capped, capUsdPerHour: cap === undefined ? undefined : new Decimal(cap).times(ask.count).toFixed() };
            }
            if (res.status === 422 && attempt < 20) await sleep(500);
            if (!(res.status === 422 && attempt < 20))
              throw new Error(`POST /v1/jobs answered ${res.status}: ${JSON.stringify(res.data)} ${JSON.stringify(body)}`);
            requoted++;
          }
        }),
      );
      ids.push(...posted);
      await sleep(150);
    }

    const jobs = await waitFor(
      `all ${JOBS} jobs to end`,
      async () => {
        const views: Array<JobView & { capped: boolean; capUsdPerHour?: string }> = [];
        for (const { id, capped, capUsdPerHour } of ids) views.push({ ...(await http.get(`/v1/jobs/${id}`)).data, capped, capUsdPerHour });
        const open = views.filter((j) => !TERMINAL.has(j.state));
        return open.length === 0 ? views : undefined;
      },
      150_000,
      10_000,
    );

    if (process.env.MARKET_DEBUG) {
      for (const j of jobs)
        for (const a of j.attempts as Array<AttemptView & { providerId: string }>) {
          if (a.network === 'akash' && a.placement && a.usdPerHour) {
            console.log(
              `${new Decimal(a.usdPerHour).gt(a.quotedUsdPerHour) ? 'over' : 'okay'}: capped=${j.capped} routed=${a.providerId.slice(-6)} quote=${a.quotedUsdPerHour} paid=${a.usdPerHour} n=${a.n}`,
            );
          }
        }
    }
    const all = measure(jobs);
    const plain = measure(jobs.filter((j) => !j.capped));
    const capped = measure(jobs.filter((j) => j.capped));
    // A capped job was quoted by POST /v1/quotes, and that quote became its cap: "placed at or below the price it
    // was quoted" means at or below that, whichever offer a failover ends on. (The per-attempt figures above
    // compare each attempt with the dispatcher's own quote of the offer it tried, which is stricter.)
    const cappedPlaced = jobs.filter((j) => j.capped && j.attempts.some((a) => a.placement !== null && a.usdPerHour !== null));
    const heldToQuote = cappedPlaced.filter((j) =>
      j.attempts.every((a) => a.placement === null || a.usdPerHour === null || new Decimal(a.usdPerHour).lte(j.capUsdPerHour!)),
    );
    const userFidelity = cappedPlaced.length === 0 ? 0 : heldToQuote.length / cappedPlaced.length;
    console.log(
      [
        `capped jobs quoted again because the quoted offer was gone at submit: ${requoted}`,
        formatReport('all jobs', all),
        formatReport('jobs sent as they are', plain),
        formatReport('jobs capped at their quote', capped),
        `capped jobs placed at or below the price POST /v1/quotes gave them: ${heldToQuote.length} of ${cappedPlaced.length} (${(userFidelity * 100).toFixed(1)}%)`,
      ].join('\n'),
    );

    // Jobs sent as they are: all placed, nearly all succeed (the rest exit non-zero, as workloads do).
    expect(plain.placedJobs).toBeGreaterThanOrEqual(plain.jobs * 0.95);
    expect(plain.byState.succeeded ?? 0).toBeGreaterThanOrEqual(plain.jobs * 0.9);
    // Firm-priced networks place at the quoted price; Akash settles at the accepted bid, which may exceed
    // the market estimate it was quoted at, but never by more than the dispatcher's 25% headroom.
    for (const [network, n] of Object.entries(plain.byNetwork)) if (network !== 'akash') expect(n.atOrBelow).toBe(n.placed);
    expect(new Decimal(plain.worstOverQuote).toNumber()).toBeLessThanOrEqual(0.25);
    // The target (issue #12): of all jobs placed, at least 95% at or below the price they were quoted.
    // Measured 96.0–99.1% (seed 7, 2026-11-25), 81–87% before Akash quotes read the free providers and our
    // own orders ahead, and before routing counted the GPUs its jobs took since the last sync.
    expect(all.fidelity).toBeGreaterThanOrEqual(TARGET);
    // The uncapped half alone: measured 93.3–98.3% (Akash alone 87–97%). A floor against regressions.
    expect(plain.fidelity).toBeGreaterThanOrEqual(0.9);
    // A user who holds Switchyard to its quote gets it (or waits for capacity at that price).
    expect(userFidelity).toBeGreaterThanOrEqual(TARGET);
    // Per attempt (each attempt against the dispatcher's quote of the offer it tried, which for a multi-model ask
    // can be below the user's cap): measured 98–100%. A floor against regressions; the user's own measure above
    // is the one that counts for them.
    expect(capped.fidelity).toBeGreaterThanOrEqual(0.9);
    expect(capped.placedJobs).toBeGreaterThanOrEqual(capped.jobs * 0.4);
  }, 240_000);
});

interface Report {
  jobs: number;
  placedJobs: number;
  atOrBelow: number;
  fidelity: number;
  failedOver: number;
  failoverShare: number;
  /** Largest (agreed / quoted − 1) of any placement, as a decimal string. */
  worstOverQuote: string;
  /** Mean over placed jobs of (price of the job's last placement / its first attempt's quote − 1): what failover and settlement cost. */
  meanOverFirstQuote: number;
  failureReasons: Record<string, number>;
  byState: Record<string, number>;
  byNetwork: Record<string, { placed: number; atOrBelow: number }>;
}

/** A job counts as placed when an attempt got a placement; its agreed price is that attempt's usdPerHour. */
function measure(jobs: JobView[]): Report {
  const byState: Record<string, number> = {};
  const byNetwork: Report['byNetwork'] = {};
  let placedJobs = 0;
  let atOrBelow = 0;
  let failedOver = 0;
  let worst = new Decimal(0);
  let overFirstQuote = new Decimal(0);
  const failureReasons: Record<string, number> = {};
  for (const job of jobs) {
    byState[job.state] = (byState[job.state] ?? 0) + 1;
    if (job.state !== 'succeeded') {
      const reason = (job.stateReason ?? '').replace(/[0-9a-f-]{36}|akash1\w+|\b[1-9A-HJ-NP-Za-km-z]{32,44}\b|\d+(\.\d+)?/g, '…').slice(0, 140);
      failureReasons[reason] = (failureReasons[reason] ?? 0) + 1;
    }
    if (job.attempts.length > 1) failedOver++;
    const placed = job.attempts.filter((a) => a.placement !== null && a.usdPerHour !== null);
    if (placed.length === 0) continue;
    placedJobs++;
    overFirstQuote = overFirstQuote.plus(new Decimal(placed[placed.length - 1].usdPerHour!).div(job.attempts[0].quotedUsdPerHour).minus(1));
    // Every placement of the job must have been at or below its own quote.
    const ok = placed.every((a) => new Decimal(a.usdPerHour!).lte(a.quotedUsdPerHour));
    if (ok) atOrBelow++;
    for (const a of placed) {
      const over = new Decimal(a.usdPerHour!).div(a.quotedUsdPerHour).minus(1);
      if (over.gt(worst)) worst = over;
      const n = (byNetwork[a.network] ??= { placed: 0, atOrBelow: 0 });
      n.placed++;
      if (new Decimal(a.usdPerHour!).lte(a.quotedUsdPerHour)) n.atOrBelow++;
    }
  }
  return {
    jobs: jobs.length,
    placedJobs,
    atOrBelow,
    fidelity: placedJobs === 0 ? 0 : atOrBelow / placedJobs,
    failedOver,
    failoverShare: failedOver / jobs.length,
    worstOverQuote: worst.toFixed(4),
    meanOverFirstQuote: placedJobs === 0 ? 0 : overFirstQuote.div(placedJobs).toNumber(),
    failureReasons,
    byState,
    byNetwork,
  };
}

function formatReport(title: string, r: Report): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const networks = Object.entries(r.byNetwork)
    .sort()
    .map(([n, v]) => `    ${n.padEnd(9)} ${String(v.placed).padStart(4)} placements, ${pct(v.atOrBelow / v.placed)} at or below quote`)
    .join('\n');
  return [
    `MARKET FIDELITY — ${title}`,
    `  jobs submitted:                 ${r.jobs}`,
    `  jobs placed:                    ${r.placedJobs}`,
    `  placed at or below quote:       ${r.atOrBelow} (${pct(r.fidelity)})`,
    `  worst placement over its quote: ${new Decimal(r.worstOverQuote).times(100).toFixed(1)}%`,
    `  paid vs first quote (mean):     ${r.meanOverFirstQuote >= 0 ? '+' : ''}${(r.meanOverFirstQuote * 100).toFixed(1)}%`,
    `  failed over (>1 attempt):       ${r.failedOver} (${pct(r.failoverShare)})`,
    `  final states:                   ${JSON.stringify(r.byState)}`,
    '  by network:',
    networks,
    '  why jobs did not succeed:',
    ...Object.entries(r.failureReasons)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `    ${n}× ${k}`),
  ].join('\n');
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
