// /metrics observes what an operator watches: HTTP latency per route, jobs by state, spend, FX quote age.
import axios from 'axios';
import { api, startWorld, waitForJob } from './support/market-world';
import type { TestApp } from './support/test-app';

const http = axios.create({ validateStatus: () => true });

describe('metrics', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash', { DISPATCH_ENABLED: 'false' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('counts HTTP requests per route and status, jobs by state and FX quote ages', async () => {
    for (let i = 0; i < 3; i++) expect((await http.get(`${app.url}/v1/gpus`)).status).toBe(200);
    expect((await http.get(`${app.url}/v1/jobs/3f1c9d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f`)).status).toBe(401);
    const job = await api.post(`${app.url}/v1/jobs`, { image: 'ghcr.io/acme/x:1', resources: { gpu: { count: 1 } }, durationHours: 0.01 });
    expect(job.status).toBe(202);
    const text = (await http.get(`${app.url}/metrics`)).data as string;
    const value = (line: string) => Number(new RegExp(`^${line.replace(/[{}"\\/]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('switchyard_http_request_duration_seconds_count{method="GET",route="/v1/gpus",status="200"}')).toBeGreaterThanOrEqual(3);
    expect(value('switchyard_http_request_duration_seconds_count{method="GET",route="/v1/jobs/:id",status="401"}')).toBe(1);
    expect(value('switchyard_jobs{state="pending"}')).toBe(1);
    expect(value('switchyard_spend_usd')).toBe(0);
    expect(text).toMatch(/^switchyard_fx_quote_age_seconds\{asset="\w+"\} \d+/m);
  });
});

describe('dispatch latency', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash', { DISPATCH_ENABLED: 'true' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('observes routing → submitted per network once a job is placed', async () => {
    const job = await api.post(`${app.url}/v1/jobs`, {
      image: 'ghcr.io/acme/x:1',
      resources: { gpu: { count: 1, models: ['rtx-4090'] } },
      durationHours: 0.001,
    });
    expect(job.status).toBe(202);
    await waitForJob(app, job.data.id, ['running', 'succeeded']);
    const text = (await http.get(`${app.url}/metrics`)).data as string;
    expect(Number(/^switchyard_dispatch_latency_seconds_count\{network="akash"\} (\d+)$/m.exec(text)?.[1])).toBe(1);
    expect(Number(/^switchyard_dispatch_latency_seconds_sum\{network="akash"\} (\S+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
  });
});
