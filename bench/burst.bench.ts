// A burst of mixed jobs against the service with the built-in simulators synced into its pool: every job is
// accepted first (POST /v1/jobs, `amount` of them), then the dispatcher is switched on and the jobs' states
// are sampled in the database. Some of the jobs route to Akash, which takes our orders one per GPU model at a
// time (a bid window each); the rest go to networks that answer at once, as far as their simulated supply goes.
// The figure is how fast the jobs placeable at once are placed while the Akash ones wait their turn: the jobs
// placed on render/filecoin at their first routing (no "no capacity now" before), divided by the time from the
// dispatcher's start to the last of those placements (both from the jobs' own timelines). Jobs that found no
// capacity left are not placeable at once: they are counted apart, as are the Akash ones and whether each of
// those has its wait in its timeline.
import { Client } from 'pg';
import { int, type Measurement } from './bench-report';
import { BENCH_SUPPLY_SCALE, cpuProfileArgs, createBenchDatabase, forkChild, runAutocannon, startBenchSimulators } from './bench-processes';
import type { ChildMessage } from './service-protocol';

export interface BurstBenchOptions {
  jobs: number;
  connections: number;
  /** Stop sampling after this long even if jobs are still pending. */
  windowSec: number;
}

const PLACED = `('submitted', 'running', 'succeeded', 'failed', 'cancelled')`;

