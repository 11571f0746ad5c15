// Every operation of the served OpenAPI document, called for real: path parameters from live data, with the
// admin key, without a key and with an invalid one, and with a provoked error. Each answer's status must be
// documented for that operation and its body must match the documented schema (Ajv, against /docs/json).
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import axios from 'axios';
import { CoordinatorClient } from '../src/agent/coordinator-client';
import { generateKeypair } from '../src/nodes/protocol/node-keys';
import { api, startWorld, TEST_ADMIN_KEY, waitForJob } from './support/market-world';
import type { TestApp } from './support/test-app';

type Operation = {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
  requestBody?: unknown;
  security?: unknown[];
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const anonymous = axios.create({ validateStatus: () => true });
const withBadKey = axios.create({ validateStatus: () => true, headers: { authorization: 'Bearer sy_this_key_does_not_exist_0123456789' } });
const NODES_ADMIN_TOKEN = 'contract-test-nodes-admin-token';
const spec = { image: 'ghcr.io/acme/train:1', resources: { gpu: { count: 1, models: ['rtx-4090'] } }, durationHours: 0.001 };

describe('the OpenAPI document matches every operation', () => {
  let app: TestApp;
  let doc: { paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>; components: object };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validators = new Map<object, ValidateFunction>();
  const checked: string[] = [];
  const failures: string[] = [];
  const validated: string[] = [];

  beforeAll(async () => {
    app = await startWorld('akash', { DISPATCH_ENABLED: 'true', NODES_ENROLMENT: 'code', NODES_ADMIN_TOKEN });
    doc = (await anonymous.get(`${app.url}/docs/json`)).data;
    ajv.addSchema({ components: doc.components }, 'openapi');
  }, 60_000);
  afterAll(async () => app?.close());

  function validatorFor(schema: object): ValidateFunction {
    let v = validators.get(schema);
    if (!v) {
      const rewritten = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"openapi#/components/'));
      v = ajv.compile(rewritten);
      validators.set(schema, v);
    }
    return v;
  }

  function check(label: string, op: Operation, res: { status: number; headers: Record<string, unknown>; data: unknown }) {
    checked.push(`${label} → ${res.status}`);
    if (res.status >= 500) return failures.push(`${label}: answered ${res.status} ${JSON.stringify(res.data).slice(0, 200)}`);
    const documented = op.responses[String(res.status)] ?? (res.status >= 400 ? op.responses.default : undefined);
    if (!documented) return failures.push(`${label}: status ${res.status} is not documented (${Object.keys(op.responses).join(', ')})`);
    const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
    const content = documented.content;
    if (!content) return;
    const media = content[type];
    if (!media) return failures.push(`${label}: ${res.status} answered ${type}, documented ${Object.keys(content).join(', ')}`);
    if (!media.schema || type === 'text/event-stream') return;
    const validate = validatorFor(media.schema);
    validated.push(label);
    if (!validate(res.data))
      failures.push(`${label}: ${res.status} body does not match: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(res.data).slice(0, 300)}`);
  }

  it('answers every documented operation as documented', async () => {
    // Live data for path parameters.
    const job = await api.post(`${app.url}/v1/jobs`, { ...spec, env: { HF_TOKEN: 'secret' } });
    expect(job.status).toBe(202);
    await waitForJob(app, job.data.id, ['running', 'succeeded', 'failed']);
    const account = await api.post(`${app.url}/v1/accounts`, { name: 'contract', limits: { maxUsdPerJob: '10' } });
    const key = await api.post(`${app.url}/v1/accounts/${account.data.id}/keys`, { name: 'contract key' });
    const offer = (await api.get(`${app.url}/v1/offers`, { params: { limit: 1 } })).data.items[0];
    const gpu = (await api.get(`${app.url}/v1/gpus`)).data.items[0];
    // A registered native node, so the node views are validated too (its enrolment code's 201 with them).
    const codeRes = await api.post(`${app.url}/v1/nodes/enrolment-codes`, {}, { headers: { 'x-admin-token': NODES_ADMIN_TOKEN } });
    check('POST /v1/nodes/enrolment-codes (operator token)', doc.paths['/v1/nodes/enrolment-codes']!.post!, codeRes);
    const nodeKeys = generateKeypair();
    await new CoordinatorClient({ baseUrl: app.url, keypair: nodeKeys }).call('POST', '/v1/agent/register', {
      enrolmentCode: codeRes.data.code,
      price: { amount: '0.45', asset: 'USD' },
      payoutWallet: generateKeypair().nodeId,
      agentVersion: 'contract-test',
      executor: 'process',
      gpus: [{ index: 0, model: 'NVIDIA GeForce RTX 4090', vramMb: 24_564, driverVersion: '550.54.14', utilizationPct: 1 }],
    });
    const values: Record<string, string> = { network: offer.network, offerId: offer.offerId ?? offer.id, providerId: offer.providerId ?? offer.provider?.id };
    const idFor = (route: string) =>
      route.startsWith('/v1/jobs/')
        ? job.data.id
        : route.startsWith('/v1/accounts/')
          ? account.data.id
          : route.startsWith('/v1/keys/')
            ? key.data.id
            : route.startsWith('/v1/networks/')
              ? 'akash'
              : route.startsWith('/v1/gpus/')
                ? gpu.id
                : route.startsWith('/v1/nodes/')
                  ? nodeKeys.nodeId
                  : '3f1c9d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f';
    const bodies: Record<string, unknown> = {
      'POST /v1/jobs': spec,
      'POST /v1/quotes': spec,
      'POST /v1/accounts': { name: 'made by the contract test' },
      'PATCH /v1/accounts/{id}': { limits: { maxUsdPerHour: '5' } },
      'POST /v1/accounts/{id}/keys': { name: 'another' },
      'POST /v1/estimates/render': { obh: '10', tier: 2 },
    };
    let operations = 0;
    for (const [route, item] of Object.entries(doc.paths)) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        operations++;
        // The revoking and key-making calls go last in spirit: revoke a throw-away key, never the admin's.
        const url = app.url + route.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(name === 'id' ? idFor(route) : (values[name] ?? 'x')));
        const label = `${method.toUpperCase()} ${route}`;
        const body = bodies[label];
        const sse = op.responses['200']?.content?.['text/event-stream'];
        const send = async (client: typeof api, data: unknown) => {
          if (sse) {
            const res = await fetch(url, { headers: client === api ? { authorization: `Bearer ${TEST_ADMIN_KEY}` } : {}, signal: AbortSignal.timeout(5_000) });
            const out = { status: res.status, headers: Object.fromEntries(res.headers.entries()), data: res.status >= 400 ? await res.json() : undefined };
            if (res.status < 400) await res.body?.cancel();
            return out;
          }
          return client.request({ method, url, data, timeout: 20_000 });
        };
        check(`${label} (admin key)`, op, await send(api, body ?? (op.requestBody ? {} : undefined)));
        check(`${label} (no key)`, op, await send(anonymous, body));
        check(`${label} (invalid key)`, op, await send(withBadKey, body));
        if (op.requestBody) check(`${label} (unknown field)`, op, await send(api, { ...(body as object), notAField: true }));
        // Every path parameter malformed: NUL, 36 dashes (not a UUID), a lone surrogate's bytes.
        if (!sse && route.includes('{')) {
          for (const bad of ['%00', '-'.repeat(36), '%ED%A0%80']) {
            const res = await api.request({ method, url: app.url + route.replace(/\{\w+\}/g, bad), data: body, timeout: 20_000 });
            check(`${label} (path ${bad.slice(0, 12)})`, op, res);
          }
        }
        // Every query parameter with NUL, with a lone surrogate's bytes, and far too long.
        const query = ((op as { parameters?: Array<{ in: string; name: string }> }).parameters ?? []).filter((p) => p.in === 'query');
        for (const p of sse ? [] : query) {
          for (const bad of ['%00', '%ED%A0%80', 'x'.repeat(5000)]) {
            const res = await api.request({ method, url: `${url}?${p.name}=${bad}`, data: body, timeout: 20_000 });
            check(`${label} (?${p.name}=${bad.slice(0, 12)})`, op, res);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(operations).toBeGreaterThanOrEqual(50);
    // Every answer had a documented status; these bodies were checked against a documented schema.
    expect(checked.length).toBeGreaterThanOrEqual(operations * 3);
    expect(validated.filter((l) => l.endsWith('(admin key)')).length).toBeGreaterThanOrEqual(15);
    console.log(`${operations} operations, ${checked.length} answers, ${validated.length} bodies validated`);
  }, 180_000);
});
