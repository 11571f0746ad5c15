import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UpstreamHttpClient } from '../http-client';
import { SimServer } from '../simulator/sim-server';
import { ContractException } from './contract-exceptions';
import { ExchangeRecorder, isRecordingExchanges, recordExchanges } from './exchange-recorder';
import { assertContract, upstreamContract } from './upstream-contract';
import { loadUpstreamDocument, upstreamDocumentsOrSkip } from './upstream-documents';

// A small Swagger 2 document in the shape Bacalhau's is generated in.
const swagger = {
  swagger: '2.0',
  basePath: '/',
  paths: {
    '/api/v1/jobs': {
      put: {
        parameters: [{ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/PutJob' } }],
        responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/Job' } } },
      },
    },
    '/api/v1/jobs/{id}': {
      get: {
        parameters: [
          { name: 'id', in: 'path', required: true, type: 'string' },
          { name: 'limit', in: 'query', type: 'integer' },
        ],
        responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/Job' } }, '404': { description: 'x', schema: { type: 'string' } } },
      },
      delete: {
        parameters: [
          { name: 'id', in: 'path', required: true, type: 'string' },
          { name: 'reason', in: 'query', type: 'string' },
        ],
        responses: { '200': { description: 'OK', schema: { type: 'object' } } },
      },
    },
    '/api/v1/jobs/diff': { get: { responses: { '200': { description: 'OK', schema: { type: 'object', required: ['Diff'] } } } } },
  },
  definitions: {
    PutJob: { type: 'object', required: ['Name'], properties: { Name: { type: 'string' } } },
    Job: { type: 'object', required: ['ID'], properties: { ID: { type: 'string' }, State: { type: 'integer' } } },
  },
};

const openrpc = {
  openrpc: '1.2.6',
  methods: [
    {
      name: 'Filecoin.StateMinerPower',
      params: [
        { name: 'p1', required: true, schema: { type: 'string' } },
        { name: 'p2', required: true, schema: { type: 'array' } },
      ],
      result: { name: 'r', schema: { type: 'object', required: ['HasMinPower'], properties: { HasMinPower: { type: 'boolean' } } } },
    },
  ],
};

describe('contract mechanism', () => {
  let sim: SimServer;
  let client: UpstreamHttpClient;
  let recorder: ExchangeRecorder;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    sim = new SimServer('contract-spec', 1);
    sim.route('PUT', '/api/v1/jobs', (req) => ({ body: { ID: 'j-1', State: 'Running', echo: req.body } }));
    sim.route('GET', '/api/v1/jobs/diff', () => ({ body: { Diff: '' } }));
    sim.route('GET', '/api/v1/jobs/:id', (req) =>
      req.params.id === 'gone' ? { status: 410, body: { error: 'gone' } } : { body: { ID: req.params.id, State: 3 } },
    );
    sim.route('DELETE', '/api/v1/jobs/:id', () => ({ body: {} }));
    sim.route('POST', '/rpc/v1', (req) => ({
      body: (req.body as Array<{ id: number }>).map((c) => ({ jsonrpc: '2.0', id: c.id, result: c.id === 1 ? { HasMinPower: true } : { HasMinPower: 'yes' } })),
    }));
    const url = await sim.start();
    client = new UpstreamHttpClient({ network: 'demo', baseUrl: url, timeoutMs: 2_000, maxAttempts: 1 });
  });
  afterAll(() => sim.close());
  beforeEach(() => (recorder = recordExchanges({ network: 'demo' })));
  afterEach(() => recorder.stop());

  it('records method, path, query, request body, status, content type and response body', async () => {
    await client.request({ method: 'GET', path: '/api/v1/jobs/j-7', query: { limit: 5, skip: undefined }, signal });
    await client.request({ method: 'PUT', path: '/api/v1/jobs', body: { Name: 'n' }, signal });
    expect(recorder.exchanges).toEqual([
      expect.objectContaining({
        network: 'demo',
        transport: 'http',
        method: 'GET',
        path: '/api/v1/jobs/j-7',
        query: { limit: '5' },
        requestBody: undefined,
        status: 200,
        responseContentType: 'application/json',
        responseBody: { ID: 'j-7', State: 3 },
      }),
      expect.objectContaining({
        method: 'PUT',
        path: '/api/v1/jobs',
        query: {},
        requestBody: { Name: 'n' },
        status: 200,
        responseBody: { ID: 'j-1', State: 'Running', echo: { Name: 'n' } },
      }),
    ]);
  });

  it('records nothing, and builds nothing, when no recorder listens', async () => {
    recorder.stop();
    expect(isRecordingExchanges()).toBe(false);
    await client.request({ method: 'GET', path: '/api/v1/jobs/j-8', signal });
    expect(recorder.exchanges).toHaveLength(0);
  });

  it('finds the operation by method and template and names every mismatch by part and JSON pointer', async () => {
    await client.request({ method: 'PUT', path: '/api/v1/jobs', body: { Name: 7 }, signal }); // body: Name not a string; response: State a string
    await client.request({ method: 'DELETE', path: '/api/v1/jobs/j-1', body: { reason: 'done' }, signal }); // body on an operation without one
    await client.request({ method: 'GET', path: '/api/v1/jobs/j-1', query: { limit: 'ten', page: 2 }, signal });
    await client.request({ method: 'GET', path: '/api/v1/jobs/diff', signal }); // a literal path beats the {id} template
    await client.send({ method: 'GET', path: '/api/v1/jobs/gone', acceptStatus: [410], signal });
    await client.request({ method: 'POST', path: '/api/v1/jobs/j-1', body: {}, idempotent: false, signal }).catch(() => undefined);

    const report = upstreamContract({ network: 'demo' }, swagger).check(recorder.exchanges);
    const brief = report.mismatches.map((m) => `${m.operation} ${m.part} ${m.pointer} ${m.keyword}`).sort();
    expect(brief).toEqual([
      'DELETE /api/v1/jobs/{id} body  undocumented',
      'GET /api/v1/jobs/{id} query /limit type',
      'GET /api/v1/jobs/{id} query /page undocumented',
      'GET /api/v1/jobs/{id} status  undocumented',
      'POST /api/v1/jobs/j-1 operation  undocumented',
      'PUT /api/v1/jobs body /Name type',
      'PUT /api/v1/jobs response /State type',
    ]);
    expect(report.operations).toEqual(['DELETE /api/v1/jobs/{id}', 'GET /api/v1/jobs/diff', 'GET /api/v1/jobs/{id}', 'PUT /api/v1/jobs']);
    expect(report.mismatches.find((m) => m.pointer === '/State')).toMatchObject({ found: 'Running', seenIn: 'PUT /api/v1/jobs' });
  });

  it('tolerates only listed mismatches, fails unlisted ones and reports exceptions that match nothing', async () => {
    await client.request({ method: 'PUT', path: '/api/v1/jobs', body: { Name: 'n' }, signal });
    await client.request({ method: 'DELETE', path: '/api/v1/jobs/j-1', body: { reason: 'done' }, signal });
    const source = 'owner/repo@0123456789abcdef:pkg/models/job.go#L40';
    const listed: ContractException = {
      network: 'demo',
      operation: 'PUT /api/v1/jobs',
      part: 'response',
      pointer: '/State',
      keyword: 'type',
      reason: 'a string on the wire',
      source,
    };
    const stale: ContractException = { network: 'demo', operation: 'GET /api/v1/jobs/{id}', part: 'response', pointer: '/ID', reason: 'never seen', source };
    const contract = upstreamContract({ network: 'demo' }, swagger);

    const report = contract.verify(recorder.exchanges, [listed, stale]);
    expect(report.tolerated.map((t) => t.exception)).toEqual([listed]);
    expect(report.unlisted.map((m) => `${m.operation} ${m.part} ${m.pointer}`)).toEqual(['DELETE /api/v1/jobs/{id} body ']);
    expect(report.stale).toEqual([stale]);
    expect(() => assertContract(report)).toThrow(/Unlisted mismatches \(1\):\n {2}DELETE \/api\/v1\/jobs\/\{id\} body \(whole\)[\s\S]*Stale exceptions \(1\)/);
    expect(() => contract.verify(recorder.exchanges, [{ ...listed, source: 'the code' }])).toThrow(/need a reason and a source/);
  });

  it('checks JSON-RPC batches call by call against an OpenRPC document', async () => {
    await client.request({
      method: 'POST',
      path: '/rpc/v1',
      body: [
        { jsonrpc: '2.0', id: 1, method: 'Filecoin.StateMinerPower', params: ['f01', []] },
        { jsonrpc: '2.0', id: 2, method: 'Filecoin.StateMinerPower', params: [{ '/': 'bafy' }, [], 'extra'] },
        { jsonrpc: '2.0', id: 3, method: 'Filecoin.Nope', params: [] },
      ],
      signal,
    });
    const report = upstreamContract({ network: 'demo' }, openrpc).check(recorder.exchanges);
    expect(report.mismatches.map((m) => `${m.operation} ${m.part} ${m.pointer} ${m.keyword}`).sort()).toEqual([
      'Filecoin.Nope operation  undocumented',
      'Filecoin.StateMinerPower body /params/0 type',
      'Filecoin.StateMinerPower body /params/2 additionalItems',
      'Filecoin.StateMinerPower response /result/HasMinPower type',
    ]);
    // An HTTP document's contract leaves JSON-RPC exchanges to the OpenRPC one.
    expect(upstreamContract({ network: 'demo' }, swagger).check(recorder.exchanges).exchanges).toBe(0);
  });

  it('checks the request of an injected fault but not its deliberately wrong answer', async () => {
    sim.setFaults({ garbage: true });
    try {
      await client.send({ method: 'GET', path: '/api/v1/jobs/j-1', query: { page: 1 }, signal }).catch(() => undefined);
    } finally {
      sim.setFaults({});
    }
    const report = upstreamContract({ network: 'demo' }, swagger).check(recorder.exchanges);
    expect(report.injectedFaults).toBe(1);
    expect(report.mismatches.map((m) => `${m.part} ${m.pointer}`)).toEqual(['query /page']);
  });

  it('reads upstream documents from UPSTREAM_DOCS_DIR and says why it skips when one is absent', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upstream-'));
    fs.writeFileSync(path.join(dir, 'x.json'), JSON.stringify(swagger));
    const previous = process.env.UPSTREAM_DOCS_DIR;
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.env.UPSTREAM_DOCS_DIR = dir;
    try {
      expect(loadUpstreamDocument('x.json')).toMatchObject({ available: true, document: swagger });
      expect(upstreamDocumentsOrSkip(['x.json', 'absent.json'])).toBeUndefined();
      expect(String(stderr.mock.calls[0][0])).toMatch(/contract test SKIPPED: upstream document .*absent\.json is absent/);
    } finally {
      stderr.mockRestore();
      if (previous === undefined) delete process.env.UPSTREAM_DOCS_DIR;
      else process.env.UPSTREAM_DOCS_DIR = previous;
      fs.rmSync(dir, { recursive: true });
    }
  });
});
