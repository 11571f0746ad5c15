// A burst of mixed jobs against the service with the built-in simulators synced into its pool: every job is
// accepted first (POST /v1/jobs, `amount` of them), then the dispatcher is switched on and the jobs' states
// are sampled in the database. Most of the jobs route to Akash, which takes our orders one per GPU model at a
// time (a bid window each); the rest go to networks that answer at once. The figure is how fast those are
// placed while the Akash ones wait their turn: the placements elsewhere divided by the time at which the last
// of them was placed.
import { Client } from 'pg';
import { int, type Measurement } from './bench-report';
import { cpuProfileArgs, createBenchDatabase, forkChild, runAutocannon } from './bench-processes';
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
  const service = forkChild<ChildMessage>('service-child', [], { BENCH_MODE: 'jobs', BENCH_DATABASE_URL: db.url }, cpuProfileArgs());
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
    log(`  ${int(accepted)} jobs accepted (1× of ${models.join(', ')}); dispatching`);

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
    const rate = lastGrowthSec > 0 ? last.elsewhere / lastGrowthSec : 0;
    log(
      `  placed elsewhere ${int(last.elsewhere)} by ${lastGrowthSec.toFixed(2)} s → ${int(rate)} jobs/s; Akash placed ${last.akashPlaced}, waiting ${last.akashWaiting}; pending ${last.pending}`,
    );
    log(`    over time (elsewhere/akash placed/akash waiting): ${timeline.filter((_, i) => i % 4 === 0).join(' ')}`);
    return [
      {
        name: `burst of ${int(accepted)} mixed jobs: jobs for networks that answer at once, placed while Akash-bound ones wait their turn`,
        value: `${int(rate)} jobs/s`,
        // A smoke-sized burst is too small to hold against the target.
        target: opts.jobs >= 1_000 ? '≥ 200 jobs/s' : '',
        met: opts.jobs >= 1_000 ? rate >= 200 : undefined,
        note: `${int(last.elsewhere)} placed on render/filecoin in ${lastGrowthSec.toFixed(2)} s; meanwhile Akash placed ${last.akashPlaced}, ${last.akashWaiting} waiting their turn (each wait in its timeline), ${last.pending} pending (no capacity left)`,
      },
    ];
  } finally {
    await pg.end().catch(() => undefined);
    await service.close();
    await db.drop();
  }
}
