// The coordinator serves its protocol as an OpenAPI document, generated from the schemas that validate the
// traffic. Proved three ways against a running coordinator:
//   1. an agent written from the served document (its bodies are the document's examples, its signature follows
//      x-signing, its challenge steps and commit signature follow x-challenge; only the proof-of-GPU arithmetic,
//      which the document states by reference, comes from the project's JavaScript prover) is registered,
//      verified, heartbeats, takes a lease, runs it and finishes it;
//   2. the TypeScript agent's every request and the coordinator's every answer, recorded by a proxy in between,
//      match the document;
//   3. the native adapter's exchanges with the market API match the document.
import http from 'node:http';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import bs58 from 'bs58';
import { NativeAdapter } from '../adapters/native/native.adapter';
import type { JobSpec, Offer } from '../adapters/sdk';
import { ContractReport, RecordedExchange, bodyForRecord, formatContractReport, recordExchanges, upstreamContract } from '../adapters/sdk/contract/index';
import { AgentHandle, registerNode, startAgent } from '../src/agent/agent';
import { ProcessExecutor } from '../src/agent/executors/process-executor';
import { CpuDemoProver } from '../src/agent/provers/cpu-demo-prover';
import { generateKeypair } from '../src/nodes/protocol/node-keys';
import { startTestApp, TestApp } from './support/test-app';

const API_KEY = 'sy_test_admin_key_0123456789abcdef';
const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: false };
const signal = () => AbortSignal.timeout(10_000);
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Fails with the readable report when a contract check finds anything. */
function expectClean(report: ContractReport): void {
  if (report.unlisted.length || report.stale.length) throw new Error(formatContractReport(report));
}

/**
 * An agent that knows only the served document: header names, canonical lines and the challenge rules come
 * from it; bodies start from its examples; every request and answer is checked against its schemas.
 */
