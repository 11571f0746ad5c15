// Job views say the same thing everywhere: the list shows attempts and cost like the detail, the detail shows
// the running placement's service endpoints, and cancel answers 202 with the job.
import { api, startWorld, waitForJob } from './support/market-world';
import type { TestApp } from './support/test-app';

describe('job views', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash');
  }, 60_000);
  afterAll(async () => app?.close());

  it('lists a running job with its attempts and cost, and shows its endpoints in the detail', async () => {
    const created = await api.post(`${app.url}/v1/jobs`, { image: 'ghcr.io/acme/infer:2', resources: { gpu: { count: 1 } }, ports: [8080], durationHours: 1 });
    expect(created.status).toBe(202);
    const running = await waitForJob(app, created.data.id, ['running']);
    const current = running.attempts[running.attempts.length - 1];
    expect(current.placement.endpoints.length).toBeGreaterThan(0);
    expect(Number(running.cost.usd)).toBeGreaterThan(0);

    const listed = (await api.get(`${app.url}/v1/jobs`, { params: { state: 'running' } })).data.items.find((j: { id: string }) => j.id === created.data.id);
    expect(listed.attempts.map((a: { id: string }) => a.id)).toEqual(running.attempts.map((a: { id: string }) => a.id));
    expect(Number(listed.cost.usd)).toBeGreaterThanOrEqual(Number(running.cost.usd));

    const cancelled = await api.post(`${app.url}/v1/jobs/${created.data.id}/cancel`);
    expect(cancelled.status).toBe(202);
    expect(cancelled.data).toMatchObject({ id: created.data.id, cancelRequested: true });
  });
});
