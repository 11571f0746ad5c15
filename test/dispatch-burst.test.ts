// A burst larger than the supply: jobs routed in the same round must each see the GPUs the jobs before them took,
// so no offer is sent more jobs than it has GPUs; the jobs left over wait (pending, "no capacity now" in their
// timeline) and are placed once a GPU is free again.
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../src/config/app-config';
import { DispatcherService } from '../src/jobs/dispatcher.service';
import { ReconcilerService } from '../src/jobs/reconciler.service';
import { api, startWorld, waitFor } from './support/market-world';
import type { TestApp } from './support/test-app';

describe('a dispatch burst larger than the supply', () => {
  let app: TestApp;
  beforeAll(async () => {
    // The dispatcher (and the reconciler with it) is switched on only once every job is in, so that they are all
    // routed in one round. One sync:
    // the pool's counts stay those of the burst's start (a later listing would count the burst's own jobs).
    app = await startWorld('render', { DISPATCH_ENABLED: 'false', DISPATCH_CONCURRENCY: '50', SYNC_INTERVAL_MS: '600000', SIM_JOB_FAILURE_RATE: '0' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('sends no offer more jobs than it has GPUs; the rest wait for capacity, saying so, and are placed when it frees', async () => {
    // The render GPU model with the most one-GPU machines (a render offer is a machine, taken whole).
    const offers = (await api.get(`${app.url}/v1/offers?network=render&limit=500`)).data.items as Array<{ gpu: { model: string; count: number } }>;
    const machines = new Map<string, number>();
    for (const o of offers) if (o.gpu.count === 1) machines.set(o.gpu.model, (machines.get(o.gpu.model) ?? 0) + 1);
    const [model, count] = [...machines].sort((a, b) => b[1] - a[1])[0]!;
    const ids: string[] = [];
    for (let i = 0; i < count + 3; i++) {
      const res = await api.post(`${app.url}/v1/jobs`, {
        name: `burst-${i}`,
        image: 'ghcr.io/acme/batch:1',
        resources: { gpu: { count: 1, models: [model] } },
        // 7.2 s: longer than any simulated Render run (2–6 s), so no job hits its max_timeout_run_ms (a failed
        // attempt for that reason would say nothing about capacity).
        durationHours: 0.002,
        placement: { networks: ['render'] },
      });
      expect(res.status).toBe(202);
      ids.push(res.data.id);
    }
    const config = app.app.get<AppConfig>(APP_CONFIG);
    config.workers.dispatch = true;
    app.app.get(DispatcherService).start();
    app.app.get(ReconcilerService).start();

    const states = async () => Promise.all(ids.map(async (id) => (await api.get(`${app.url}/v1/jobs/${id}`)).data.state as string));
    await waitFor(async () => (await states()).every((s) => ['succeeded', 'failed', 'cancelled'].includes(s)), 60_000, `all ${ids.length} jobs to end`, 500);
    expect(await states()).toEqual(ids.map(() => 'succeeded'));

    const db = app.app.get(DataSource);
    // Every job ran at its first attempt: none was sent to a machine already taken and refused there.
    const attempts: Array<{ job_id: string; offer_id: string; outcome: string; submitted_at: Date; finished_at: Date }> = await db.query(
      `SELECT job_id, offer_id, outcome, submitted_at, finished_at FROM job_attempts WHERE job_id = ANY($1) ORDER BY submitted_at`,
      [ids],
    );
    expect(attempts.map((a) => a.outcome)).toEqual(ids.map(() => 'succeeded'));
    // No two attempts held one machine at the same time.
    for (const a of attempts) {
      const overlapping = attempts.filter((b) => b !== a && b.offer_id === a.offer_id && b.submitted_at < a.finished_at && a.submitted_at < b.finished_at);
      expect(overlapping).toEqual([]);
    }
    // The three left over waited for capacity, and their timelines say so.
    const waited: Array<{ job_id: string }> = await db.query(
      `SELECT DISTINCT job_id FROM job_events WHERE job_id = ANY($1) AND to_state = 'pending' AND reason LIKE 'no capacity now: %'`,
      [ids],
    );
    expect(waited.length).toBeGreaterThanOrEqual(3);
  }, 90_000);
});
