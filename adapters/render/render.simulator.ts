// A simulated Render Compute (Dispersed) API on loopback. It speaks the real wire shapes and checks the
// HMAC signature exactly as the real service documents it: 7-part canonical string, sorted query,
// canonical-JSON body hash, X-Time within ±5 minutes, a nonce never accepted twice. Simulated time is
// compressed: a job is assigned in ~0.25 s and a BATCH job runs a few seconds.
//
// Network flags (PUT /__sim/faults {"flags": {...}}):
//   loseJobs: true     every job is forgotten (404), as if the network lost it
//   failRate: 0..1     share of new jobs that fail while running (default 0.12)
//   noCapacity: true   new jobs are never assigned a node and FAIL after the assign timeout
//   priceMultiplier: n every quoted price is n times the usual (a price spike)
//   reportStatus: 'X' jobs that have not ended report status X (third-party clients name PREPARING, FAILING)
// Cancel is `PUT /v1/jobs/{uuid}/cancel` with a JSON `reason`, as the vendor's client sends it; there is no
// POST or DELETE cancel, so those answer 404 like any unknown route. `GET /v1/jobs` honours
// `sort=created_at|-created_at`; without it the order is not documented, and the simulator lists oldest first.
// Capacity is real: a job holds the machine (offer) it was assigned until it ends, and a held machine is not
// listed; a job that finds no free machine of its kind is never assigned (FAILED after the assign timeout).
// Quoted prices drift slowly (±3 % over six hours).
import { randomUUID } from 'node:crypto';
import { RunningSimulator, SeededRandom, SimHandler, SimHttpError, SimRequest, SimServer, SimulatorOptions, supplyScaleOf } from '../sdk';
import { canonicalJson, canonicalString, hmacSha256Hex, NONCE_PATTERN, signaturesEqual } from './render.signing';
import { buildSimOffers, offerToWire, SimOffer } from './render.sim-world';
import { RenderJobStatus, renderCreateJobBodySchema } from './render.wire';

export const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_LIMIT = 50;
/** Compressed lifecycle, in real milliseconds since creation. */
export const SIM_TIMING = { assignMs: 250, startMs: 600, assignTimeoutMs: 1_500, cancelSettleMs: 500, runMinMs: 2_000, runMaxMs: 6_000 };

interface SimRun {
  uuid: string;
  status: RenderJobStatus;
  started_at_ms: number;
  finished_at_ms: number | null;
  exit_code: number | null;
  status_message: string | null;
  node_urls: Array<{ description: string; hostname: string; port: number; protocol: string }>;
  logs: string[];
}

interface SimJob {
  uuid: string;
  body: Record<string, unknown> & {
    title: string;
    task: 'BATCH' | 'PERSISTENT';
    max_timeout_run_ms: number | null;
    gpu_name?: string;
    gpu_registry_uuid?: string;
    gpu_count: number;
  };
  createdAt: number;
  updatedAt: number;
  status: RenderJobStatus;
  runs: SimRun[];
  /** What will happen to it, drawn at creation from the seeded world. */
  fate: { assignable: boolean; runMs: number; failAtMs?: number; failKind?: 'exit' | 'node' };
  /** The machine this job holds until it ends. */
  machine?: string;
  cancelAt?: number;
  cancelReason?: string;
}

export interface RenderSimAccount {
  publicKey: string;
  secretKey: string;
}

export interface RunningRenderSimulator extends RunningSimulator {
  server: SimServer;
  account: RenderSimAccount;
  offers: SimOffer[];
}

const TERMINAL: ReadonlySet<RenderJobStatus> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

/** Share of jobs that fail while running unless the `failRate` flag or `jobFailureRate` says otherwise. */
const DEFAULT_FAIL_RATE = 0.12;

