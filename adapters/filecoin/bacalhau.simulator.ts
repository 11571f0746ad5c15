// A Bacalhau orchestrator simulator: /api/v1/orchestrator nodes and jobs in PascalCase JSON, seeded SP
// compute nodes (see filecoin.sim-world.ts), jobs that move over time, label-selector lookups, job NextToken paging
// (nodes come whole, without paging, as upstream's listNodes answers), job names as upsert keys, logs over
// a WebSocket only, stop semantics and error bodies as the orchestrator's (see README "Verified against"), and
// fault injection. Fault flags: `failJobs` (every new job fails), `rejectJobs` (PUT answers 400), `runMs`,
// `loseJobs` (the orchestrator forgets every job: 404, as if the requester node lost its state),
// `priceMultiplier` (number: nodes ask that many times their price, a price spike), `staleJobState` (string: a
// job read answers this state, as a read that predates the job's last change would). Stated prices drift
// slowly (±3 % over six hours) like the rest of the simulated market.
import { RunningSimulator, SimHttpError, SimRequest, SimServer, SimulatorOptions, supplyScaleOf } from '../sdk';
import type { WebSocket } from 'ws';
import { DEFAULT_TIMINGS, NoChangesError, SimJob, SimJobEngine, freeGpus, matchesConstraint } from './bacalhau.sim-jobs';
import { JOB_LABEL_IDEMPOTENCY_KEY, LABEL_PRICE_ATTOFIL_PER_EPOCH, LABEL_PRICE_FIL_PER_GPU_HOUR } from './filecoin.node-labels';
import { SimNode, buildFilecoinWorld } from './filecoin.sim-world';

const API = '/api/v1/orchestrator';
const DEFAULT_PAGE = 20;
/** Pages are capped so clients must follow NextToken (the real server pages the same way, at larger sizes). */
const MAX_PAGE = 20;

export interface BacalhauSimulatorOptions extends SimulatorOptions {
  /** When set, orchestrator routes require `Authorization: Bearer <token>`. */
  token?: string;
}

/** apimodels.APIError as the error handler writes it (pkg/publicapi/apimodels/error.go, middleware/error_handler.go). */
function bacalhauError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): SimHttpError {
  return new SimHttpError(status, { Status: status, Message: message, RequestID: '', Code: code, Component: 'Bacalhau', ...extra });
}

/** Log frames are `concurrency.AsyncResult[models.ExecutionLog]`: lower-case `value`, and `error` only on failure. */
const LOG_STDOUT = 1;
const logFrame = (line: string) => JSON.stringify({ value: { Type: LOG_STDOUT, Line: line } });
const errorFrame = (message: string) => JSON.stringify({ value: { Type: 0, Line: '' }, error: { Message: message, Code: '', Component: 'Bacalhau' } });
/** How often a following log stream looks for new lines (simulator internals). */
const FOLLOW_POLL_MS = 100;

function gpuDevices(node: SimNode) {
  let index = 0;
  return node.gpus.flatMap((g) =>
    Array.from({ length: g.count }, () => {
      const i = index++;
      return { Index: i, Name: g.model.name, Vendor: g.model.vendor, Memory: g.model.memoryMiB, PCIAddress: `0000:${(0x18 + i * 0x10).toString(16)}:00.0` };
    }),
  );
}

/** A node's labels with its stated price scaled by the market drift and any price spike; unparseable prices stay as they are. */
function pricedLabels(labels: Record<string, string>, factor: number): Record<string, string> {
  const out = { ...labels };
  const atto = labels[LABEL_PRICE_ATTOFIL_PER_EPOCH];
  if (atto !== undefined && /^\d+$/.test(atto))
    out[LABEL_PRICE_ATTOFIL_PER_EPOCH] = ((BigInt(atto) * BigInt(Math.round(factor * 1e6))) / 1_000_000n).toString();
  const fil = labels[LABEL_PRICE_FIL_PER_GPU_HOUR];
  if (fil !== undefined && /^\d+(\.\d+)?$/.test(fil)) out[LABEL_PRICE_FIL_PER_GPU_HOUR] = (Number(fil) * factor).toFixed(4);
  return out;
}

function marketDrift(nowMs: number): number {
  return 1 + 0.03 * Math.sin((2 * Math.PI * nowMs) / (6 * 3600_000) + 0.7);
}

