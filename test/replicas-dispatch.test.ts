// Issue 10, "nothing twice" with many replicas: two service processes accept and dispatch 200 jobs from one
// database, with the dispatcher claiming work by FOR UPDATE SKIP LOCKED. Every job must be placed, and each
// placement must have been created on its network exactly once, as the network (simulator) counted it.
//
// Runs only against a real PostgreSQL server (TEST_DATABASE_URL): the embedded PGlite lives inside ONE
// process (a single session), so two processes cannot share it, and SKIP LOCKED between replicas only
// means something between sessions of a real server.
import Decimal from 'decimal.js';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase, usingRealPostgres } from './support/test-database';
import {
  buildService,
  createJobsKey,
  http,
  nothingTwice,
  readLedger,
  timelines,
  ServiceProcess,
  SharedSimulators,
  smallJob,
  spreadTargets,
  JobLedgerRow,
  JobTarget,
  startServiceProcess,
  startSharedSimulators,
  waitFor,
} from './support/service-process';

const describeWithPostgres = usingRealPostgres ? describe : describe.skip;
const NETWORKS = ['akash', 'render', 'filecoin'];
const JOBS = 200;
const ADMIN_KEY = 'sy_dispatch_admin_key_0123456789abcdef';
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
/** 1.8 s: services (Akash leases, Render jobs) are closed and counted done after that. */
const DURATION_HOURS = 0.0005;

