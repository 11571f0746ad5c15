// Processes and databases the benchmarks start and always clean up: a throw-away PostgreSQL database,
// forked children spoken to over IPC, and autocannon runs.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import type { SimulatorsMessage } from './service-protocol';
// autocannon ships no types of its own; the few fields used here are declared below.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (opts: Record<string, unknown>) => Promise<AutocannonResult>;

export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  throughput: { average: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on the server named by BENCH_DATABASE_URL or TEST_DATABASE_URL (default: local postgres). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `sy_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface Child<M> {
  process: ChildProcess;
  /** The next message of this type (or the child's error / exit). */
  next<T extends M>(type: string, timeoutMs?: number): Promise<T>;
  send(message: unknown): void;
  close(): Promise<void>;
}

/** Forks dist/bench/<script>.js with IPC; `close` asks it to stop and kills it if it does not. */
export function forkChild<M extends { type: string }>(script: string, args: string[], env: Record<string, string>, execArgv: string[] = []): Child<M> {
  const child = fork(join(__dirname, `${script}.js`), args, { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const inbox: M[] = [];
  const waiters: Array<() => void> = [];
  let exited: number | null = null;
  child.on('message', (m) => {
    inbox.push(m as M);
    waiters.splice(0).forEach((w) => w());
  });
  child.on('exit', (code) => {
    exited = code ?? -1;
    waiters.splice(0).forEach((w) => w());
  });
  return {
    process: child,
    async next<T extends M>(type: string, timeoutMs = 300_000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const i = inbox.findIndex((m) => m.type === type || m.type === 'error');
        if (i >= 0) {
          const [m] = inbox.splice(i, 1);
          if (m.type === 'error') throw new Error(`${script}: ${(m as unknown as { message: string }).message}`);
          return m as T;
        }
        if (exited !== null) throw new Error(`${script} exited with ${exited} before sending "${type}"`);
        if (Date.now() > deadline) throw new Error(`${script}: no "${type}" within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, 1_000);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
    },
    send(message) {
      child.send(message as never);
    },
    async close() {
      if (exited !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        child.send({ type: 'close' });
      } catch {
        /* already disconnected */
      }
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/**
 * The simulated Render and Filecoin supply the burst benchmark starts, this many times the seeded world's: one
 * seeded world has GPUs for about 144 of the burst's 2,000 jobs at once, so at scale 1 its figure measured the
 * simulators' supply, not the dispatcher. At 24 those networks can take every job of the burst that does not go
 * to Akash (at 16, 100 still found none). The jobs benchmark, with more jobs, has its own.
 */
export const BENCH_SUPPLY_SCALE = 24;

export interface BenchSimulators {
  /** For the service child: BENCH_SIMULATORS_ENV, or SIM_SUPPLY_SCALE when the simulators run inside the service. */
  serviceEnv: Record<string, string>;
  /** Where they run, for the report. */
  where: 'their own process' | 'the service process';
  /** The simulated Render and Filecoin supply, this many times the seeded world's (SIM_SUPPLY_SCALE). */
  supplyScale: number;
  close(): Promise<void>;
}

/**
 * The simulated networks (akash, render, filecoin, seed 42, as the service would seed them) in a process of
 * their own, as real networks are elsewhere; BENCH_SIMULATORS=in-process leaves them inside the service (as
 * before), to compare. `supplyScale`: their supply this many times over, so that a benchmark of the dispatcher
 * is not a benchmark of how many GPUs one seeded world has.
 */
export async function startBenchSimulators(opts: { supplyScale?: number } = {}): Promise<BenchSimulators> {
  const supplyScale = opts.supplyScale ?? 1;
  const scaleEnv = { SIM_SUPPLY_SCALE: String(supplyScale) };
  if (process.env.BENCH_SIMULATORS === 'in-process') return { serviceEnv: scaleEnv, where: 'the service process', supplyScale, close: async () => undefined };
  const child = forkChild<SimulatorsMessage>('simulators-child', [], { NETWORKS: 'akash,render,filecoin', SIM_SEED: '42', ...scaleEnv });
  try {
    const ready = await child.next<Extract<SimulatorsMessage, { type: 'ready' }>>('ready', 60_000);
    return {
      serviceEnv: { BENCH_SIMULATORS_ENV: JSON.stringify(ready.env) },
      where: 'their own process',
      supplyScale,
      close: () => child.close(),
    };
  } catch (err) {
    await child.close();
    throw err;
  }
}

/** BENCH_CPU_PROF=<dir>: the service child writes a V8 CPU profile to <dir> when it exits (open it in Chrome DevTools). */
export function cpuProfileArgs(): string[] {
  return process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
}

/** Runs autocannon; BENCH_PER_SECOND=1 prints the responses of every second (to see warm-up and stalls). */
export async function runAutocannon(opts: Record<string, unknown>): Promise<AutocannonResult> {
  const run = autocannon({ ...opts }) as Promise<AutocannonResult> & { on(event: 'response', listener: () => void): void };
  if (!process.env.BENCH_PER_SECOND) return run;
  let responses = 0;
  const perSecond: number[] = [];
  run.on('response', () => responses++);
  const timer = setInterval(() => perSecond.push(responses - perSecond.reduce((a, b) => a + b, 0)), 1_000);
  try {
    return await run;
  } finally {
    clearInterval(timer);
    console.log(`    responses per second: ${perSecond.join(' ')}`);
  }
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere. On a shared
 * machine the CPU a server spends per request holds up better than requests per second, which follow the load.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields after the command name: state is field 3, utime 14 and stime 15 (clock ticks, 100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