function nodeState(node: SimNode, nowMs: number, priceMultiplier = 1) {
  const total = node.gpus.reduce((s, g) => s + g.count, 0);
  const free = freeGpus(node);
  const share = total === 0 ? 1 : free / total;
  return {
    Info: {
      NodeID: node.nodeId,
      NodeType: node.nodeType,
      Labels: pricedLabels(node.labels, marketDrift(nowMs) * priceMultiplier),
      SupportedProtocols: ['ncl/v1'], // models.ProtocolNCLV1
      BacalhauVersion: { Major: '1', Minor: '9', GitVersion: 'v1.9.3', GOOS: 'linux', GOARCH: 'amd64' },
      ComputeNodeInfo:
        node.nodeType === 'Compute'
          ? {
              ExecutionEngines: ['docker', 'wasm'],
              Publishers: ['local', 's3', 'ipfs'],
              StorageSources: ['ipfs', 'urlDownload', 's3'],
              MaxCapacity: { CPU: node.cpu, Memory: node.memoryBytes, Disk: node.diskBytes, GPU: total, GPUs: gpuDevices(node) },
              AvailableCapacity: {
                CPU: Math.round(node.cpu * share * 100) / 100,
                Memory: Math.round(node.memoryBytes * share),
                Disk: node.diskBytes,
                GPU: free,
              },
              QueueCapacity: {},
              MaxJobRequirements: { CPU: node.cpu, Memory: node.memoryBytes, Disk: node.diskBytes, GPU: total },
              RunningExecutions: node.busyGpus > 0 ? 1 : 0,
              EnqueuedExecutions: 0,
            }
          : // A value, not a pointer: a requester node carries the zero ComputeNodeInfo (nil slices as null).
            {
              ExecutionEngines: null,
              Publishers: null,
              StorageSources: null,
              MaxCapacity: {},
              QueueCapacity: {},
              AvailableCapacity: {},
              MaxJobRequirements: {},
              RunningExecutions: 0,
              EnqueuedExecutions: 0,
              address: '',
            },
    },
    Membership: node.membership,
    ConnectionState: {
      Status: node.connected ? 'CONNECTED' : 'DISCONNECTED',
      LastHeartbeat: new Date(nowMs - (node.connected ? 5_000 : 3_600_000)).toISOString(),
      ConnectedSince: new Date(nowMs - 86_400_000).toISOString(),
    },
  };
}

/** `a=b,c!=d,e` → predicate over labels (the subset of Kubernetes selectors Bacalhau accepts). */
export function parseLabelSelector(selector: string): (labels: Record<string, string>) => boolean {
  const terms = selector
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean)
    .map((term) => {
      const m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
      if (m) return { Key: m[1], Operator: m[2] === '!=' ? '!=' : '=', Values: [m[3]] };
      if (term.startsWith('!')) return { Key: term.slice(1), Operator: '!' };
      return { Key: term, Operator: 'exists' };
    });
  return (labels) => terms.every((t) => matchesConstraint(labels, t));
}

function page<T>(items: T[], req: SimRequest): { items: T[]; next: string } {
  const limit = Math.min(MAX_PAGE, Math.max(1, Number(req.query.get('limit')) || DEFAULT_PAGE));
  const token = req.query.get('next_token');
  const offset = token ? Number.parseInt(token, 10) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw bacalhauError(400, 'BadRequest', `invalid next_token "${token}"`);
  const slice = items.slice(offset, offset + limit);
  return { items: slice, next: offset + limit < items.length ? String(offset + limit) : '' };
}

function validateJob(job: unknown): asserts job is Record<string, unknown> {
  const j = job as { Type?: string; Tasks?: Array<{ Engine?: { Type?: string; Params?: { Image?: string } } }> } | undefined;
  if (!j || typeof j !== 'object') throw bacalhauError(400, 'BadRequest', 'job is required');
  if (!Array.isArray(j.Tasks) || j.Tasks.length === 0) throw bacalhauError(400, 'BadRequest', 'job must have at least one task');
  const engine = j.Tasks[0].Engine;
  if (engine?.Type === 'docker' && !engine.Params?.Image) throw bacalhauError(400, 'BadRequest', 'docker engine requires an image');
  if (j.Type && !['batch', 'service', 'daemon', 'ops'].includes(j.Type)) throw bacalhauError(400, 'BadRequest', `invalid job type ${j.Type}`);
}