describeWithPostgres('two replicas dispatching 200 jobs from one database', () => {
  let build: Awaited<ReturnType<typeof buildService>>;
  let db: TestDatabase;
  let sql: Client;
  let sims: SharedSimulators;
  let replicas: ServiceProcess[] = [];
  let key: string;
  let targets: JobTarget[];

  beforeAll(async () => {
    // The Console leases only to providers its auditors signed, and the service offers only theirs (about 40 % of
    // the simulated Akash providers): a world of 120 providers holds as much audited supply as 48 held before
    // that rule, so the pool has room for all 200 spread jobs.
    // No workload fails on its own (jobFailureRate 0, as SIM_JOB_FAILURE_RATE=0 elsewhere): a test that follows
    // one job to `running` must not see a random failure end it first (the Render simulator failed about 1 in
    // 20 jobs at random). Akash still drops some leases (its default rate, kept explicitly), so jobs still fail
    // over to new attempts while both replicas dispatch.
    const noRandomFailures = { jobFailureRate: 0 };
    const worlds = { akash: { providerCount: 120, ...noRandomFailures, leaseDropRate: 0.04 }, render: noRandomFailures, filecoin: noRandomFailures };
    [build, db, sims] = await Promise.all([buildService(), createTestDatabase(), startSharedSimulators(NETWORKS, 42, {}, worlds)]);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const env = {
      ...sims.env,
      DATABASE_URL: db.url,
      NETWORKS: NETWORKS.join(','),
      ADMIN_API_KEY: ADMIN_KEY,
      RATE_LIMIT_PER_MINUTE: '1000000',
      ACCOUNT_STARTING_CREDIT_USD: '1000000',
      DISPATCH_INTERVAL_MS: '50',
      // One sync at boot: the pool stays what spreadTargets planned for (a later sync would show the GPUs our
      // own jobs hold, and a POST for a group whose offers all look busy is refused as unsatisfiable).
      SYNC_INTERVAL_MS: '600000',
      // Small batches, so both replicas keep finding work to claim.
      DISPATCH_BATCH: '10',
      RECONCILE_INTERVAL_MS: '500',
      // A failed placement blocks its offer only briefly, and a job may fail over a few times: the simulated
      // Akash drops some leases on purpose.
      BLOCK_TTL_MS: '2000',
      JOB_MAX_ATTEMPTS: '10',
      // A short claim, as a crash-tolerant deployment wants (a dead replica's jobs come back quickly): a
      // submit may then take longer than the claim, and the other replica must still not take it over.
      // (2 s, renewed every 667 ms: at 1 s a loaded 2-core CI machine stalled a replica past its claim.)
      JOB_CLAIM_TTL_MS: '2000',
    };
    replicas = await Promise.all(['a', 'b'].map((name) => startServiceProcess({ name: `dispatch-${name}`, mainJs: build.mainJs, env })));
    key = await createJobsKey(replicas[0].url, ADMIN_KEY, 'replicas-dispatch');
    // Jobs submitted before the first sync would only wait; start from a warm pool on both replicas.
    for (const r of replicas) {
      await waitFor(
        async () => {
          const res = await http.get(`${r.url}/v1/offers`, { params: { limit: 500 } });
          const seen = new Set((res.data.items ?? []).map((o: { network: string }) => o.network));
          return NETWORKS.every((n) => seen.has(n)) ? true : undefined;
        },
        { timeoutMs: 20_000, describe: () => `${r.name} has no offers of every network yet\n${r.logTail()}` },
      );
    }
    targets = await spreadTargets(replicas[0].url, NETWORKS, JOBS);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(replicas.map((p) => p.stop()));
    await sql?.end();
    await sims?.close();
    await db?.drop();
    build?.remove();
  }, 60_000);

  it('places every job, each exactly once on its network, with work shared by both replicas', async () => {
    const auth = { headers: { authorization: `Bearer ${key}` } };
    // Spread across both replicas, all three networks and many offers, 20 requests in flight at a time.
    const ids: string[] = new Array(JOBS);
    for (let start = 0; start < JOBS; start += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, JOBS - start) }, async (_, k) => {
          const i = start + k;
          const res = await http.post(`${replicas[i % 2].url}/v1/jobs`, smallJob(i, targets[i], DURATION_HOURS), {
            headers: { ...auth.headers, 'idempotency-key': `dispatch-${i}` },
          });
          if (res.status !== 202) throw new Error(`job ${i}: ${res.status} ${JSON.stringify(res.data)}`);
          ids[i] = res.data.id;
        }),
      );
    }

    // The same request again, on the OTHER replica, with the same Idempotency-Key: the same job, not a new one.
    for (let i = 0; i < 10; i++) {
      const again = await http.post(`${replicas[(i + 1) % 2].url}/v1/jobs`, smallJob(i, targets[i], DURATION_HOURS), {
        headers: { ...auth.headers, 'idempotency-key': `dispatch-${i}` },
      });
      expect(again.status).toBe(200);
      expect(again.data.id).toBe(ids[i]);
    }

    // Every job reaches its network (submitted or later)...
    const t0 = Date.now();
    await waitFor(
      async () => {
        const l = await readLedger(sql);
        const placedJobs = new Set(l.attempts.filter((a) => a.placement).map((a) => a.job_id));
        return l.jobs.length === JOBS && l.jobs.every((j) => placedJobs.has(j.id)) ? true : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 250, describe: () => stuckJobs('never placed', (j, placed) => !placed.has(j.id)) },
    );
    const placedAfterMs = Date.now() - t0;
    // ...and then ends: services are closed after their 1.8 s, batch jobs finish on their own.
    const ledger = await waitFor(
      async () => {
        const l = await readLedger(sql);
        return l.jobs.every((j) => TERMINAL.has(j.state)) ? l : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 250, describe: () => stuckJobs('not finished', (j) => !TERMINAL.has(j.state)) },
    );
    console.log(
      `replicas-dispatch: ${JOBS} jobs placed in ${placedAfterMs} ms, all ended after ${Date.now() - t0} ms; ${JSON.stringify(countStates(ledger.jobs))}, ${ledger.attempts.length} attempts`,
    );
    expect(new Set(ledger.jobs.map((j) => j.id))).toEqual(new Set(ids));

    // What the user sees: every job ended on its network. A failed one failed THERE (dropped leases past the
    // attempt cap) — never in routing, never lost.
    for (const id of ids) {
      const res = await http.get(`${replicas[0].url}/v1/jobs/${id}`, auth);
      expect(res.status).toBe(200);
      expect(['succeeded', 'failed']).toContain(res.data.state);
      const last = res.data.attempts[res.data.attempts.length - 1];
      expect(last?.placement?.placementId).toEqual(expect.any(String));
    }

    // What the networks saw: every key once, every placed attempt created exactly once on its own network.
    const submissions = await sims.submissions();
    expect(nothingTwice(ledger, submissions)).toEqual([]);
    const placed = ledger.attempts.filter((a) => a.placement);
    expect(placed.length).toBeGreaterThanOrEqual(JOBS);
    for (const n of NETWORKS) expect(placed.filter((a) => a.network === n).length).toBeGreaterThan(0);

    // Both replicas dispatched: each one logged Akash deployments it created itself.
    const created = replicas.map((r) => (r.logTail(100_000).match(/akash deployment created/g) ?? []).length);
    expect(created[0]).toBeGreaterThan(0);
    expect(created[1]).toBeGreaterThan(0);
  }, 120_000);

  it('does not take over a submit that outlasts the claim: a slow network still gets each job once', async () => {
    const auth = { headers: { authorization: `Bearer ${key}` } };
    const akash = sims.byNetwork.get('akash')!;
    // Every Akash call now takes 1.2 s, so a submit (deployment, bids, lease) takes ~4-5 s: longer than the 2 s claim.
    await http.put(`${akash.controlUrl}/__sim/faults`, { latencyMs: 1200, paths: '^/v1/(deployments|leases)' });
    try {
      const slow = targets.filter((t) => t.network === 'akash').slice(0, 8);
      const ids = await Promise.all(
        slow.map(async (t, i) => {
          const res = await http.post(`${replicas[i % 2].url}/v1/jobs`, smallJob(1000 + i, t, DURATION_HOURS), {
            headers: { ...auth.headers, 'idempotency-key': `slow-${i}` },
          });
          if (res.status !== 202) throw new Error(`slow job ${i}: ${res.status} ${JSON.stringify(res.data)}`);
          return res.data.id as string;
        }),
      );
      const ledger = await waitFor(
        async () => {
          const l = await readLedger(sql);
          return ids.every((id) => TERMINAL.has(l.jobs.find((j) => j.id === id)?.state ?? '')) ? l : undefined;
        },
        { timeoutMs: 45_000, intervalMs: 250, describe: () => stuckJobs('not finished', (j) => ids.includes(j.id) && !TERMINAL.has(j.state)) },
      );
      expect(nothingTwice(ledger, await sims.submissions())).toEqual([]);
      // The live worker kept its claim: nobody "recovered" a job that was still being submitted.
      const takenOver = await sql.query(`SELECT job_id, at FROM job_events WHERE job_id = ANY($1) AND reason = 'recovered from an expired claim'`, [ids]);
      expect(takenOver.rows).toEqual([]);
    } finally {
      await http.put(`${akash.controlUrl}/__sim/faults`, {});
    }
  }, 60_000);

  it('answers a retried POST on the other replica with the job it created, even when a new one would now be refused', async () => {
    // An account allowed 1.5× the hourly price of one job: the first POST fits, a second job would not.
    const target = targets.find((t) => t.network === 'render')!;
    const body = { ...smallJob(2000, target, 0.02), name: 'retried' };
    const quote = await http.post(`${replicas[0].url}/v1/quotes`, body, { headers: { authorization: `Bearer ${key}` } });
    expect(quote.status).toBe(200);
    const perHour = new Decimal(quote.data.decision.candidates[0].effectiveUsdPerHour);
    const limited = await createJobsKey(replicas[0].url, ADMIN_KEY, 'retrying-client', { maxUsdPerHour: perHour.mul(1.5).toFixed(6) });
    const headers = { authorization: `Bearer ${limited}`, 'idempotency-key': 'retried-1' };

    const first = await http.post(`${replicas[0].url}/v1/jobs`, body, { headers });
    expect(first.status).toBe(202);
    await waitFor(async () => ((await readLedger(sql)).jobs.find((j) => j.id === first.data.id)?.state === 'running' ? true : undefined), {
      timeoutMs: 20_000,
      describe: () => timelines(sql, [first.data.id]),
    });
    // The client never saw the 202 (a timeout, say) and sends the same request again, to the other replica.
    const again = await http.post(`${replicas[1].url}/v1/jobs`, body, { headers });
    expect({ status: again.status, id: again.data.id }).toEqual({ status: 200, id: first.data.id });
    // A different request under the same key is still refused as a conflict.
    const other = await http.post(`${replicas[1].url}/v1/jobs`, { ...body, name: 'something else' }, { headers });
    expect(other.status).toBe(409);
    // While a genuinely new job would break the limit: the replay was not let through by accident.
    const fresh = await http.post(`${replicas[1].url}/v1/jobs`, body, { headers: { ...headers, 'idempotency-key': 'retried-2' } });
    expect(fresh.status).toBe(422);
    await http.post(`${replicas[0].url}/v1/jobs/${first.data.id}/cancel`, {}, { headers });
  }, 40_000);

  async function stuckJobs(what: string, stuck: (j: JobLedgerRow, placed: Set<string>) => boolean): Promise<string> {
    const l = await readLedger(sql);
    const placed = new Set(l.attempts.filter((a) => a.placement).map((a) => a.job_id));
    const bad = l.jobs.filter((j) => stuck(j, placed));
    return `${bad.length} of ${l.jobs.length} jobs ${what}: ${bad
      .slice(0, 10)
      .map((j) => `${j.id} ${j.state} (${j.state_reason})`)
      .join('; ')}\n${await timelines(
      sql,
      bad.slice(0, 3).map((j) => j.id),
    )}\n--- a ---\n${replicas[0].logTail(15)}\n--- b ---\n${replicas[1].logTail(15)}`;
  }
});

function countStates(jobs: JobLedgerRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const j of jobs) out[j.state] = (out[j.state] ?? 0) + 1;
  return out;
}
