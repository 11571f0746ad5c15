// No head-of-line blocking: jobs waiting for their turn at one network (Akash takes our orders one per GPU at a
// time) never hold the dispatch places that jobs bound for another network need; each wait is in its timeline.
import { DataSource } from 'typeorm';
import { api, simulatorOf, startWorld, waitFor, waitForJob } from './support/market-world';
import type { TestApp } from './support/test-app';

describe('dispatch across networks', () => {
  let app: TestApp;
  beforeAll(async () => {
    // One dispatch place per network, and Akash bids that take 1.2 s to arrive (within the simulated 1.5 s bid
    // window): six Akash orders for one GPU model take over 7 s one after another.
    app = await startWorld('akash,render', { DISPATCH_CONCURRENCY: '1', SIM_JOB_FAILURE_RATE: '0' });
    await simulatorOf(app, 'akash').setFaults({ flags: { bidDelayMs: 1200 } });
  }, 60_000);
  afterAll(async () => app?.close());

  const modelOn = async (network: string) => (await api.get(`${app.url}/v1/offers?network=${network}&limit=1`)).data.items[0].gpu.model as string;
  const post = async (network: string, model: string, i: number) => {
    const res = await api.post(`${app.url}/v1/jobs`, {
      name: `${network}-${i}`,
      image: 'ghcr.io/acme/batch:1',
      resources: { gpu: { count: 1, models: [model] } },
      durationHours: 0.001,
      placement: { networks: [network] },
    });
    expect(res.status).toBe(202);
    return res.data.id as string;
  };

  it('places a job bound for a network that answers at once while the Akash ones wait their turn', async () => {
    // The Akash GPU model with the most GPUs on offer, so that all six jobs can be routed there.
    const akashOffers = (await api.get(`${app.url}/v1/offers?network=akash&limit=500`)).data.items as Array<{ gpu: { model: string; count: number } }>;
    const gpus = new Map<string, number>();
    for (const o of akashOffers) gpus.set(o.gpu.model, (gpus.get(o.gpu.model) ?? 0) + o.gpu.count);
    const [akashModel, onOffer] = [...gpus].sort((a, b) => b[1] - a[1])[0];
    expect(onOffer).toBeGreaterThanOrEqual(6);
    const akashJobs: string[] = [];
    for (let i = 0; i < 6; i++) akashJobs.push(await post('akash', akashModel, i));
    // Submitted last, behind six jobs that will wait at Akash.
    const renderJob = await post('render', await modelOn('render'), 0);

    const placed = await waitForJob(app, renderJob, ['submitted', 'running', 'succeeded', 'failed'], 30_000);
    expect(placed.state).not.toBe('failed');
    const states = await Promise.all(akashJobs.map(async (id) => (await api.get(`${app.url}/v1/jobs/${id}`)).data.state as string));
    // Before: the Akash submits filled the dispatcher, so the render job was claimed only after the Akash
    // orders ahead of it had gone through one bid window after another.
    expect(states.filter((s) => ['submitted', 'running', 'succeeded'].includes(s)).length).toBeLessThanOrEqual(1);

    // Each waiting job says so in its timeline (what GET /v1/jobs/:id/events streams), and how long it waited.
    const db = app.app.get(DataSource);
    const notes = async (id: string) =>
      (await db.query(`SELECT reason FROM job_events WHERE job_id = $1 ORDER BY id`, [id])).map((r: { reason: string }) => r.reason) as string[];
    const last = akashJobs[akashJobs.length - 1];
    await waitFor(
      async () => (await notes(last)).some((r) => /^waiting for (its turn|a place) at akash/.test(r)),
      10_000,
      'the last Akash job to say what it waits for',
    );
    await waitFor(
      async () => (await notes(akashJobs[1])).some((r) => /^(got a place|its turn) at akash (came )?after \d+\.\d s$/.test(r)),
      30_000,
      'the second Akash job to say how long it waited',
    );
    expect(await notes(renderJob)).not.toContainEqual(expect.stringMatching(/^waiting for/));
  }, 90_000);
});