export async function startBacalhauSimulator(
  options: BacalhauSimulatorOptions,
): Promise<RunningSimulator & { server: SimServer; engine: SimJobEngine; nodes: SimNode[] }> {
  const server = new SimServer('filecoin-bacalhau', options.seed);
  const world = buildFilecoinWorld(options.seed, supplyScaleOf(options));
  const nodes = world.nodes;
  const engine = new SimJobEngine(
    nodes,
    () => {
      const h = server.random.hex(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
    Date.now,
    options.jobFailureRate,
  );
  ['sdxl-render', 'whisper-batch', 'llama-finetune', 'embeddings', 'cid-index', 'video-transcode'].forEach((name, i) =>
    engine.addHistory(name, i % 3 === 2 ? 'Failed' : 'Completed', (i + 1) * 3_600_000),
  );

  const priceMultiplier = () => (typeof server.flag('priceMultiplier') === 'number' ? (server.flag('priceMultiplier') as number) : 1);
  const authorize = (req: SimRequest) => {
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) throw bacalhauError(401, 'Unauthorized', 'missing or invalid bearer token');
  };
  const findJob = (req: SimRequest): SimJob => {
    authorize(req);
    engine.advanceAll();
    const job = server.flag('loseJobs') === true ? undefined : engine.jobs.get(req.params.id);
    if (!job) throw bacalhauError(404, 'NotFound', `job not found: ${req.params.id}`);
    return job;
  };
  const putJob = (req: SimRequest) => {
    authorize(req);
    const body = req.body as { Job?: unknown } | undefined;
    validateJob(body?.Job);
    if (server.flag('rejectJobs')) throw bacalhauError(400, 'BadRequest', 'job rejected (simulated)');
    const runMs = Number(server.flag('runMs') ?? DEFAULT_TIMINGS.runMs);
    let job: SimJob;
    try {
      job = engine.create(body!.Job as Record<string, unknown>, { forceFail: server.flag('failJobs') === true, timings: { ...DEFAULT_TIMINGS, runMs } });
    } catch (err) {
      // bacerrors.Newf without a code: HTTP 500, Code "" (pkg/orchestrator/endpoint.go SubmitJob).
      if (err instanceof NoChangesError) throw bacalhauError(500, '', err.message, { Hint: 'Use the --force flag to override this warning' });
      throw err;
    }
    const key = job.record.Labels[JOB_LABEL_IDEMPOTENCY_KEY];
    if (key) server.countSubmission(key);
    return { body: { JobID: job.record.ID, EvaluationID: `e-${server.random.hex(8)}`, Warnings: [] } };
  };

  server.route('GET', '/api/v1/agent/alive', () => ({ body: { Status: 'OK' } }));
  server.route('GET', '/api/v1/agent/version', () => ({
    body: { BuildVersionInfo: { Major: '1', Minor: '9', GitVersion: 'v1.9.3', GOOS: 'linux', GOARCH: 'amd64' } },
  }));

  server.route('GET', `${API}/nodes`, (req) => {
    authorize(req);
    engine.advanceAll();
    const now = Date.now();
    const approval = req.query.get('filter-approval');
    const status = req.query.get('filter-status');
    const matching = nodes.filter(
      (n) => (!approval || n.membership === approval.toUpperCase()) && (!status || (n.connected ? 'CONNECTED' : 'DISCONNECTED') === status.toUpperCase()),
    );
    // Upstream answers every node at once (a `limit` truncates) and an empty NextToken ("TODO: return next_token").
    const limit = Number(req.query.get('limit')) || 0;
    const items = limit > 0 ? matching.slice(0, limit) : matching;
    return { body: { Nodes: items.map((n) => nodeState(n, now, priceMultiplier())), NextToken: '' } };
  });
  server.route('GET', `${API}/nodes/:id`, (req) => {
    authorize(req);
    const node = nodes.find((n) => n.nodeId === req.params.id);
    if (!node) throw bacalhauError(404, 'NotFound', `node not found: ${req.params.id}`);
    return { body: { Node: nodeState(node, Date.now(), priceMultiplier()) } };
  });

  server.route('PUT', `${API}/jobs`, putJob);
  server.route('POST', `${API}/jobs`, putJob);
  server.route('GET', `${API}/jobs`, (req) => {
    authorize(req);
    engine.advanceAll();
    const namespace = req.query.get('namespace') || 'default';
    const labels = req.query.get('labels') ?? '';
    const selector = parseLabelSelector(labels);
    // A lookup by idempotency key (what a submitter does before every submit) is indexed, as on a real server.
    const term = labels.trim();
    const keyPrefix = `${JOB_LABEL_IDEMPOTENCY_KEY}=`;
    const byKey = term.startsWith(keyPrefix) && !/[,!=]/.test(term.slice(keyPrefix.length)) ? term.slice(keyPrefix.length) : undefined;
    const scope = byKey ? engine.withIdempotencyKey(byKey) : [...engine.jobs.values()];
    const all = (server.flag('loseJobs') === true ? [] : scope).filter(
      (j) => (namespace === '*' || j.record.Namespace === namespace) && selector(j.record.Labels),
    );
    const { items, next } = page(all, req);
    return { body: { Items: items.map((j) => j.record), NextToken: next } };
  });
  server.route('GET', `${API}/jobs/:id`, (req) => {
    const job = findJob(req);
    const include = req.query.get('include') ?? '';
    const stale = server.flag('staleJobState');
    return {
      body: {
        Job: typeof stale === 'string' ? { ...job.record, State: { StateType: stale, Message: '' } } : job.record,
        ...(include.includes('executions') ? { Executions: { Items: job.executions, NextToken: '' } } : {}),
      },
    };
  });
  server.route('GET', `${API}/jobs/:id/executions`, (req) => ({ body: { Items: findJob(req).executions, NextToken: '' } }));
  // StopJob: the reason comes from the JSON body (apimodels.StopJobRequest `json:"reason"`; a `reason` query is
  // not bound). Stopped → 200 with no evaluation; Completed → 500 "cannot stop job in state Completed" (no code);
  // Failed → marked Stopped with the reason; else stopped with an evaluation.
  server.route('DELETE', `${API}/jobs/:id`, (req) => {
    const job = findJob(req);
    const reason = (req.body as { reason?: unknown } | undefined)?.reason;
    const state = job.record.State.StateType;
    if (state === 'Stopped') return { body: { EvaluationID: '' } };
    if (state === 'Completed') throw bacalhauError(500, '', `cannot stop job in state ${state}`);
    engine.stop(job, typeof reason === 'string' ? reason : '');
    return { body: { EvaluationID: state === 'Failed' ? '' : `e-${server.random.hex(8)}` } };
  });
  // Logs only upgrade to a WebSocket; a plain GET is refused by the upgrader with 400 "Bad Request" as text.
  server.route('GET', `${API}/jobs/:id/logs`, () => ({ status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' }, raw: 'Bad Request\n' }));
  server.websocket(`${API}/jobs/:id/logs`, (req) => {
    authorize(req);
    const tail = req.query.get('tail') === 'true';
    const follow = req.query.get('follow') === 'true';
    const executionId = req.query.get('execution_id') ?? '';
    return (socket) => streamLogs(socket, req.params.id, { tail, follow, executionId });
  });

  /** ReadLogs: the latest execution's (or the named one's) output; with no execution, an error frame. */
  function streamLogs(socket: WebSocket, id: string, options: { tail: boolean; follow: boolean; executionId: string }): void {
    const finish = (frame?: string) => {
      if (frame) socket.send(frame);
      socket.close(1000);
    };
    engine.advanceAll();
    const job = server.flag('loseJobs') === true ? undefined : engine.jobs.get(id);
    if (!job) return finish(errorFrame(`job not found: ${id}`));
    if (job.executions.length === 0)
      return finish(errorFrame(`no executions found for job ${String(job.record.Name)} with ID ${job.record.ID}, and version 0`));
    if (options.executionId && !job.executions.some((e) => e.ID === options.executionId)) {
      return finish(errorFrame(`unable to find execution ${options.executionId} in job ${job.record.ID} and job version ${String(job.record.Version)}`));
    }
    let sent = options.tail ? 0 : job.logs.length;
    const flush = () => {
      for (; sent < job.logs.length; sent++) socket.send(logFrame(job.logs[sent]));
    };
    flush();
    if (!options.follow) return finish();
    const timer = setInterval(() => {
      engine.advanceAll();
      flush();
      if (engine.isTerminal(job)) {
        clearInterval(timer);
        finish();
      }
    }, FOLLOW_POLL_MS);
    socket.on('close', () => clearInterval(timer));
  }

  const url = await server.start(options.port ?? 0, options.host);
  return { server, engine, nodes, config: { bacalhauUrl: url }, controlUrl: url, close: () => server.close() };
}
