// Job intake and dispatch against the service with the built-in simulators synced into its pool.
// Intake: POST /v1/jobs under autocannon, every request with its own Idempotency-Key; "durably accepted"
// is counted in the database afterwards, not from the HTTP answers. Dispatch: the same process is then
// turned into a worker and the jobs' states are sampled in the database over a fixed window.
import { Client } from 'pg';
import { int, type Measurement } from './bench-report';
import { cpuProfileArgs, createBenchDatabase, forkChild, runAutocannon, startBenchSimulators } from './bench-processes';
import { appConfigSchema } from '../src/config/app-config.schema';
import type { ChildMessage } from './service-protocol';

const DEFAULT_BATCH = appConfigSchema.shape.DISPATCH_BATCH.parse(undefined);

export interface JobsBenchOptions {
  connections: number;
  /** Intake for this long, or exactly `amount` jobs when set. */
  durationSec: number;
  amount?: number;
  dispatchWindowSec: number;
  /** One measuring window per batch size, in order, on the same backlog. */
  dispatchBatches: number[];
}

/**
 * The simulated Render/Filecoin supply for this benchmark: a seeded world holds ~145 one-GPU places for these jobs,
 * and both dispatch windows must find free GPUs for everything they can place. At 64× (~9,250 GPUs) a machine that
 * takes ~2,400 jobs/s in and dispatches ~850 jobs/s used them all up in the first window, and the second measured
 * the supply (67 jobs/s), not the dispatcher; 192× (~27,700 GPUs) covers every job the intake window accepts there.
 */
const JOBS_SUPPLY_SCALE = 192;

const DISPATCHED = ['submitted', 'running', 'succeeded', 'failed', 'cancelled'];

export async function runJobsBench(opts: JobsBenchOptions, log: (line: string) => void): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  const db = await createBenchDatabase();
  const sims = await startBenchSimulators({ supplyScale: JOBS_SUPPLY_SCALE });
  const service = forkChild<ChildMessage>('service-child', [], { BENCH_MODE: 'jobs', BENCH_DATABASE_URL: db.url, ...sims.serviceEnv }, cpuProfileArgs());
  const pg = new Client({ connectionString: db.url });
  try {
    const ready = await service.next<Extract<ChildMessage, { type: 'ready' }>>('ready');
    await pg.connect();
    const models = ready.models.slice(0, 4).map(([m]) => m);
    log(
      `  service ready with ${int(ready.pool)} simulator offers (the simulators in ${sims.where}, ${sims.supplyScale}× the seeded supply); jobs ask for 1× of ${models.join(', ')}`,
    );
    const specs = models.map((m, i) =>
      JSON.stringify({ name: `bench-${i}`, image: 'ghcr.io/acme/batch:1', resources: { gpu: { count: 1, models: [m] } }, durationHours: 1 }),
    );
    let n = 0;
    const runId = Date.now().toString(36);
    const started = performance.now();
    const result = await runAutocannon({
      url: ready.url,
      connections: opts.connections,
      ...(opts.amount ? { amount: opts.amount } : { duration: opts.durationSec }),
      requests: [
        {
          method: 'POST',
          path: '/v1/jobs',
          setupRequest: (req: Record<string, unknown>) => {
            const i = n++;
            return {
              ...req,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${ready.customerKey}`, 'idempotency-key': `bench-${runId}-${i}` },
              body: specs[i % specs.length],
            };
          },
        },
      ],
    });
    const elapsedSec = opts.amount ? (performance.now() - started) / 1000 : opts.durationSec;
    const stored = Number((await pg.query(`SELECT count(*)::int AS n FROM jobs`)).rows[0].n);
    const rate = stored / elapsedSec;
    log(
      `  intake: ${int(stored)} jobs stored in ${elapsedSec.toFixed(1)} s → ${int(rate)} jobs/s; HTTP 2xx ${result['2xx']}, non-2xx ${result.non2xx}, errors ${result.errors}; p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
    );
    rows.push({
      name: `POST /v1/jobs, durably accepted (rows in jobs), ${opts.connections} connections`,
      value: `${int(rate)} jobs/s · p99 ${result.latency.p99} ms`,
      target: opts.amount ? '' : '≥ 1,000 jobs/s',
      met: opts.amount ? undefined : rate >= 1_000 && result.non2xx === 0,
      note: `${int(stored)} jobs; non-2xx ${result.non2xx}, errors ${result.errors}`,
    });

    // Dispatch: the dispatcher at the configured interval (default 250 ms), one window per batch size; a round
    // claims again while full batches come back, up to DISPATCH_CONCURRENCY (200) jobs being routed.
    const counts = async () => {
      const r = await pg.query(`SELECT state, count(*)::int AS n FROM jobs GROUP BY state`);
      return Object.fromEntries(r.rows.map((x: { state: string; n: number }) => [x.state, x.n])) as Record<string, number>;
    };
    const dispatched = (c: Record<string, number>) => DISPATCHED.reduce((s, k) => s + (c[k] ?? 0), 0);
    for (const batch of opts.dispatchBatches) {
      service.send({ type: 'dispatch', batch });
      await service.next('dispatching', 10_000);
      const t0 = performance.now();
      const first = await counts();
      const c0 = dispatched(first);
      let last = first;
      const timeline: string[] = [];
      while (performance.now() - t0 < opts.dispatchWindowSec * 1000) {
        await new Promise((r) => setTimeout(r, 1_000));
        last = await counts();
        timeline.push(`${((performance.now() - t0) / 1000).toFixed(0)}s:${dispatched(last)}`);
        if ((last.pending ?? 0) + (last.routing ?? 0) === 0) break;
      }
      const window = (performance.now() - t0) / 1000;
      const done = dispatched(last) - c0;
      const failed = (last.failed ?? 0) - (first.failed ?? 0);
      const dRate = done / window;
      log(`  dispatch (batch ${batch}): ${int(done)} jobs left pending in ${window.toFixed(1)} s → ${int(dRate)} jobs/s; states ${JSON.stringify(last)}`);
      log(`    dispatched over time: ${timeline.join(' ')}`);
      rows.push({
        name: `dispatch to simulators (DISPATCH_BATCH=${batch}, interval 250 ms${batch === DEFAULT_BATCH ? ', the defaults' : ''})`,
        value: `${int(dRate)} jobs/s`,
        target: opts.amount ? '' : '≥ 200 jobs/s',
        met: opts.amount ? undefined : dRate >= 200,
        note: `${int(done)} routed and submitted (${failed} of them failed at the network) in ${window.toFixed(1)} s; 200 routing and 200 submits per network at most (DISPATCH_CONCURRENCY); simulators in ${sims.where}, ${sims.supplyScale}× the seeded world's Render/Filecoin supply (SIM_SUPPLY_SCALE)`,
      });
      if ((last.pending ?? 0) + (last.routing ?? 0) === 0) break;
    }
  } finally {
    await pg.end().catch(() => undefined);
    await service.close();
    await sims.close();
    await db.drop();
  }
  return rows;
}
