import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import Fastify, { FastifyInstance } from 'fastify';
import { serveDashboard } from './dashboard';

describe('serveDashboard', () => {
  let root: string;
  let fastify: FastifyInstance;
  const js = 'console.log("dashboard");'.repeat(20);

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-'));
    fs.mkdirSync(path.join(root, 'assets'));
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="app"></div>');
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), js);
    fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js.gz'), zlib.gzipSync(js));
    fastify = Fastify();
    await serveDashboard(fastify, root);
    fastify.get('/v1/ping', async () => ({ ok: true }));
    await fastify.ready();
  });
  afterAll(async () => {
    await fastify.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and has the browser check it every time', async () => {
    const res = await fastify.inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toContain('<div id="app">');
  });

  it('serves hashed assets as immutable, pre-compressed when the browser accepts gzip', async () => {
    const plain = await fastify.inject({ url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(js);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const gz = await fastify.inject({ url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(js);
  });

  it('claims no other path: unknown ones still reach the application 404, API routes their handlers', async () => {
    expect((await fastify.inject({ url: '/v1/ping' })).json()).toEqual({ ok: true });
    const missing = await fastify.inject({ url: '/no-such-page' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ message: 'Route GET:/no-such-page not found' });
  });
});