class DocumentOnlyAgent {
  readonly nodeId: string;
  readonly exchanges: RecordedExchange[] = [];
  private readonly privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });

  constructor(
    private readonly baseUrl: string,
    private readonly doc: Doc,
  ) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    this.privateKey = privateKey;
    // The raw 32-byte public key is the last 32 bytes of its SPKI encoding; the node id is its base58.
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    this.nodeId = bs58.encode(raw);
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'protocol', components: doc.components });
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document's JSON, checked against its schemas
  example(pathTemplate: string, method: string): any {
    return structuredClone(this.doc.paths[pathTemplate][method].requestBody.content['application/json'].example);
  }

  private signBase58(text: string): string {
    return bs58.encode(sign(null, Buffer.from(text, 'utf8'), this.privateKey));
  }

  /** Validates `value` against the document's schema at `ref` ("#/components/schemas/X"). */
  check(ref: string, value: unknown, what: string): void {
    const validate = this.ajv.getSchema(`protocol${ref}`)!;
    if (!validate(value)) throw new Error(`${what} does not match ${ref}: ${this.ajv.errorsText(validate.errors)}`);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document's JSON, checked against its schemas
  async call(method: string, pathTemplate: string, params: Record<string, string> = {}, body?: unknown, query = ''): Promise<{ status: number; body: any }> {
    const op = this.doc.paths[pathTemplate][method.toLowerCase()];
    expect(op).toBeDefined();
    const requestSchema = op.requestBody?.content?.['application/json']?.schema;
    if (body !== undefined && requestSchema?.$ref) this.check(requestSchema.$ref, body, `${method} ${pathTemplate} body`);
    const pathOnly = pathTemplate.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(params[k]));
    const pathWithQuery = pathOnly + query;
    const rules = this.doc['x-signing'];
    const text = body === undefined ? (method === 'GET' ? '' : '{}') : JSON.stringify(body);
    const timestamp = String(Date.now());
    const nonce = randomBytes(24).toString('base64url');
    expect(nonce).toMatch(new RegExp(rules.noncePattern));
    const values = [
      rules.canonicalString.lines[0],
      method.toUpperCase(),
      pathWithQuery,
      timestamp,
      nonce,
      this.nodeId,
      createHash('sha256').update(text, 'utf8').digest('hex'),
    ];
    const headers: Record<string, string> = {
      [rules.headers.nodeId]: this.nodeId,
      [rules.headers.timestamp]: timestamp,
      [rules.headers.nonce]: nonce,
      [rules.headers.signature]: this.signBase58(values.join(rules.canonicalString.joinWith)),
    };
    if (text !== '') headers['content-type'] = 'application/json';
    const res = await fetch(this.baseUrl + pathWithQuery, { method, headers, body: text === '' ? undefined : text });
    const answer = bodyForRecord(await res.text());
    this.exchanges.push({
      network: 'native-agent',
      transport: 'http',
      baseUrl: this.baseUrl,
      method,
      path: pathOnly,
      query: Object.fromEntries(new URLSearchParams(query.replace(/^\?/, ''))),
      requestBody: bodyForRecord(text),
      status: res.status,
      responseContentType: res.headers.get('content-type') ?? undefined,
      responseBody: answer,
    });
    if (!res.ok) throw new Error(`${method} ${pathWithQuery}: HTTP ${res.status} ${JSON.stringify(answer)}`);
    const schema = (op.responses[String(res.status)] ?? op.responses['2XX'])?.content?.['application/json']?.schema;
    expect(schema?.$ref).toBeDefined();
    this.check(schema.$ref, answer, `${method} ${pathTemplate} answer`);
    return { status: res.status, body: answer };
  }

  /**
   * Passes a proof-of-GPU challenge by the document's x-challenge steps: commit the roots (signed by the
   * commitSignature lines), then open every asked row, one per request. The work's arithmetic (x-challenge.work)
   * comes from the project's JavaScript prover at these test sizes: the document states it by reference.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document's JSON, checked against its schemas
  async passChallenge(challenge: any): Promise<any> {
    const rules = this.doc['x-challenge'];
    expect(challenge.version).toBe(rules.version);
    const prover = new CpuDemoProver();
    const roots = await prover.commit(challenge, this.nodeId);
    const signature = this.signBase58(
      [rules.version, challenge.challengeId, challenge.seed, this.nodeId, ...roots.map((r) => `${r.gpuIndex}:${r.root}`)].join(rules.commitSignature.joinWith),
    );
    const commit = await this.call('POST', '/v1/agent/challenges/{id}/commit', { id: challenge.challengeId }, { roots, prover: 'other', signature });
    let verdict: any; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const row of await prover.open(challenge.challengeId, commit.body.open)) {
      verdict = (await this.call('POST', '/v1/agent/challenges/{id}/open', { id: challenge.challengeId }, { rows: [row] })).body;
    }
    return verdict;
  }
}

/** A loopback proxy that records every exchange between an agent and the coordinator. */
async function recordingProxy(target: string): Promise<{ url: string; exchanges: RecordedExchange[]; close: () => Promise<void> }> {
  const exchanges: RecordedExchange[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length'].includes(k))) as Record<
        string,
        string
      >;
      try {
        const answer = await fetch(target + req.url, { method: req.method, headers, body: text === '' ? undefined : text });
        const answerText = await answer.text();
        const url = new URL(req.url!, 'http://proxy');
        exchanges.push({
          network: 'native-agent',
          transport: 'http',
          baseUrl: target,
          method: req.method!,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          requestBody: bodyForRecord(text),
          status: answer.status,
          responseContentType: answer.headers.get('content-type') ?? undefined,
          responseBody: bodyForRecord(answerText),
        });
        res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
        res.end(answerText);
      } catch {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('the coordinator protocol document', () => {
  let app: TestApp;
  let doc: Doc;
  let adapter: NativeAdapter;
  let dir: string;
  const agents: AgentHandle[] = [];
  const recorder = recordExchanges({ network: 'native' });

  const job = (offer: Offer, script: string): JobSpec => ({
    name: 'protocol',
    image: 'not-used-by-the-process-executor',
    command: [process.execPath, '-e', script],
    resources: { gpu: { count: 1, models: [offer.gpu.label] } },
  });
  const offerOf = (nodeId: string) =>
    waitFor(`an offer from ${nodeId}`, async () => (await adapter.listOffers({ signal: signal() })).offers.find((o) => o.provider.id === nodeId));

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sy-protocol-'));
    app = await startTestApp({
      ADMIN_API_KEY: API_KEY,
      NODES_ENROLMENT: 'open',
      NODES_HEARTBEAT_INTERVAL_MS: '300',
      // Test-sized challenges, so the JavaScript prover answers them honestly in time.
      NODES_CHALLENGE_MAX_SIZE: '32',
      NODES_CHALLENGE_MAX_ROUNDS: '2',
      NODES_LEASE_TTL_MS: '3000',
      NODES_LEASE_ACK_TIMEOUT_MS: '3000',
      NODES_SWEEP_INTERVAL_MS: '200',
    });
    adapter = new NativeAdapter({ baseUrl: app.url, timeoutMs: 5_000, apiKey: API_KEY }, context);
  });
  afterAll(async () => {
    recorder.stop();
    for (const a of agents) await a.crash();
    await app?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('is served without a key, as OpenAPI 3.1 with the signing and challenge rules', async () => {
    const res = await fetch(`${app.url}/v1/agent/protocol.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/agent/register',
        '/v1/agent/heartbeat',
        '/v1/agent/work',
        '/v1/agent/leases/{id}/finish',
        '/v1/agent/challenges/{id}/commit',
        '/v1/agent/challenges/{id}/open',
        '/v1/native/placements',
      ]),
    );
    expect(doc['x-signing'].canonicalString.lines[0]).toBe('switchyard-node-request-v1');
    expect(doc['x-challenge'].commitSignature.lines).toHaveLength(5);
  });

  it('is enough to write an agent: register, challenge, heartbeat, lease and finish from its shapes alone', async () => {
    const agent = new DocumentOnlyAgent(app.url, doc);
    const registration = agent.example('/v1/agent/register', 'post');
    delete registration.enrolmentCode; // this coordinator enrols openly
    registration.executor = 'process';
    const registered = await agent.call('POST', '/v1/agent/register', {}, registration);
    expect(registered.status).toBe(201);
    expect(registered.body.node.id).toBe(agent.nodeId);
    const challenge = registered.body.challenge;
    expect(challenge).not.toBeNull();
    expect(await agent.passChallenge(challenge)).toMatchObject({ state: 'passed', passed: true });
    const beat = await agent.call('POST', '/v1/agent/heartbeat', {}, agent.example('/v1/agent/heartbeat', 'post'));
    expect(beat.body.nodeId).toBe(agent.nodeId);

    // The market places a job on the new node through the native adapter.
    const offer = await offerOf(agent.nodeId);
    const placement = await adapter.submit({ job: job(offer, 'unused'), offer, idempotencyKey: `doc-only-${Date.now()}`, signal: signal() });
    const work = await waitFor('a lease', async () => {
      const polled = await agent.call('GET', '/v1/agent/work', {}, undefined, '?wait=2');
      return polled.body.lease ?? undefined;
    });
    expect(work.leaseId).toBe(placement.placementId);
    await agent.call('POST', '/v1/agent/leases/{id}/ack', { id: work.leaseId });
    await agent.call('POST', '/v1/agent/leases/{id}/status', { id: work.leaseId }, agent.example('/v1/agent/leases/{id}/status', 'post'));
    expect((await adapter.status(placement, { signal: signal() })).state).toBe('running');
    await agent.call('POST', '/v1/agent/leases/{id}/logs', { id: work.leaseId }, agent.example('/v1/agent/leases/{id}/logs', 'post'));
    await agent.call('POST', '/v1/agent/leases/{id}/renew', { id: work.leaseId });
    await agent.call('POST', '/v1/agent/leases/{id}/finish', { id: work.leaseId }, agent.example('/v1/agent/leases/{id}/finish', 'post'));

    expect(await adapter.status(placement, { signal: signal() })).toMatchObject({ state: 'succeeded', exitCode: 0 });
    expect(await adapter.logs(placement, { signal: signal() })).toEqual(['loading model', 'step 1/30']);
    expectClean(upstreamContract({ network: 'native-agent', select: () => true }, doc).verify(agent.exchanges, []));
  }, 60_000);

  it('matches every request the TypeScript agent sends and every answer it gets', async () => {
    const proxy = await recordingProxy(app.url);
    try {
      const kp = generateKeypair();
      const gpus = [{ index: 0, model: 'NVIDIA GeForce RTX 3090', vramMb: 24_576, driverVersion: '550.54.14' }];
      await registerNode({
        coordinatorUrl: proxy.url,
        keypair: kp,
        gpus,
        executor: 'process',
        price: { amount: '0.31', asset: 'USD' },
        payoutWallet: generateKeypair().nodeId,
        name: 'ts-agent',
      });
      agents.push(
        await startAgent({
          coordinatorUrl: proxy.url,
          keypair: kp,
          inventory: () => gpus,
          executor: new ProcessExecutor(),
          prover: new CpuDemoProver(),
          stateFile: path.join(dir, 'ts-agent.state.json'),
          pollWaitSeconds: 1,
          logFlushMs: 100,
          backoff: { initialMs: 100, maxMs: 1_000 },
          logger: { info() {}, warn() {}, error() {} },
        }),
      );
      const offer = await offerOf(kp.nodeId);
      const placement = await adapter.submit({
        job: job(offer, 'console.log("from the ts agent"); setTimeout(() => {}, 400)'),
        offer,
        idempotencyKey: `ts-agent-${Date.now()}`,
        signal: signal(),
      });
      await waitFor('the job to succeed', async () => ((await adapter.status(placement, { signal: signal() })).state === 'succeeded' ? true : undefined));
      // The coordinator can show the end before the proxy has recorded the finish answer on its way back.
      await waitFor('the finish exchange to be recorded', async () => (proxy.exchanges.some((e) => e.path.endsWith('/finish')) ? true : undefined));
      const report = upstreamContract({ network: 'native-agent', select: () => true }, doc).verify(proxy.exchanges, []);
      expectClean(report);
      // The check has teeth: the same traffic against a document that demands one more heartbeat field fails.
      const stricter = structuredClone(doc);
      stricter.components.schemas.HeartbeatRequest.required.push('uptimeSeconds');
      expect(upstreamContract({ network: 'native-agent', select: () => true }, stricter).check(proxy.exchanges).mismatches).toContainEqual(
        expect.objectContaining({ operation: 'POST /v1/agent/heartbeat', part: 'body', keyword: 'required' }),
      );
      expect(report.operations).toEqual(
        expect.arrayContaining([
          'POST /v1/agent/register',
          'POST /v1/agent/challenges/{id}/commit',
          'POST /v1/agent/challenges/{id}/open',
          'POST /v1/agent/heartbeat',
          'GET /v1/agent/work',
          'POST /v1/agent/leases/{id}/ack',
          'POST /v1/agent/leases/{id}/status',
          'POST /v1/agent/leases/{id}/logs',
          'POST /v1/agent/leases/{id}/finish',
        ]),
      );
    } finally {
      await agents.pop()?.crash();
      await proxy.close();
    }
  }, 60_000);

  it("matches the native adapter's exchanges with the market API", () => {
    const report = upstreamContract({ network: 'native' }, doc).verify(recorder.exchanges, []);
    expectClean(report);
    expect(report.operations).toEqual(
      expect.arrayContaining(['GET /v1/native/offers', 'POST /v1/native/placements', 'GET /v1/native/placements/{id}', 'GET /v1/native/placements/{id}/logs']),
    );
  });
});
