// The service as a real OS process (node <build>/src/main.js), for tests that need several replicas on one
// database or a kill -9 in the middle of work: an in-process app cannot be SIGKILLed, and two apps in one
// process would share one event loop, one module cache and one set of timers.
//
// The networks' simulators run in the TEST process and are shared by every replica (each child gets their
// endpoints through AKASH_* / RENDER_* / FILECOIN_* variables), so the simulators' per-idempotency-key
// submission counters see everything every replica sent.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import axios from 'axios';
import type { Client } from 'pg';
import type { AdapterPlugin, RunningSimulator } from '../../adapters/sdk';

const REPO = path.resolve(__dirname, '../..');
const run = promisify(execFile);

/**
 * Compiles the service once into a private folder under dist/ (ignored by git) and returns its main.js.
 * A private folder, not dist/ itself: other suites and engineers rebuild dist/ at any time, and a child
 * process must not load a half-written file.
 */
export async function buildService(): Promise<{ mainJs: string; remove(): void }> {
  const outDir = path.join(REPO, 'dist', '.service-process', `${process.pid}-${randomBytes(3).toString('hex')}`);
  const swc = path.join(REPO, 'node_modules', '.bin', 'swc');
  try {
    await run(
      swc,
      ['src', 'adapters', 'migrations', '--out-dir', outDir, '--config-file', '.swcrc', '--ignore', '**/*.spec.ts,**/*.test.ts,**/dist/**', '--quiet'],
      { cwd: REPO, timeout: 120_000 },
    );
  } catch (err) {
    const e = err as Error & { stderr?: string; stdout?: string };
    throw new Error(`building the service failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: err });
  }
  return { mainJs: path.join(outDir, 'src', 'main.js'), remove: () => fs.rmSync(outDir, { recursive: true, force: true }) };
}

export interface SharedSimulator {
  network: string;
  controlUrl: string;
  running: RunningSimulator;
}

export interface SharedSimulators {
  /** `<ID>_<KEY>` variables that point a replica's adapters at these simulators. */
  env: Record<string, string>;
  byNetwork: Map<string, SharedSimulator>;
  /** Creations per idempotency key, per network, as the simulators counted them. */
  submissions(): Promise<Map<string, Record<string, number>>>;
  close(): Promise<void>;
}

type PluginModule = { plugin: AdapterPlugin<unknown> };
const PLUGINS: Record<string, () => PluginModule> = {
  akash: () => require('../../adapters/akash') as PluginModule,
  render: () => require('../../adapters/render') as PluginModule,
  filecoin: () => require('../../adapters/filecoin') as PluginModule,
};

/** Starts the simulators of `networks` in this process, seeded like the host would seed them. */
/**
 * `overrides` are service settings per network (env); `worlds` are simulator options per network (e.g. the
 * Akash simulator's `providerCount`), for a test that needs a bigger world than the default.
 */
export async function startSharedSimulators(
  networks: string[],
  seed = 42,
  overrides: Record<string, Record<string, string>> = {},
  worlds: Record<string, Record<string, unknown>> = {},
): Promise<SharedSimulators> {
  const byNetwork = new Map<string, SharedSimulator>();
  const env: Record<string, string> = {};
  try {
    for (const network of networks) {
      const { plugin } = PLUGINS[network]();
      const running = await plugin.startSimulator!({ ...worlds[network], seed: seed + hashId(network), port: 0, host: '127.0.0.1' });
      byNetwork.set(network, { network, controlUrl: running.controlUrl, running });
      for (const [key, value] of Object.entries({ ...running.config, ...overrides[network] }))
        env[envName(network, key)] = typeof value === 'string' ? value : JSON.stringify(value);
    }
  } catch (err) {
    for (const s of byNetwork.values()) await s.running.close().catch(() => undefined);
    throw err;
  }
  return {
    env,
    byNetwork,
    async submissions() {
      const out = new Map<string, Record<string, number>>();
      for (const s of byNetwork.values()) {
        const stats = (await axios.get<{ submissions: Record<string, number> }>(`${s.controlUrl}/__sim/stats`)).data;
        out.set(s.network, stats.submissions);
      }
      return out;
    },
    async close() {
      for (const s of byNetwork.values()) await s.running.close().catch(() => undefined);
    },
  };
}

export interface ServiceProcess {
  name: string;
  url: string;
  pid: number;
  logFile: string;
  /** Resolves when the process has exited (with its code or signal). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** kill -9: no shutdown hooks, no unlock, connections dropped mid-transaction. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the graceful exit (SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  logTail(lines?: number): string;
}

/** Starts `node mainJs` with `env` (and nothing inherited but PATH/HOME), waits for /health/ready. */
export async function startServiceProcess(opts: {
  name: string;
  mainJs: string;
  env: Record<string, string>;
  readyTimeoutMs?: number;
}): Promise<ServiceProcess> {
  const logFile = path.join(os.tmpdir(), `switchyard-${opts.name}-${process.pid}-${randomBytes(3).toString('hex')}.log`);
  const fd = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, [opts.mainJs], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...opts.env },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const logTail = (lines = 40) => tail(logFile, lines);

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 30_000);
  let url: string | undefined;
  try {
    while (!url) {
      if (hasExited) throw new Error('exited before listening');
      if (Date.now() > deadline) throw new Error('did not log "switchyard is listening" in time');
      url = listeningUrl(logFile);
      if (!url) await sleep(50);
    }
    for (;;) {
      if (hasExited) throw new Error('exited before it was ready');
      const ready = await axios.get(`${url}/health/ready`, { validateStatus: () => true, timeout: 2_000 }).catch(() => undefined);
      if (ready?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`/health/ready did not answer 200 in time (last: ${ready?.status ?? 'no answer'})`);
      await sleep(50);
    }
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`service process ${opts.name} failed to start: ${(err as Error).message}\n--- ${logFile} (tail) ---\n${logTail()}`, { cause: err });
  }

  return {
    name: opts.name,
    url: url,
    pid: child.pid!,
    logFile,
    exited,
    logTail,
    async kill() {
      if (!hasExited) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 15_000) {
      if (hasExited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The url the service logged once it listens (pino JSON: {"msg":"switchyard is listening","url":…}). */
function listeningUrl(logFile: string): string | undefined {
  const text = fs.readFileSync(logFile, 'utf8');
  for (const line of text.split('\n')) {
    if (!line.includes('switchyard is listening')) continue;
    try {
      const entry = JSON.parse(line) as { url?: string };
      if (entry.url) return entry.url;
    } catch {
      /* a partly written line: read it again next time */
    }
  }
  return undefined;
}

function tail(file: string, lines: number): string {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

/** AKASH + bidWaitMs → AKASH_BID_WAIT_MS (the host maps it back to camelCase). */
function envName(network: string, key: string): string {
  return `${network.toUpperCase().replace(/-/g, '_')}_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
}

/** Same per-network seed as the host's NetworkRegistry, so a shared world equals a replica's own. */
function hashId(id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) | 0;
  return Math.abs(h);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes; then throws `describe()`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  opts: { timeoutMs: number; intervalMs?: number; describe: () => Promise<string> | string },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${opts.timeoutMs} ms: ${await opts.describe()}`);
    await sleep(opts.intervalMs ?? 200);
  }
}

// --- Jobs across processes: an API key with the `jobs` scope, small jobs, and the "nothing twice" check
// read straight from the database and the simulators' submission counters.

export const http = axios.create({ validateStatus: () => true, timeout: 15_000 });

/** A fresh account with a `jobs` key, created through the admin API with the bootstrap ADMIN_API_KEY. */
export async function createJobsKey(url: string, adminKey: string, name: string, limits: { maxUsdPerHour?: string } = {}): Promise<string> {
  const auth = { headers: { authorization: `Bearer ${adminKey}` } };
  const account = await http.post(`${url}/v1/accounts`, { name, limits }, auth);
  if (account.status !== 201) throw new Error(`creating an account: ${account.status} ${JSON.stringify(account.data)}`);
  const key = await http.post(`${url}/v1/accounts/${account.data.id}/keys`, { name: `${name} jobs key`, scopes: ['jobs'] }, auth);
  if (key.status !== 201) throw new Error(`creating a jobs key: ${key.status} ${JSON.stringify(key.data)}`);
  return key.data.key as string;
}

export interface JobTarget {
  network: string;
  gpuModel?: string;
  region?: string;
}

/** A small job (1 GPU) pinned to a network (and a GPU model and region), done after `durationHours`. */
export function smallJob(i: number, target: JobTarget, durationHours: number) {
  return {
    name: `job-${i}`,
    image: 'ghcr.io/switchyard/echo:1',
    command: ['sh', '-c', 'echo hello'],
    resources: { gpu: { count: 1, ...(target.gpuModel ? { models: [target.gpuModel] } : {}) } },
    durationHours,
    placement: { networks: [target.network], ...(target.region ? { regions: [target.region] } : {}) },
  };
}

/** Networks whose offers show a provider's free GPUs over all its models. */
const PROVIDER_WIDE_COUNTS = new Set(['akash']);

/**
 * Targets for `jobs` jobs spread over the pool's (network, GPU model, region) groups, round-robin over the
 * networks: a spread workload, as real users send, that the simulated worlds can hold. A group gets at most
 * as many jobs as its CHEAPEST offer has GPUs, because that is where the router sends all of them until the
 * next sync shows the offer full (200 jobs on one offer would only test that offer's capacity). With
 * `share` < 1 the cheapest offer keeps free GPUs even once every job runs, so a sync during the test never
 * shows a group full (a POST for a group whose offers are all busy is refused as unsatisfiable).
 */
export async function spreadTargets(url: string, networks: string[], jobs: number, share = 1): Promise<JobTarget[]> {
  const res = await http.get(`${url}/v1/offers`, { params: { limit: 500, sort: 'price' } });
  if (res.status !== 200) throw new Error(`offers: ${res.status}`);
  const groups = new Map<string, JobTarget & { budget: number }>();
  const items = res.data.items as Array<{
    network: string;
    gpu: { model: string; count: number; fixedCount: boolean };
    provider: { id: string; region: string | null };
  }>;
  // Akash offers count a provider's GPUs provider-wide, not per model (the Console's stats.gpu.available; see
  // akash.offers.ts): with two models, each offer shows all its free GPUs and the plan would count them twice.
  // There, only providers offering one model are planned on. Other networks count per offer.
  const models = new Map<string, Set<string>>();
  for (const o of items) models.set(`${o.network}|${o.provider.id}`, (models.get(`${o.network}|${o.provider.id}`) ?? new Set()).add(o.gpu.model));
  for (const o of items) {
    // Only what a 1-GPU job can take: a node rented whole (fixedCount) must have exactly one GPU.
    if (!o.provider.region || (o.gpu.fixedCount && o.gpu.count !== 1)) continue;
    if (PROVIDER_WIDE_COUNTS.has(o.network) && models.get(`${o.network}|${o.provider.id}`)!.size > 1) continue;
    const key = `${o.network}|${o.gpu.model}|${o.provider.region}`;
    // Sorted by price: the first offer of a group is its cheapest.
    if (!groups.has(key)) groups.set(key, { network: o.network, gpuModel: o.gpu.model, region: o.provider.region, budget: Math.floor(o.gpu.count * share) });
  }
  const perNetwork = networks.map((n) => [...groups.values()].filter((g) => g.network === n));
  const targets: JobTarget[] = [];
  const cursor = networks.map(() => 0);
  for (let i = 0, idle = 0; targets.length < jobs && idle < networks.length; i++) {
    const k = i % networks.length;
    const open = perNetwork[k].filter((g) => g.budget >= 1);
    if (!open.length) {
      idle++;
      continue;
    }
    idle = 0;
    const g = open[cursor[k]++ % open.length];
    g.budget -= 1;
    targets.push({ network: g.network, gpuModel: g.gpuModel, region: g.region });
  }
  if (targets.length < jobs) {
    const room = networks.map((n) => `${n} ${targets.filter((t) => t.network === n).length}`).join(', ');
    throw new Error(`the pool holds room for only ${targets.length} spread jobs (${room}), ${jobs} wanted`);
  }
  return targets;
}

export interface AttemptLedgerRow {
  id: string;
  job_id: string;
  n: number;
  network: string;
  state: string;
  outcome: string | null;
  placement: { placementId?: string } | null;
}

export interface JobLedgerRow {
  id: string;
  state: string;
  state_reason: string | null;
  current_attempt_id: string | null;
}

/** The event timelines of some jobs, for a failure message. */
export async function timelines(sql: Client, jobIds: string[]): Promise<string> {
  const rows = (
    await sql.query<{ job_id: string; at: Date; from_state: string | null; to_state: string | null; reason: string }>(
      'SELECT job_id, at, from_state, to_state, reason FROM job_events WHERE job_id = ANY($1) ORDER BY job_id, id',
      [jobIds],
    )
  ).rows;
  return rows.map((r) => `  ${r.job_id.slice(0, 8)} ${r.at.toISOString().slice(11, 23)} ${r.from_state ?? ''}→${r.to_state ?? ''} ${r.reason}`).join('\n');
}

export async function readLedger(sql: Client): Promise<{ jobs: JobLedgerRow[]; attempts: AttemptLedgerRow[] }> {
  const jobs = (await sql.query<JobLedgerRow>('SELECT id, state, state_reason, current_attempt_id FROM jobs ORDER BY created_at')).rows;
  const attempts = (await sql.query<AttemptLedgerRow>('SELECT id, job_id, n, network, state, outcome, placement FROM job_attempts ORDER BY job_id, n')).rows;
  return { jobs, attempts };
}

/**
 * "Nothing twice", checked against what the networks actually received: no idempotency key was used for
 * more than one creation on any network; every key a network saw is an attempt Switchyard recorded (nothing
 * submitted behind the ledger's back); every attempt that holds a placement was created exactly once, on
 * its own network; and no job has more than one live (not ended) attempt.
 */
export function nothingTwice(ledger: { attempts: AttemptLedgerRow[] }, submissions: Map<string, Record<string, number>>): string[] {
  const problems: string[] = [];
  const attempts = new Map(ledger.attempts.map((a) => [a.id, a]));
  for (const [network, counts] of submissions) {
    for (const [key, count] of Object.entries(counts)) {
      if (count > 1) problems.push(`${network} created ${count} jobs under idempotency key ${key}`);
      const attempt = attempts.get(key);
      if (!attempt) problems.push(`${network} received key ${key}, which is no recorded attempt`);
      else if (attempt.network !== network) problems.push(`attempt ${key} of ${attempt.network} reached ${network}`);
    }
  }
  for (const a of ledger.attempts) {
    if (a.placement && (submissions.get(a.network)?.[a.id] ?? 0) !== 1) {
      problems.push(
        `attempt ${a.id} (job ${a.job_id}) holds placement ${a.placement.placementId} but ${a.network} counted ${submissions.get(a.network)?.[a.id] ?? 0} creations for it`,
      );
    }
  }
  const live = new Map<string, number>();
  for (const a of ledger.attempts) if (!a.outcome) live.set(a.job_id, (live.get(a.job_id) ?? 0) + 1);
  for (const [job, n] of live) if (n > 1) problems.push(`job ${job} has ${n} live attempts`);
  return problems;
}
