// Issue 10, "nothing lost, nothing twice" across a crash: the service is killed with SIGKILL while jobs are
// being dispatched (some attempts recorded and on their way to a network), then started again. Every
// accepted job must go on to an end, and no network may have received any job twice.
//
// Runs only against a real PostgreSQL server (TEST_DATABASE_URL): the embedded PGlite lives inside the
// process that is killed here (and serves a single session), so the database would die with it; a real
// server outlives the process, which is the point.
import { Client } from 'pg';
import { createTestDatabase, TestDatabase, usingRealPostgres } from './support/test-database';
import {
  buildService,
  createJobsKey,
  http,
  JobLedgerRow,
  JobTarget,
  nothingTwice,
  readLedger,
  ServiceProcess,
  SharedSimulators,
  smallJob,
  spreadTargets,
  startServiceProcess,
  startSharedSimulators,
  timelines,
  waitFor,
} from './support/service-process';

const describeWithPostgres = usingRealPostgres ? describe : describe.skip;
const NETWORKS = ['akash', 'render', 'filecoin'];
const JOBS = 50;
const ADMIN_KEY = 'sy_crash_admin_key_0123456789abcdefgh';
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
/** 1.8 s: services (Akash leases, Render jobs) are closed and counted done after that. */
const DURATION_HOURS = 0.0005;

