// The malformed inputs that a fuzz of the API answered with 500 (or with an error that was not problem+json).
// Every one must answer 4xx application/problem+json, naming what was wrong, and store nothing.
import axios from 'axios';
import { CoordinatorClient, CoordinatorError } from '../src/agent/coordinator-client';
import { generateKeypair } from '../src/nodes/protocol/node-keys';
import { api, startWorld, TEST_ADMIN_KEY } from './support/market-world';
import type { TestApp } from './support/test-app';

// Raw bodies go out byte for byte (axios would re-encode a string as a JSON string).
const raw = axios.create({ validateStatus: () => true, transformRequest: [(data) => data], headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
const job = (over: Record<string, unknown> = {}) => ({
  image: 'ghcr.io/acme/train:1',
  resources: { gpu: { count: 1, models: ['rtx-4090'] } },
  durationHours: 0.001,
  ...over,
});
const json = { 'content-type': 'application/json' };
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const UUID = '3f1c9d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f';

function expectProblem(res: { status: number; headers: Record<string, unknown>; data: unknown }, status: number) {
  expect({ status: res.status, type: String(res.headers['content-type']) }).toEqual({ status, type: expect.stringContaining('application/problem+json') });
}

describe('no input answers 500', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash', { DISPATCH_ENABLED: 'false', NODES_ENROLMENT: 'open' });
  }, 60_000);
  afterAll(async () => app?.close());

  // JSON escapes reach the parser as the characters Postgres refuses in text and jsonb (a later key wins).
  it.each([
    ['name', '"name":"a\\u0000b"'],
    ['image', '"image":"ghcr.io/acme/x\\u0000:1"'],
    ['env.TOKEN', '"env":{"TOKEN":"x\\u0000y"}'],
    ['name', '"name":"lone \\ud800 surrogate"'],
    ['image', '"image":"ghcr.io/acme/\\udfff:1"'],
    ['env.TOKEN', '"env":{"TOKEN":"\\udbff"}'],
    ['command.0', '"command":["run\\u0000"]'],
  ])('refuses a job whose %s holds NUL or a lone surrogate', async (field, member) => {
    const body = `${JSON.stringify(job()).slice(0, -1)},${member}}`;
    const res = await raw.post(`${app.url}/v1/jobs`, body, { headers: json });
    expectProblem(res, 400);
    expect(res.data.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, reason: expect.stringMatching(/NUL|surrogate/) })]));
  });

  it('refuses account and key names with NUL or a lone surrogate', async () => {
    const account = await raw.post(`${app.url}/v1/accounts`, '{"name":"acme\\u0000"}', { headers: json });
    expectProblem(account, 400);
    expect(account.data.errors[0].field).toBe('name');
    const surrogate = await raw.post(`${app.url}/v1/accounts`, '{"name":"acme\\ud834"}', { headers: json });
    expectProblem(surrogate, 400);
    const ok = await api.post(`${app.url}/v1/accounts`, { name: 'fine' });
    expect(ok.status).toBe(201);
    const key = await raw.post(`${app.url}/v1/accounts/${ok.data.id}/keys`, '{"name":"k\\u0000"}', { headers: json });
    expectProblem(key, 400);
    expect(key.data.errors[0].field).toBe('name');
  });

  it('refuses maxUsdPerGpuHour of 400 nines instead of storing a job that can never run', async () => {
    const res = await api.post(`${app.url}/v1/jobs`, job({ maxUsdPerGpuHour: '9'.repeat(400) }));
    expectProblem(res, 400);
    expect(res.data.errors).toEqual([{ field: 'maxUsdPerGpuHour', reason: expect.stringMatching(/at most/) }]);
    const tooFine = await api.post(`${app.url}/v1/jobs`, job({ maxUsdPerGpuHour: `1.${'1'.repeat(40)}` }));
    expectProblem(tooFine, 400);
  });

  it.each([
    ['36 dashes', '-'.repeat(36)],
    ['misplaced groups', '3f1c9d2e8-a4b-4c6d-9e0f-1a2b3c4d5e6f'],
    ['not hex', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'],
  ])('answers a job id with %s as not found', async (_what, id) => {
    for (const path of [`/v1/jobs/${id}`, `/v1/jobs/${id}/logs`]) expectProblem(await api.get(`${app.url}${path}`), 404);
    expectProblem(await api.post(`${app.url}/v1/jobs/${id}/cancel`), 404);
    expectProblem(await api.get(`${app.url}/v1/accounts/${id}`), 404);
    expectProblem(await api.post(`${app.url}/v1/accounts/${id}/keys`, { name: 'k' }), 404);
    expectProblem(await api.delete(`${app.url}/v1/keys/${id}`), 404);
  });

  it.each([
    ['a date of "1"', { c: '1', i: UUID }],
    ['a 36-dash id', { c: '2026-01-01T00:00:00.000Z', i: '-'.repeat(36) }],
    ['a year out of range', { c: '+275760-09-13T00:00:00.000Z', i: UUID }],
    ['no object', 42],
  ])('refuses a jobs cursor with %s', async (_what, value) => {
    const res = await api.get(`${app.url}/v1/jobs`, { params: { cursor: cursorOf(value) } });
    expectProblem(res, 400);
    expect(res.data.errors[0].field).toBe('query.cursor');
  });

  it('refuses an offers listing with a bad parameter, naming it, right after the same listing with good ones answered', async () => {
    expect((await api.get(`${app.url}/v1/offers`, { params: { limit: 5 } })).status).toBe(200);
    const zero = await api.get(`${app.url}/v1/offers`, { params: { limit: 0 } });
    expectProblem(zero, 400);
    expect(zero.data.errors[0].field).toBe('query.limit');
    const unknown = await api.get(`${app.url}/v1/offers`, { params: { limit: 5, colour: 'green' } });
    expectProblem(unknown, 400);
    expect(unknown.data.errors[0].field).toBe('query');
  });

  it('refuses an offers cursor that was not issued here', async () => {
    expectProblem(await api.get(`${app.url}/v1/offers`, { params: { cursor: cursorOf({ p: 'x', n: '\u0000' }) } }), 400);
  });

  it.each(['-271821-04-20', '+275760-09-13', '1', '0001-01-01T00:00:00Z'])('refuses price history from=%s', async (from) => {
    const res = await api.get(`${app.url}/v1/pricing/history`, { params: { gpu: 'h100', from } });
    expectProblem(res, 400);
    expect(res.data.errors[0].field).toBe('query.from');
  });

  it('refuses a network health history from=-271821-04-20 and an offers price past the bound', async () => {
    const health = await api.get(`${app.url}/v1/networks/akash/health`, { params: { from: '-271821-04-20' } });
    expectProblem(health, 400);
    expect(health.data.errors[0].field).toBe('query.from');
    const offers = await api.get(`${app.url}/v1/offers`, { params: { maxUsdPerGpuHour: '9'.repeat(400) } });
    expectProblem(offers, 400);
    expect(offers.data.errors[0].field).toBe('query.maxUsdPerGpuHour');
  });

  it('answers /v1/nodes/%00 and other odd node ids with 404, and a URL that does not decode with 400', async () => {
    for (const id of ['%00', 'x'.repeat(90)]) expectProblem(await raw.get(`${app.url}/v1/nodes/${id}`), 404);
    expectProblem(await raw.get(`${app.url}/v1/nodes/%ED%A0%80`), 400);
  });

  it('answers a path parameter past the router limit with 414 problem+json', async () => {
    expectProblem(await raw.get(`${app.url}/v1/jobs/${'a'.repeat(600)}`), 414);
  });

  it('refuses a body that is not valid UTF-8 instead of storing U+FFFD', async () => {
    const body = Buffer.concat([
      Buffer.from('{"name":"caf'),
      Buffer.from([0xe9]),
      Buffer.from(`","image":"ghcr.io/acme/x:1","resources":{"gpu":{"count":1}}}`),
    ]);
    const res = await raw.post(`${app.url}/v1/jobs`, body, { headers: json });
    expectProblem(res, 400);
    expect(res.data.detail).toMatch(/UTF-8/);
  });

  it('refuses a charset other than UTF-8 with 415 problem+json', async () => {
    const body = Buffer.from(JSON.stringify(job()), 'utf16le');
    const res = await raw.post(`${app.url}/v1/jobs`, body, { headers: { 'content-type': 'application/json; charset=utf-16' } });
    expectProblem(res, 415);
    expect(res.data.detail).toMatch(/utf-8/i);
    const explicit = await raw.post(`${app.url}/v1/jobs`, JSON.stringify(job({ name: 'utf8' })), {
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
    expect(explicit.status).toBe(202);
  });

  it('refuses an unsupported content type with 415 problem+json', async () => {
    expectProblem(await raw.post(`${app.url}/v1/jobs`, 'name=x', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415);
  });

  it('refuses an SDL with a YAML alias bomb with 400, not 500', async () => {
    const aliases = Array.from({ length: 150 }, (_, i) => `  k${i}: *a`).join('\n');
    const sdl = `version: "2.0"\nx: &a [1, 2, 3]\nbomb:\n${aliases}\nservices: {}\n`;
    const res = await raw.post(`${app.url}/v1/jobs`, sdl, { headers: { 'content-type': 'application/yaml' } });
    expectProblem(res, 400);
  });

  it('refuses an agent whose GPU model holds NUL or a lone surrogate', async () => {
    for (const model of ['NVIDIA H100\u0000', 'NVIDIA \ud800 H100']) {
      const client = new CoordinatorClient({ baseUrl: app.url, keypair: generateKeypair() });
      const err = await client
        .call('POST', '/v1/agent/register', {
          price: { amount: '0.45', asset: 'USD' },
          payoutWallet: generateKeypair().nodeId,
          agentVersion: 'test',
          executor: 'process',
          gpus: [{ index: 0, model, vramMb: 81_559 }],
        })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(err).toBeInstanceOf(CoordinatorError);
      expect((err as CoordinatorError).status).toBe(400);
    }
  });
});
