import fs from 'node:fs';
import path from 'node:path';
import axios from 'axios';
import { startTestApp, TestApp } from './support/test-app';

describe('the service foundation', () => {
  let app: TestApp;
  // Raw bodies go out as written (axios would otherwise re-encode a string body as a JSON string).
  const http = axios.create({ validateStatus: () => true, transformRequest: [(data) => data] });

  beforeAll(async () => {
    app = await startTestApp({ BODY_LIMIT_BYTES: '2048' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is ready once the database answers and migrations are applied', async () => {
    const res = await http.get(`${app.url}/health/ready`);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ status: 'ready', database: 'ok', migrations: 'applied' });
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const res = await http.get(`${app.url}/v1/does-not-exist`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.data).toMatchObject({ status: 404, title: 'Not found', detail: 'No route GET /v1/does-not-exist.' });
  });

  it('answers a malformed JSON body with a problem+json 400', async () => {
    const res = await http.post(`${app.url}/health/live`, '{"broken": ', { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.data.detail).toMatch(/not valid JSON/);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await http.post(`${app.url}/health/live`, JSON.stringify({ pad: 'x'.repeat(4096) }), { headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('echoes a caller request id, and makes one up otherwise', async () => {
    const given = await http.get(`${app.url}/health/live`, { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(given.headers['x-request-id']).toBe('trace-abc.123');
    const made = await http.get(`${app.url}/health/live`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves an OpenAPI 3 description and its UI', async () => {
    const json = await http.get(`${app.url}/docs/json`);
    expect(json.status).toBe(200);
    expect(json.data.openapi).toMatch(/^3\./);
    expect(Object.keys(json.data.paths)).toContain('/health/ready');
    const ui = await http.get(`${app.url}/docs`);
    expect(ui.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it.each([
    ['swagger-ui-bundle.js', 'application/javascript; charset=utf-8'],
    ['swagger-ui.css', 'text/css; charset=utf-8'],
  ])('serves the docs asset %s whole, with its charset', async (file, type) => {
    const asset = await http.get(`${app.url}/docs/assets/${file}`, { responseType: 'arraybuffer' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe(type);
    const onDisk = fs.readFileSync(path.join(path.dirname(require.resolve('swagger-ui-dist/package.json')), file));
    expect(Buffer.from(asset.data).equals(onDisk)).toBe(true);
  });
});