describeWithPostgres('kill -9 while jobs are being dispatched, then restart', () => {
  let build: Awaited<ReturnType<typeof buildService>>;
  let db: TestDatabase;
  let sql: Client;
  let sims: SharedSimulators;
  let env: Record<string, string>;
  const procs: ServiceProcess[] = [];

  beforeAll(async () => {
    [build, db, sims] = await Promise.all([buildService(), createTestDatabase(), startSharedSimulators(NETWORKS)]);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    env = {
      ...sims.env,
      DATABASE_URL: db.url,
      NETWORKS: NETWORKS.join(','),
      ADMIN_API_KEY: ADMIN_KEY,
      RATE_LIMIT_PER_MINUTE: '1000000',
      ACCOUNT_STARTING_CREDIT_USD: '1000000',
      DISPATCH_INTERVAL_MS: '50',
      // Offers show the GPUs our own jobs hold until the next sync; sync often so freed ones come back soon.
      SYNC_INTERVAL_MS: '2000',
      DISPATCH_BATCH: '10',
      RECONCILE_INTERVAL_MS: '300',
      // A dead worker's claims expire after 1 s, so the restarted service picks its jobs up at once.
      JOB_CLAIM_TTL_MS: '1000',
      BLOCK_TTL_MS: '2000',
      JOB_MAX_ATTEMPTS: '10',
    };
  }, 60_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await sql?.end();
    await sims?.close();
    await db?.drop();
    build?.remove();
  }, 60_000);

  const start = async (name: string) => {
    const p = await startServiceProcess({ name, mainJs: build.mainJs, env });
    procs.push(p);
    return p;
  };

  it('every accepted job reaches an end, and no network receives any job twice', async () => {
    const first = await start('crash-first');
    await waitFor(
      async () => {
        const res = await http.get(`${first.url}/v1/offers`, { params: { limit: 500 } });
        const seen = new Set((res.data.items ?? []).map((o: { network: string }) => o.network));
        return NETWORKS.every((n) => seen.has(n)) ? true : undefined;
      },
      { timeoutMs: 20_000, describe: () => `no offers of every network yet\n${first.logTail()}` },
    );
    const targets: JobTarget[] = await spreadTargets(first.url, NETWORKS, JOBS, 0.5);
    const key = await createJobsKey(first.url, ADMIN_KEY, 'crash');
    const auth = { authorization: `Bearer ${key}` };

    // Every network call now takes a while, so at any moment some attempts are recorded but not yet placed.
    for (const s of sims.byNetwork.values()) await http.put(`${s.controlUrl}/__sim/faults`, { latencyMs: 400 });

    const ids = await Promise.all(
      targets.map(async (t, i) => {
        const res = await http.post(`${first.url}/v1/jobs`, smallJob(i, t, DURATION_HOURS), { headers: { ...auth, 'idempotency-key': `crash-${i}` } });
        if (res.status !== 202) throw new Error(`job ${i}: ${res.status} ${JSON.stringify(res.data)}`);
        return res.data.id as string;
      }),
    );

    // Crash 1: killed once work is at every stage — not yet claimed, mid-submit ('submitting': the attempt
    // recorded, the network call under way) and placed (the reconciler following it).
    const first_ = await killMidDispatch(first, { submitting: 3, placed: 5 });
    // Crash 2: the restarted service is killed too, in the middle of its own recovery.
    const second = await start('crash-second');
    const second_ = await killMidDispatch(second, { submitting: 2, placed: first_.placed + 3 });
    for (const s of sims.byNetwork.values()) await http.put(`${s.controlUrl}/__sim/faults`, {});
    const third = await start('crash-third');
    const stillSubmitting = [...first_.submitting, ...second_.submitting];

    const t0 = Date.now();
    const ledger = await waitFor(
      async () => {
        const l = await readLedger(sql);
        return ids.every((id) => TERMINAL.has(l.jobs.find((j) => j.id === id)?.state ?? '')) ? l : undefined;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 250,
        describe: async () => {
          const l = await readLedger(sql);
          const stuck = l.jobs.filter((j) => !TERMINAL.has(j.state));
          return `${stuck.length} of ${l.jobs.length} jobs did not reach an end after the restart: ${stuck
            .slice(0, 10)
            .map((j) => `${j.id} ${j.state} (${j.state_reason})`)
            .join('; ')}\n${await timelines(
            sql,
            stuck.slice(0, 3).map((j) => j.id),
          )}\n--- restarted service ---\n${third.logTail(20)}`;
        },
      },
    );
    console.log(
      `crash: killed at ${JSON.stringify(first_.states)} (${first_.submitting.length} submits in flight), again at ${JSON.stringify(second_.states)} (${second_.submitting.length} in flight); all ${JOBS} jobs ended ${Date.now() - t0} ms after the last restart: ${JSON.stringify(countStates(ledger.jobs))}`,
    );

    // Nothing lost: every accepted job is there and ended on its network (a failed one failed THERE: the
    // simulated worlds make a few jobs exit non-zero), none ended in routing.
    expect(new Set(ledger.jobs.map((j) => j.id))).toEqual(new Set(ids));
    for (const id of ids) {
      const res = await http.get(`${third.url}/v1/jobs/${id}`, { headers: auth });
      expect(res.status).toBe(200);
      expect(['succeeded', 'failed']).toContain(res.data.state);
      const last = res.data.attempts[res.data.attempts.length - 1];
      expect(last?.placement?.placementId).toEqual(expect.any(String));
    }

    // Nothing twice: per idempotency key at most one creation on any network, each placement created once.
    expect(nothingTwice(ledger, await sims.submissions())).toEqual([]);

    // The submits the crash interrupted were taken over by the restarted service, under the same attempt:
    // each of them either got its placement from that same attempt (resubmitted under its key) or was ended
    // and the job routed again — never left hanging.
    const recovered = await sql.query(`SELECT DISTINCT job_id FROM job_events WHERE reason = 'recovered from an expired claim'`);
    expect(recovered.rows.length).toBeGreaterThan(0);
    for (const a of stillSubmitting) {
      const now = ledger.attempts.find((x) => x.id === a.id)!;
      expect(now.state).not.toBe('submitting');
    }
  }, 120_000);

  /** Waits until at least `want.submitting` submits are in flight and `want.placed` jobs placed, then kill -9. */
  async function killMidDispatch(p: ServiceProcess, want: { submitting: number; placed: number }) {
    await waitFor(
      async () => {
        const l = await readLedger(sql);
        const submitting = l.attempts.filter((a) => a.state === 'submitting');
        const placed = l.jobs.filter((j) => j.state !== 'pending' && j.state !== 'routing').length;
        return submitting.length >= want.submitting && placed >= want.placed ? { submitting, placed } : undefined;
      },
      {
        timeoutMs: 20_000,
        intervalMs: 10,
        describe: async () =>
          `${p.name}: never ${want.submitting} submits in flight with ${want.placed} jobs placed: ${JSON.stringify(countStates((await readLedger(sql)).jobs))}\n${p.logTail()}`,
      },
    );
    await p.kill();
    const after = await readLedger(sql);
    // What the kill interrupted, read after the process is gone (nothing can move until the restart).
    const submitting = after.attempts.filter((a) => a.state === 'submitting');
    expect(submitting.length).toBeGreaterThan(0);
    expect(after.jobs.some((j) => j.state === 'pending' || j.state === 'routing')).toBe(true);
    return { submitting, placed: after.jobs.filter((j) => j.state !== 'pending' && j.state !== 'routing').length, states: countStates(after.jobs) };
  }
});

function countStates(jobs: JobLedgerRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const j of jobs) out[j.state] = (out[j.state] ?? 0) + 1;
  return out;
}