export async function runBurstBench(opts: BurstBenchOptions, log: (line: string) => void): Promise<Measurement[]> {
  const db = await createBenchDatabase();
  const sims = await startBenchSimulators({ supplyScale: BENCH_SUPPLY_SCALE });
  const service = forkChild<ChildMessage>('service-child', [], { BENCH_MODE: 'jobs', BENCH_DATABASE_URL: db.url, ...sims.serviceEnv }, cpuProfileArgs());
  const pg = new Client({ connectionString: db.url });
  try {
    const ready = await service.next<Extract<ChildMessage, { type: 'ready' }>>('ready');
    await pg.connect();
    const models = ready.models.slice(0, 4).map(([m]) => m);
    const specs = models.map((m, i) =>
      JSON.stringify({ name: `burst-${i}`, image: 'ghcr.io/acme/batch:1', resources: { gpu: { count: 1, models: [m] } }, durationHours: 1 }),
    );
    let n = 0;
    const runId = Date.now().toString(36);
    await runAutocannon({
      url: ready.url,
      connections: opts.connections,
      amount: opts.jobs,
      requests: [
        {
          method: 'POST',
          path: '/v1/jobs',
          setupRequest: (req: Record<string, unknown>) => {
            const i = n++;
            return {
              ...req,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${ready.customerKey}`, 'idempotency-key': `burst-${runId}-${i}` },
              body: specs[i % specs.length],
            };
          },
        },
      ],
    });
    const accepted = Number((await pg.query(`SELECT count(*)::int AS n FROM jobs`)).rows[0].n);
    log(
      `  ${int(accepted)} jobs accepted (1× of ${models.join(', ')}); dispatching; the simulators run in ${sims.where}, ${sims.supplyScale}× the seeded supply`,
    );

    const sample = async () => {
      const r = await pg.query(
        `SELECT (a.network = 'akash') AS akash, j.state IN ${PLACED} AS placed, j.state = 'routing' AS routing, count(*)::int AS n
         FROM jobs j LEFT JOIN job_attempts a ON a.id = j.current_attempt_id GROUP BY 1, 2, 3`,
      );
      const c = { elsewhere: 0, akashPlaced: 0, akashWaiting: 0, routingElsewhere: 0, pending: 0 };
      for (const row of r.rows as Array<{ akash: boolean | null; placed: boolean; routing: boolean; n: number }>) {
        if (row.placed && row.akash) c.akashPlaced += row.n;
        else if (row.placed) c.elsewhere += row.n;
        else if (row.routing && row.akash) c.akashWaiting += row.n;
        else if (row.routing) c.routingElsewhere += row.n;
        else c.pending += row.n;
      }
      return c;
    };
    const t0Wall = Date.now();
    service.send({ type: 'dispatch' });
    await service.next('dispatching', 10_000);
    const t0 = performance.now();
    let last = await sample();
    let lastGrowthSec = 0;
    const timeline: string[] = [];
    while (performance.now() - t0 < opts.windowSec * 1000) {
      await new Promise((r) => setTimeout(r, 250));
      const now = await sample();
      const t = (performance.now() - t0) / 1000;
      if (now.elsewhere > last.elsewhere) lastGrowthSec = t;
      last = now;
      timeline.push(`${t.toFixed(1)}s:${now.elsewhere}/${now.akashPlaced}/${now.akashWaiting}`);
      // Everything that can go elsewhere went: what is left waits for Akash or for capacity.
      if (now.pending === 0 && now.routingElsewhere === 0) break;
    }
    const firstTry = await placedAtOnce(pg, t0Wall);
    const rate = firstTry.lastSec > 0 ? firstTry.jobs / firstTry.lastSec : 0;
    const waits = await akashWaits(pg);
    log(
      `  placed at once on render/filecoin: ${int(firstTry.jobs)} by ${firstTry.lastSec.toFixed(2)} s → ${int(rate)} jobs/s; ` +
        `no capacity left for ${int(firstTry.noCapacity)}; placed elsewhere by the end ${int(last.elsewhere)} (last at ${lastGrowthSec.toFixed(2)} s)`,
    );
    log(`  Akash placed ${last.akashPlaced}, waiting ${waits.waiting} (with the wait in their timeline: ${waits.noted}); pending ${last.pending}`);
    log(`    over time (elsewhere/akash placed/akash waiting): ${timeline.filter((_, i) => i % 4 === 0).join(' ')}`);
    return [
      {
        name: `burst of ${int(accepted)} mixed jobs: jobs placeable at once on networks that answer at once, placed while Akash-bound ones wait their turn`,
        value: `${int(rate)} jobs/s`,
        // A smoke-sized burst is too small to hold against the target.
        target: opts.jobs >= 1_000 ? '≥ 200 jobs/s' : '',
        met: opts.jobs >= 1_000 ? rate >= 200 : undefined,
        note:
          `${int(firstTry.jobs)} placed on render/filecoin at their first routing, the last ${firstTry.lastSec.toFixed(2)} s after dispatch began; ` +
          `${int(firstTry.noCapacity)} found no capacity left on the simulated networks (not placeable at once, retried every 5 s); ` +
          `simulators in ${sims.where}, ${sims.supplyScale}× the seeded world's Render/Filecoin supply (SIM_SUPPLY_SCALE); meanwhile Akash placed ${last.akashPlaced}, ${waits.waiting} waiting their turn (${waits.noted} of them with the wait in their timeline)`,
      },
    ];
  } finally {
    await pg.end().catch(() => undefined);
    await service.close();
    await sims.close();
    await db.drop();
  }
}

/**
 * Jobs placed on render/filecoin at their first routing, from their timelines: the time of each one's "submitted"
 * event since the dispatcher was switched on (`t0Wall`, this machine's clock, as the database's), and the jobs
 * that were told "no capacity now" and are still not placed.
 */
async function placedAtOnce(pg: Client, t0Wall: number): Promise<{ jobs: number; lastSec: number; noCapacity: number }> {
  const r = await pg.query(
    `WITH first AS (
       SELECT a.job_id, (SELECT min(e.at) FROM job_events e WHERE e.job_id = a.job_id AND e.to_state = 'submitted') AS placed_at
       FROM job_attempts a
       WHERE a.n = 1 AND a.network IN ('render', 'filecoin')
         AND NOT EXISTS (SELECT 1 FROM job_events e WHERE e.job_id = a.job_id AND e.reason LIKE 'no capacity now%' AND e.at < a.submitted_at))
     SELECT (extract(epoch FROM placed_at) * 1000)::float8 AS ms FROM first WHERE placed_at IS NOT NULL ORDER BY placed_at`,
  );
  const times = (r.rows as Array<{ ms: number }>).map((x) => (x.ms - t0Wall) / 1000);
  const noCapacity = await pg.query(
    `SELECT count(*)::int AS n FROM jobs j WHERE j.state = 'pending' AND EXISTS (SELECT 1 FROM job_events e WHERE e.job_id = j.id AND e.reason LIKE 'no capacity now%')`,
  );
  return {
    jobs: times.length,
    lastSec: times.at(-1) ?? 0,
    noCapacity: noCapacity.rows[0].n,
  };
}

/** Akash-bound jobs still waiting, and how many of them have "waiting for its turn at akash" in their timeline. */
async function akashWaits(pg: Client): Promise<{ waiting: number; noted: number }> {
  const r = await pg.query(
    `SELECT count(*)::int AS waiting,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM job_events e WHERE e.job_id = j.id AND e.data->>'wait' = 'turn'))::int AS noted
     FROM jobs j JOIN job_attempts a ON a.id = j.current_attempt_id
     WHERE j.state = 'routing' AND a.network = 'akash'`,
  );
  return r.rows[0] as { waiting: number; noted: number };
}
