import { api, startWorld } from './support/market-world';
import type { TestApp } from './support/test-app';

const job = (over: Record<string, unknown> = {}) => ({
  image: 'ghcr.io/acme/train:1',
  resources: { gpu: { count: 1, models: ['rtx-4090'] } },
  durationHours: 0.001,
  ...over,
});

describe('job intake: bad input, idempotency, access', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash,render', { DISPATCH_ENABLED: 'false', BODY_LIMIT_BYTES: '65536' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('names every bad field of an invalid spec (400 problem+json)', async () => {
    const res = await api.post(`${app.url}/v1/jobs`, { image: '', resources: { gpu: { count: 0 } }, maxUsdPerGpuHour: 2, colour: 'blue' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.data.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['image', 'resources.gpu.count', 'maxUsdPerGpuHour', '(body)']));
    expect(res.data.errors.find((e: { field: string }) => e.field === 'maxUsdPerGpuHour').reason).toMatch(/decimal string/);
    expect(res.data.errors.find((e: { field: string }) => e.field === 'resources.gpu.count').reason).toBe('must be at least 1');
  });

  it.each([
    [undefined, 'is required: how many GPUs'],
    ['2', 'must be a number'],
    [1.5, 'must be a whole number of GPUs'],
    [1000, 'must be at most 256'],
  ])('says what is wrong with resources.gpu.count = %p', async (count, reason) => {
    const res = await api.post(`${app.url}/v1/jobs`, { image: 'ghcr.io/acme/x:1', resources: { gpu: { count } } });
    expect(res.status).toBe(400);
    expect(res.data.errors).toEqual([{ field: 'resources.gpu.count', reason }]);
  });

  it('answers a GPU the catalog does not know with 422 and suggestions', async () => {
    const res = await api.post(`${app.url}/v1/jobs`, job({ resources: { gpu: { count: 1, models: ['rtx 4900'] } } }));
    expect(res.status).toBe(422);
    expect(res.data.suggestions['rtx 4900']).toContain('rtx-4090');
    expect(res.data.errors[0]).toMatchObject({ field: 'resources.gpu.models' });
  });

  it('answers requirements nothing can satisfy with 422 and the drop counts', async () => {
    const res = await api.post(`${app.url}/v1/jobs`, job({ resources: { gpu: { count: 1, models: ['h100'] } }, maxUsdPerGpuHour: '0.01' }));
    expect(res.status).toBe(422);
    expect(res.data.title).toBe('Nothing can run this job');
    expect(res.data.dropped['over max price']).toBeGreaterThan(0);
    expect(res.data.detail).toMatch(/offers considered: 0 eligible/);
  });

  it('warns a job without maxUsdPerGpuHour of the cap that actually applies', async () => {
    const res = await api.post(`${app.url}/v1/quotes`, job());
    expect(res.status).toBe(200);
    const warning = res.data.warnings.find((w: string) => w.startsWith('no maxUsdPerGpuHour'));
    expect(warning).toBe(
      'no maxUsdPerGpuHour: a network that settles its price at submit (Akash bids) may charge up to the quote plus 25 % per GPU-hour, never more than the next firm offer on another network; firm offers charge their quote. Set maxUsdPerGpuHour to be held to a price.',
    );
  });

  it('refuses an oversized body with 413', async () => {
    const res = await api.post(`${app.url}/v1/jobs`, job({ env: { BIG: 'x'.repeat(70_000) } }));
    expect(res.status).toBe(413);
  });

  it('returns the same job for the same key and body, and 409 for a different body', async () => {
    const first = await api.post(`${app.url}/v1/jobs`, job(), { headers: { 'idempotency-key': 'same-1' } });
    expect(first.status).toBe(202);
    expect(first.data.state).toBe('pending');
    expect(first.data.spec.resources.gpu.models).toEqual(['nvidia-rtx-4090-24gb']);
    const again = await api.post(`${app.url}/v1/jobs`, job(), { headers: { 'idempotency-key': 'same-1' } });
    expect(again.status).toBe(200);
    expect(again.data.id).toBe(first.data.id);
    const other = await api.post(`${app.url}/v1/jobs`, job({ durationHours: 2 }), { headers: { 'idempotency-key': 'same-1' } });
    expect(other.status).toBe(409);
    expect(other.data.jobId).toBe(first.data.id);
  });

  it('needs a key with the jobs scope, and shows an account only its own jobs', async () => {
    const anonymous = await api.post(`${app.url}/v1/jobs`, job(), { headers: { authorization: '' } });
    expect(anonymous.status).toBe(401);
    const mine = await api.post(`${app.url}/v1/jobs`, job());
    const account = await api.post(`${app.url}/v1/accounts`, { name: 'other' });
    const key = await api.post(`${app.url}/v1/accounts/${account.data.id}/keys`, { name: 'k', scopes: ['jobs'] });
    const asOther = { headers: { authorization: `Bearer ${key.data.key}` } };
    expect((await api.get(`${app.url}/v1/jobs/${mine.data.id}`, asOther)).status).toBe(404);
    expect((await api.get(`${app.url}/v1/jobs`, asOther)).data.items).toEqual([]);
  });

  it('accepts an Akash SDL and shows the job as Switchyard understood it', async () => {
    const sdl = `version: "2.0"
services:
  web:
    image: ghcr.io/acme/infer:2
    env: ["MODE=fast"]
    expose:
      - port: 8080
        as: 80
        to: [{ global: true }]
profiles:
  compute:
    web:
      resources:
        cpu: { units: 4 }
        memory: { size: 16Gi }
        storage: [{ size: 50Gi }]
        gpu:
          units: 1
          attributes:
            vendor:
              nvidia:
                - model: rtx4090
  placement:
    dc:
      pricing:
        web: { denom: uact, amount: 1000 }
deployment:
  web:
    dc: { profile: web, count: 1 }
`;
    const res = await api.post(`${app.url}/v1/quotes`, sdl, { headers: { 'content-type': 'application/yaml' } });
    expect(res.status).toBe(200);
    expect(res.data.format).toBe('akash-sdl');
    expect(res.data.spec).toMatchObject({
      image: 'ghcr.io/acme/infer:2',
      env: { MODE: '(write-only)' },
      resources: { gpu: { count: 1, models: ['nvidia-rtx-4090-24gb'] }, cpu: 4 },
    });
    expect(res.data.decision.candidates.length).toBeGreaterThan(0);
    const bad = await api.post(`${app.url}/v1/quotes`, sdl.replace('units: 1', 'units: -1'), { headers: { 'content-type': 'application/yaml' } });
    expect(bad.status).toBe(400);
    expect(bad.data.errors[0].field).toContain('gpu');
  });
});