export async function startRenderSimulator(options: SimulatorOptions): Promise<RunningRenderSimulator> {
  const server = new SimServer('render', options.seed);
  const world = new SeededRandom(options.seed);
  const account: RenderSimAccount = { publicKey: `pk_sim_${world.hex(12)}`, secretKey: `sk_sim_${world.hex(24)}` };
  const offers = buildSimOffers(world, supplyScaleOf(options));
  const fates = new SeededRandom(options.seed ^ 0x52454e44);
  const jobs = new Map<string, SimJob>();
  const usedNonces = new Map<string, number>();

  const unauthorized = (message: string) => new SimHttpError(401, { error: 'unauthorized', message });

  /** Verifies the four auth headers as the real service does; throws 401 otherwise. */
  const authenticate = (req: SimRequest): void => {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const apiKey = header('x-api-key');
    const time = header('x-time');
    const nonce = header('x-nonce');
    const signature = header('x-signature');
    if (!apiKey || !time || !nonce || !signature) throw unauthorized('X-API-Key, X-Time, X-Nonce and X-Signature are required');
    if (apiKey !== account.publicKey) throw unauthorized('unknown API key');
    if (!/^\d{1,16}$/.test(time)) throw unauthorized('X-Time must be unix milliseconds');
    const now = Date.now();
    if (Math.abs(now - Number(time)) > CLOCK_SKEW_MS) throw unauthorized('X-Time is more than 5 minutes from server time');
    if (!NONCE_PATTERN.test(nonce)) throw unauthorized('X-Nonce must be 32 lowercase hex characters');
    // The server hashes the canonical form of the body it received.
    const body = req.rawBody === '' ? '' : canonicalJson(req.body);
    const canonical = canonicalString({
      publicKey: apiKey,
      timestampMs: time,
      nonce,
      method: req.method,
      pathname: req.path,
      query: [...req.query.entries()],
      body,
    });
    if (!signaturesEqual(hmacSha256Hex(account.secretKey, canonical), signature)) throw unauthorized('signature mismatch');
    for (const [n, at] of usedNonces) if (now - at > 2 * CLOCK_SKEW_MS) usedNonces.delete(n);
    if (usedNonces.has(nonce)) throw unauthorized('nonce already used');
    usedNonces.set(nonce, now);
  };

  const authed =
    (handler: SimHandler): SimHandler =>
    (req) => {
      authenticate(req);
      return handler(req);
    };

  const paging = (req: SimRequest) => {
    const page = Number(req.query.get('page') ?? '1');
    const limit = Number(req.query.get('limit') ?? '20');
    if (!Number.isInteger(page) || page < 1) throw new SimHttpError(422, { error: 'validation_error', message: 'page must be an integer ≥ 1' });
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw new SimHttpError(422, { error: 'validation_error', message: `limit must be an integer between 1 and ${MAX_LIMIT}` });
    }
    return { page, limit };
  };
  const pageOf = <T>(items: T[], page: number, limit: number) => ({ data: items.slice((page - 1) * limit, page * limit), page, limit, total: items.length });

  /** Machines (offer ids) held by jobs that have not ended. */
  const held = new Set<string>();
  /** A free machine for the request (by GPU name, registry id, or any GPU when neither): the exact bundle size first, else a larger one. */
  const freeMachine = (gpu: { name?: string; registryUuid?: string }, gpuCount: number, minVram: number): SimOffer | undefined => {
    const model = (o: SimOffer) => o.hardware_summary.gpu_models[0];
    const fits = offers.filter(
      (o) =>
        o.hourlyRateUsd !== null &&
        !held.has(o.offer_id) &&
        (gpu.name === undefined || model(o).name === gpu.name) &&
        (gpu.registryUuid === undefined || model(o).gpu_registry_uuid === gpu.registryUuid) &&
        o.hardware_summary.gpu_count >= gpuCount &&
        o.hardware_summary.min_gpu_vram_gib >= minVram,
    );
    return fits.find((o) => o.hardware_summary.gpu_count === gpuCount) ?? fits[0];
  };
  const release = (job: SimJob) => {
    if (job.machine && TERMINAL.has(job.status)) {
      held.delete(job.machine);
      job.machine = undefined;
    }
  };
  const advanceAll = (now: number) => jobs.forEach((j) => advance(j, now));

  /** Moves a job along its timeline; called on every read, so time passes between polls. */
  const advance = (job: SimJob, now: number): void => {
    step(job, now);
    release(job);
  };
  const step = (job: SimJob, now: number): void => {
    if (TERMINAL.has(job.status)) return;
    const age = now - job.createdAt;
    const set = (status: RenderJobStatus, at: number) => {
      job.status = status;
      job.updatedAt = at;
      const run = job.runs.at(-1);
      if (run && !TERMINAL.has(run.status)) run.status = status;
    };
    if (job.cancelAt !== undefined) {
      if (job.status === 'CANCELLING' && now - job.cancelAt >= SIM_TIMING.cancelSettleMs) {
        set('CANCELLED', job.cancelAt + SIM_TIMING.cancelSettleMs);
        finishRun(job, null, `cancelled: ${job.cancelReason ?? 'no reason given'}`, job.updatedAt);
      }
      return;
    }
    if (!job.fate.assignable) {
      if (age >= SIM_TIMING.assignTimeoutMs) set('FAILED', job.createdAt + SIM_TIMING.assignTimeoutMs);
      return;
    }
    if (age >= SIM_TIMING.assignMs && job.runs.length === 0) {
      job.runs.push(newRun(job, job.createdAt + SIM_TIMING.assignMs));
      set('ASSIGNED', job.createdAt + SIM_TIMING.assignMs);
    }
    if (age >= SIM_TIMING.startMs && job.status === 'ASSIGNED') {
      set('RUNNING', job.createdAt + SIM_TIMING.startMs);
      job.runs.at(-1)!.logs.push('container started', `pulling ${imageRef(job)} … done`, 'workload running');
    }
    if (job.status !== 'RUNNING') return;
    const runningFor = age - SIM_TIMING.startMs;
    if (job.fate.failAtMs !== undefined && runningFor >= job.fate.failAtMs) {
      const at = job.createdAt + SIM_TIMING.startMs + job.fate.failAtMs;
      set('FAILED', at);
      if (job.fate.failKind === 'exit') finishRun(job, 1, 'container exited with code 1', at);
      else finishRun(job, null, 'node went offline (heartbeat lost)', at);
      return;
    }
    if (job.body.task === 'BATCH' && runningFor >= job.fate.runMs) {
      const at = job.createdAt + SIM_TIMING.startMs + job.fate.runMs;
      const timedOut = job.body.max_timeout_run_ms !== null && job.fate.runMs >= job.body.max_timeout_run_ms;
      set(timedOut ? 'FAILED' : 'COMPLETED', at);
      finishRun(job, timedOut ? null : 0, timedOut ? 'max_timeout_run_ms reached' : 'container exited with code 0', at);
    }
  };

  const newRun = (job: SimJob, at: number): SimRun => {
    const host = `${fates.int(23, 212)}.${fates.int(0, 255)}.${fates.int(0, 255)}.${fates.int(1, 254)}`;
    const ports = ((job.body.parameters as { parameters?: { ports?: number[] } })?.parameters?.ports ?? []).map((p) => ({
      description: `port ${p}`,
      hostname: host,
      port: fates.int(30000, 39999),
      protocol: 'tcp',
    }));
    return {
      uuid: randomUUID(),
      status: 'ASSIGNED',
      started_at_ms: at,
      finished_at_ms: null,
      exit_code: null,
      status_message: null,
      node_urls: [{ description: 'ssh', hostname: host, port: 22, protocol: 'tcp' }, ...ports],
      logs: [`assigned to node ${host}`],
    };
  };

  const finishRun = (job: SimJob, exitCode: number | null, message: string, at: number) => {
    const run = job.runs.at(-1);
    if (!run) return;
    run.finished_at_ms = at;
    run.exit_code = exitCode;
    run.status_message = message;
    run.logs.push(message);
  };

  const imageRef = (job: SimJob) => {
    const p = (job.body.parameters as { parameters: { image: string; tag?: string | null } }).parameters;
    return p.tag ? `${p.image}:${p.tag}` : p.image;
  };

  /** The status word a client reads: the `reportStatus` flag stands in for any status not yet ended. */
  const wireStatus = (status: RenderJobStatus): string => {
    const reported = server.flag('reportStatus');
    return typeof reported === 'string' && !TERMINAL.has(status) ? reported : status;
  };
  const jobToWire = (job: SimJob) => ({
    object: 'job',
    uuid: job.uuid,
    created_at: new Date(job.createdAt).toISOString(),
    updated_at: new Date(job.updatedAt).toISOString(),
    ...job.body,
    status: wireStatus(job.status),
  });
  const runToWire = (job: SimJob, run: SimRun, withLogs: boolean) => {
    const { logs, ...rest } = run;
    return { object: 'job_run', job_uuid: job.uuid, ...rest, status: wireStatus(run.status), ...(withLogs ? { logs: logs.join('\n') + '\n' } : {}) };
  };

  const visibleJob = (uuid: string): SimJob => {
    const job = jobs.get(uuid);
    if (!job || server.flag('loseJobs')) throw new SimHttpError(404, { error: 'not_found', message: `job ${uuid} not found` });
    advance(job, Date.now());
    return job;
  };

  const cancel: SimHandler = (req) => {
    const body = req.body as { reason?: unknown } | undefined;
    if (
      body !== undefined &&
      (typeof body !== 'object' || body === null || Array.isArray(body) || (body.reason !== undefined && typeof body.reason !== 'string'))
    ) {
      throw new SimHttpError(422, { error: 'validation_error', message: 'body must be {"reason": string}' });
    }
    const job = visibleJob(req.params.uuid);
    if (job.status === 'COMPLETED' || job.status === 'FAILED') throw new SimHttpError(409, { error: 'conflict', message: `job is already ${job.status}` });
    if (job.status !== 'CANCELLING' && job.status !== 'CANCELLED') {
      const now = Date.now();
      job.cancelAt = now;
      job.cancelReason = body?.reason as string | undefined;
      job.updatedAt = now;
      // Nothing runs yet for a PENDING job, so it is cancelled at once; a running one stops shortly.
      if (job.runs.length === 0) {
        job.status = 'CANCELLED';
        release(job);
        finishRun(job, null, `cancelled: ${job.cancelReason ?? 'no reason given'}`, now);
      } else {
        job.status = 'CANCELLING';
        job.runs.at(-1)!.status = 'CANCELLING';
      }
    }
    return { status: 200, body: jobToWire(job) };
  };

  server.route(
    'GET',
    '/v1/compute/offers',
    authed((req) => {
      const { page, limit } = paging(req);
      advanceAll(Date.now());
      const multiplier = typeof server.flag('priceMultiplier') === 'number' ? (server.flag('priceMultiplier') as number) : 1;
      const gpuName = req.query.get('filter[gpu_name]');
      const regions = req.query
        .getAll('filter[allowed_region_codes]')
        .flatMap((r) => r.split(','))
        .filter(Boolean);
      const minVram = Number(req.query.get('filter[min_vram_gb]') ?? '0');
      const selected = offers.filter(
        (o) =>
          !held.has(o.offer_id) &&
          (!gpuName || o.hardware_summary.gpu_models[0].name === gpuName) &&
          (regions.length === 0 || regions.includes(o.region_code)) &&
          o.hardware_summary.min_gpu_vram_gib >= minVram,
      );
      const quotedAt = new Date().toISOString();
      return {
        body: pageOf(
          selected.map((o) => offerToWire(o, quotedAt, multiplier)),
          page,
          limit,
        ),
      };
    }),
  );

  server.route(
    'POST',
    '/v1/jobs',
    authed((req) => {
      const parsed = renderCreateJobBodySchema.safeParse(req.body);
      if (!parsed.success) {
        throw new SimHttpError(422, { error: 'validation_error', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
      }
      const body = parsed.data;
      if (body.task === 'BATCH' && body.max_timeout_run_ms === null)
        throw new SimHttpError(422, { error: 'validation_error', message: 'BATCH jobs need max_timeout_run_ms' });
      if (body.gpu_name !== undefined && body.gpu_registry_uuid !== undefined) {
        throw new SimHttpError(422, { error: 'validation_error', message: 'gpu_name and gpu_registry_uuid are mutually exclusive' });
      }
      const now = Date.now();
      const failRate = Number(server.flag('failRate') ?? options.jobFailureRate ?? DEFAULT_FAIL_RATE);
      const fails = fates.chance(failRate);
      const runMs = fates.int(SIM_TIMING.runMinMs, SIM_TIMING.runMaxMs);
      advanceAll(now);
      const machine = server.flag('noCapacity')
        ? undefined
        : freeMachine({ name: body.gpu_name, registryUuid: body.gpu_registry_uuid }, body.gpu_count, body.min_vram_gb);
      if (machine) held.add(machine.offer_id);
      const job: SimJob = {
        uuid: randomUUID(),
        body: req.body as SimJob['body'],
        createdAt: now,
        updatedAt: now,
        status: 'PENDING',
        runs: [],
        machine: machine?.offer_id,
        fate: {
          assignable: machine !== undefined,
          runMs,
          ...(fails ? { failAtMs: fates.int(300, runMs - 1), failKind: fates.chance(0.5) ? ('exit' as const) : ('node' as const) } : {}),
        },
      };
      jobs.set(job.uuid, job);
      // The description carries the caller's key (see render.jobs.ts); count under it.
      const key = /idempotency-key=(.+)$/.exec(String(body.description ?? ''))?.[1] ?? job.uuid;
      server.countSubmission(key);
      return { status: 201, body: jobToWire(job) };
    }),
  );

  server.route(
    'GET',
    '/v1/jobs',
    authed((req) => {
      const { page, limit } = paging(req);
      const now = Date.now();
      const sort = req.query.get('sort');
      if (sort !== null && sort !== 'created_at' && sort !== '-created_at') {
        throw new SimHttpError(422, { error: 'validation_error', message: 'sort must be created_at or -created_at' });
      }
      // Insertion order is creation order; only an explicit -created_at lists newest first.
      const all = server.flag('loseJobs') ? [] : sort === '-created_at' ? [...jobs.values()].reverse() : [...jobs.values()];
      all.forEach((j) => advance(j, now));
      return { body: pageOf(all.map(jobToWire), page, limit) };
    }),
  );

  server.route(
    'GET',
    '/v1/jobs/:uuid',
    authed((req) => ({ body: jobToWire(visibleJob(req.params.uuid)) })),
  );
  server.route('PUT', '/v1/jobs/:uuid/cancel', authed(cancel));

  server.route(
    'GET',
    '/v1/job-runs',
    authed((req) => {
      const { page, limit } = paging(req);
      const jobUuid = req.query.get('filter[job_uuid]');
      const now = Date.now();
      const selected = server.flag('loseJobs') ? [] : [...jobs.values()].filter((j) => !jobUuid || j.uuid === jobUuid);
      selected.forEach((j) => advance(j, now));
      const runs = selected.flatMap((j) => j.runs.map((r) => runToWire(j, r, false)));
      return { body: pageOf(runs, page, limit) };
    }),
  );

  server.route(
    'GET',
    '/v1/job-runs/:uuid',
    authed((req) => {
      for (const job of server.flag('loseJobs') ? [] : jobs.values()) {
        advance(job, Date.now());
        const run = job.runs.find((r) => r.uuid === req.params.uuid);
        if (run) return { body: runToWire(job, run, true) };
      }
      throw new SimHttpError(404, { error: 'not_found', message: `job run ${req.params.uuid} not found` });
    }),
  );

  const baseUrl = await server.start(options.port ?? 0, options.host);
  return {
    server,
    account,
    offers,
    config: { baseUrl, publicKey: account.publicKey, secretKey: account.secretKey },
    controlUrl: baseUrl,
    close: () => server.close(),
  };
}
