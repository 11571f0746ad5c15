// Secrets never leave: not into the access log, not back out in a job response; guessing keys is throttled
// before it costs a database lookup, and unregistered keys cannot fill the nonce table.
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import axios from 'axios';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { generateKeypair } from '../src/nodes/protocol/node-keys';
import { signRequest } from '../src/nodes/protocol/request-signature';
import { api, startWorld, TEST_ADMIN_KEY } from './support/market-world';
import { startTestApp, TestApp } from './support/test-app';

const SECRET = 'hf_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const anonymous = axios.create({ validateStatus: () => true });

describe('job env values are write-only', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash', { DISPATCH_ENABLED: 'false' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('shows env names, never their values, in every job response', async () => {
    const spec = {
      image: 'ghcr.io/acme/train:1',
      resources: { gpu: { count: 1, models: ['rtx-4090'] } },
      durationHours: 0.001,
      env: { HF_TOKEN: SECRET, MODE: 'fast' },
    };
    const created = await api.post(`${app.url}/v1/jobs`, spec, { headers: { 'idempotency-key': 'env-1' } });
    expect(created.status).toBe(202);
    expect(created.data.spec.env).toEqual({ HF_TOKEN: '(write-only)', MODE: '(write-only)' });
    const id = created.data.id;
    const responses = [
      created,
      await api.post(`${app.url}/v1/jobs`, spec, { headers: { 'idempotency-key': 'env-1' } }),
      await api.get(`${app.url}/v1/jobs/${id}`),
      await api.get(`${app.url}/v1/jobs`),
      await api.post(`${app.url}/v1/quotes`, spec),
      await api.post(`${app.url}/v1/jobs/${id}/cancel`),
    ];
    for (const res of responses) {
      expect(res.status).toBeLessThan(300);
      expect(JSON.stringify(res.data)).not.toContain(SECRET);
    }
    expect(responses[2]!.data.spec.env).toEqual({ HF_TOKEN: '(write-only)', MODE: '(write-only)' });
  });
});

describe('access log, key guessing and node nonces', () => {
  let app: TestApp;
  const lines: string[] = [];
  let lookups = 0;
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    app = await startTestApp(
      { ADMIN_API_KEY: TEST_ADMIN_KEY, AUTH_FAILURES_PER_MINUTE: '5', NODES_ENROLMENT: 'code', NODES_ADMIN_TOKEN: 'test-admin-token-0123456789' },
      undefined,
      { logger: pino({ level: 'info' }, sink) },
    );
    const db = app.app.get(DataSource);
    const query = db.query.bind(db);
    jest.spyOn(db, 'query').mockImplementation(((sql: string, params?: unknown[]) => {
      if (/FROM api_keys k WHERE k\.hash/.test(sql)) lookups++;
      return query(sql, params);
    }) as typeof db.query);
  });
  afterAll(async () => app?.close());

  it('writes no query string value to the access log', async () => {
    const res = await anonymous.get(`${app.url}/v1/jobs?api_key=${SECRET}&state=running`);
    expect(res.status).toBe(401);
    const logged = lines.join('');
    expect(logged).toContain('/v1/jobs?');
    expect(logged).not.toContain(SECRET);
  });

  it('throttles invalid keys per client before looking them up', async () => {
    const guess = () => anonymous.get(`${app.url}/v1/account`, { headers: { authorization: `Bearer sy_${randomBytes(24).toString('hex')}` } });
    const before = lookups;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await guess()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expect(lookups - before).toBe(5);
    const throttled = await guess();
    expect(throttled.status).toBe(429);
    expect(throttled.headers['content-type']).toContain('application/problem+json');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(lookups - before).toBe(5);
  });

  it('stores no nonce for a key that is not a registered node, and still refuses its replays', async () => {
    const db = app.app.get(DataSource);
    const count = async () => Number((await db.query('SELECT count(*)::int AS n FROM node_nonces'))[0].n);
    const before = await count();
    const body = JSON.stringify({
      enrolmentCode: 'sye_not-a-code',
      price: { amount: '0.45', asset: 'USD' },
      payoutWallet: generateKeypair().nodeId,
      agentVersion: 't',
      executor: 'process',
      gpus: [{ index: 0, model: 'NVIDIA H100', vramMb: 81_559 }],
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const headers = signRequest(
        generateKeypair(),
        { method: 'POST', pathWithQuery: '/v1/agent/register', body },
        Date.now(),
        randomBytes(18).toString('base64url'),
      );
      statuses.push(
        (await fetch(`${app.url}/v1/agent/register`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body })).status,
      );
    }
    expect(statuses.every((s) => s >= 400 && s < 500)).toBe(true);
    expect(await count()).toBe(before);
    const once = signRequest(
      generateKeypair(),
      { method: 'POST', pathWithQuery: '/v1/agent/register', body },
      Date.now(),
      randomBytes(18).toString('base64url'),
    );
    await fetch(`${app.url}/v1/agent/register`, { method: 'POST', headers: { ...once, 'content-type': 'application/json' }, body });
    const replay = await fetch(`${app.url}/v1/agent/register`, { method: 'POST', headers: { ...once, 'content-type': 'application/json' }, body });
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { reason: string }).reason).toBe('replayed_nonce');
  });
});
