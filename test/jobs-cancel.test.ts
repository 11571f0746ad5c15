// Cancelling a job that is waiting to be placed again after a failover: nothing more is placed. The dispatcher
// is driven by hand here (DISPATCH_ENABLED=false), so the cancel lands exactly between two attempts.
import { DataSource } from 'typeorm';
import { DispatcherService } from '../src/jobs/dispatcher.service';
import { ReconcilerService } from '../src/jobs/reconciler.service';
import { api, simulatorOf, startWorld, SUBMIT_PATHS, waitFor, waitForJob } from './support/market-world';
import type { TestApp } from './support/test-app';

describe('cancelling a job between two attempts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash,render,filecoin', { DISPATCH_ENABLED: 'false', SIM_JOB_FAILURE_RATE: '0' });
  }, 60_000);
  afterAll(async () => app?.close());

  const spec = { image: 'ghcr.io/acme/batch:3', resources: { gpu: { count: 1, models: ['rtx-4090'] } }, durationHours: 0.0005 };

  it('ends it cancelled, without routing it to another network', async () => {
    const first = (await api.post(`${app.url}/v1/quotes`, spec)).data.decision.candidates[0].network as string;
    await simulatorOf(app, first).setFaults({ errorRate: 1, errorStatus: 503, paths: SUBMIT_PATHS[first] });
    const dispatcher = app.app.get(DispatcherService);
    try {
      const created = await api.post(`${app.url}/v1/jobs`, spec);
      expect(created.status).toBe(202);
      const id = created.data.id as string;
      // Attempt 1 fails on the cheapest network; the job waits to be placed again elsewhere.
      await dispatcher.tick();
      await waitFor(
        async () => {
          const job = (await api.get(`${app.url}/v1/jobs/${id}`)).data;
          return job.state === 'pending' && job.attempts.length === 1 && job.attempts[0].state === 'failed';
        },
        20_000,
        'the first attempt to fail',
      );

      expect((await api.post(`${app.url}/v1/jobs/${id}/cancel`)).status).toBe(202);
      await dispatcher.tick();
      const done = await waitForJob(app, id, ['cancelled', 'submitted', 'running', 'succeeded', 'failed'], 20_000);
      expect(done.state).toBe('cancelled');
      expect(done.stateReason).toMatch(/cancelled while waiting to be placed again/);
      expect(done.attempts).toHaveLength(1);
    } finally {
      await simulatorOf(app, first).clearFaults();
    }
  }, 60_000);

  it('tries a cancel the network failed to carry out again, until the placement is closed', async () => {
    const onRender = { ...spec, durationHours: 1, policy: 'network-preference', preference: ['render', 'filecoin', 'akash'] };
    const created = await api.post(`${app.url}/v1/jobs`, onRender);
    const id = created.data.id as string;
    await app.app.get(DispatcherService).tick();
    const placed = await waitForJob(app, id, ['submitted', 'running'], 20_000);
    expect(placed.attempts[0].network).toBe('render');

    const render = simulatorOf(app, 'render');
    await render.setFaults({ errorRate: 1, errorStatus: 503, paths: '/cancel$' });
    const reconciler = app.app.get(ReconcilerService);
    expect((await api.post(`${app.url}/v1/jobs/${id}/cancel`)).status).toBe(202);
    await reconciler.tick();
    expect(['submitted', 'running']).toContain((await api.get(`${app.url}/v1/jobs/${id}`)).data.state);

    // The network recovers; the cancel is due again after its retry delay (pulled forward here), and lands.
    await render.clearFaults();
    await app.app.get(DataSource).query('UPDATE jobs SET next_run_at = now() WHERE id = $1', [id]);
    await reconciler.tick();
    const done = await waitForJob(app, id, ['cancelled'], 20_000);
    expect(done.attempts[0].state).toBe('cancelled');
  }, 60_000);

  it('follows a Render job through a status word Render does not document, notes it once in the timeline, and cancels it at the network', async () => {
    const onRender = { ...spec, durationHours: 1, policy: 'network-preference', preference: ['render', 'filecoin', 'akash'] };
    const id = (await api.post(`${app.url}/v1/jobs`, onRender)).data.id as string;
    await app.app.get(DispatcherService).tick();
    const placed = await waitForJob(app, id, ['submitted', 'running'], 20_000);
    expect(placed.attempts[0].network).toBe('render');
    const render = simulatorOf(app, 'render');
    const reconciler = app.app.get(ReconcilerService);
    const dueNow = () => app.app.get(DataSource).query('UPDATE jobs SET next_run_at = now() WHERE id = $1', [id]);
    await render.setFaults({ flags: { reportStatus: 'PREPARING' } });
    try {
      for (let round = 0; round < 2; round++) {
        await dueNow();
        await reconciler.tick();
      }
      expect(['submitted', 'running']).toContain((await api.get(`${app.url}/v1/jobs/${id}`)).data.state);
    } finally {
      await render.clearFaults();
    }
    expect((await api.post(`${app.url}/v1/jobs/${id}/cancel`)).status).toBe(202);
    await reconciler.tick();
    const done = await waitForJob(app, id, ['cancelled'], 20_000);
    expect(done.attempts[0].state).toBe('cancelled');
    expect((await render.stats()).requests[`PUT /v1/jobs/${done.attempts[0].placement.placementId}/cancel`]).toBeGreaterThanOrEqual(1);
    const events = String((await api.get(`${app.url}/v1/jobs/${id}/events`, { responseType: 'text' })).data);
    expect(events.match(/render reported status PREPARING/g)).toHaveLength(1);
  }, 60_000);

  it('fails a job that never started once its deadline passes while the network does not answer for its status', async () => {
    const onRender = { ...spec, durationHours: 1, policy: 'network-preference', preference: ['render', 'filecoin', 'akash'] };
    const id = (await api.post(`${app.url}/v1/jobs`, onRender)).data.id as string;
    await app.app.get(DispatcherService).tick();
    await waitForJob(app, id, ['submitted'], 20_000);
    const render = simulatorOf(app, 'render');
    await render.setFaults({ errorRate: 1, errorStatus: 503, paths: '^/v1/(job-runs|jobs)' });
    try {
      const reconciler = app.app.get(ReconcilerService);
      await reconciler.tick();
      expect((await api.get(`${app.url}/v1/jobs/${id}`)).data.state).toBe('submitted');
      await app.app.get(DataSource).query(`UPDATE jobs SET deadline_at = now() - interval '1 second', next_run_at = now() WHERE id = $1`, [id]);
      await reconciler.tick();
      const done = await waitForJob(app, id, ['failed'], 20_000);
      expect(done.stateReason).toMatch(/^deadline passed while the placement's status could not be read \(unavailable: .*\); it may remain on render$/);
    } finally {
      await render.clearFaults();
    }
  }, 60_000);
});
