// The worker agent: heartbeats with its GPU inventory, answers challenges, long-polls for leases, runs
// each job with its executor, streams logs, renews the lease, and reports how the job ended. It keeps
// going through coordinator restarts (exponential backoff) and recovers after its own restart.
import type { NodeKeypair } from '../nodes/protocol/node-keys';
import {
  ackResponseSchema,
  GpuDevice,
  heartbeatResponseSchema,
  NodePrice,
  renewResponseSchema,
  WorkLease,
  workResponseSchema,
} from '../nodes/protocol/agent-wire';
import { Challenge, challengeVerdictSchema, commitResponseSchema, signCommit } from '../nodes/protocol/challenge';
import { AgentStateFile, readAgentState, writeAgentState } from './agent-state';
import { CoordinatorClient, CoordinatorError } from './coordinator-client';
import type { Executor, RunningJob } from './executors/executor';
import type { ChallengeProver } from './provers/prover';

export const AGENT_VERSION = '0.1.0';

export interface AgentLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const consoleLogger: AgentLogger = {
  info: (m, f) => console.log(JSON.stringify({ level: 'info', msg: m, ...f })),
  warn: (m, f) => console.warn(JSON.stringify({ level: 'warn', msg: m, ...f })),
  error: (m, f) => console.error(JSON.stringify({ level: 'error', msg: m, ...f })),
};

export interface AgentOptions {
  coordinatorUrl: string;
  keypair: NodeKeypair;
  /** Read on every heartbeat, so a changed machine is reported (and flagged) at once. */
  inventory: () => Promise<GpuDevice[]> | GpuDevice[];
  executor: Executor;
  /** Runs proof-of-GPU challenges; without one the agent cannot pass a challenge (and says so). */
  prover?: ChallengeProver;
  /** Where running leases are remembered across restarts; no recovery without it. */
  stateFile?: string;
  agentVersion?: string;
  /** Until the coordinator says otherwise. */
  heartbeatIntervalMs?: number;
  pollWaitSeconds?: number;
  logFlushMs?: number;
  backoff?: { initialMs: number; maxMs: number };
  logger?: AgentLogger;
}

export interface RegisterOptions {
  coordinatorUrl: string;
  keypair: NodeKeypair;
  gpus: GpuDevice[];
  executor: 'docker' | 'process';
  price: NodePrice;
  payoutWallet: string;
  enrolmentCode?: string;
  name?: string;
  agentVersion?: string;
}

export interface AgentHandle {
  readonly nodeId: string;
  runningLeases(): string[];
  /** Stops polling and heartbeats, stops running jobs and reports them cancelled. */
  stop(): Promise<void>;
  /** Dies as a crash would: children killed, nothing reported, state file left behind. For tests and drills. */
  crash(): Promise<void>;
}

export async function registerNode(options: RegisterOptions): Promise<{ nodeId: string; state: string; created: boolean }> {
  const client = new CoordinatorClient({ baseUrl: options.coordinatorUrl, keypair: options.keypair });
  const result = await client.call<{ node: { id: string; state: string }; created: boolean }>('POST', '/v1/agent/register', {
    enrolmentCode: options.enrolmentCode,
    name: options.name,
    price: options.price,
    payoutWallet: options.payoutWallet,
    agentVersion: options.agentVersion ?? AGENT_VERSION,
    executor: options.executor,
    gpus: options.gpus,
  });
  return { nodeId: result.node.id, state: result.node.state, created: result.created };
}

interface ActiveLease {
  leaseId: string;
  job?: RunningJob;
  logBuffer: string[];
  cancelled: boolean;
  timers: NodeJS.Timeout[];
}

export async function startAgent(options: AgentOptions): Promise<AgentHandle> {
  const log = options.logger ?? consoleLogger;
  const client = new CoordinatorClient({ baseUrl: options.coordinatorUrl, keypair: options.keypair });
  const nodeId = options.keypair.nodeId;
  const version = options.agentVersion ?? AGENT_VERSION;
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 30_000 };
  const active = new Map<string, ActiveLease>();
  const answered = new Set<string>();
  const stopping = new AbortController();
  let heartbeatMs = options.heartbeatIntervalMs ?? 15_000;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let heartbeatInFlight: Promise<void> | undefined;
  let crashed = false;
  let lastReason: string | null = null;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      stopping.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });

  const saveState = async () => {
    if (!options.stateFile || crashed) return;
    const state: AgentStateFile = {
      nodeId,
      coordinatorUrl: options.coordinatorUrl,
      leases: [...active.values()].map((l) => ({ leaseId: l.leaseId, startedAt: new Date().toISOString(), pid: l.job?.pid })),
    };
    await writeAgentState(options.stateFile, state).catch((err) => log.warn('could not write the state file', { error: (err as Error).message }));
  };

  /** Retries a report until it lands or the coordinator refuses it for good. */
  const report = async <T>(what: string, call: () => Promise<T>, attempts = 8): Promise<T | undefined> => {
    let delay = backoff.initialMs;
    for (let i = 1; i <= attempts && !crashed; i++) {
      try {
        return await call();
      } catch (err) {
        if (err instanceof CoordinatorError && err.permanent) {
          log.warn(`${what} refused`, { error: err.message });
          return undefined;
        }
        log.warn(`${what} failed; retrying`, { attempt: i, error: (err as Error).message });
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, backoff.maxMs);
      }
    }
    return undefined;
  };

  const answerChallenge = async (challenge: Challenge | null) => {
    if (!challenge || answered.has(challenge.challengeId)) return;
    answered.add(challenge.challengeId);
    const prover = options.prover;
    if (!prover) {
      log.error('a proof-of-GPU challenge arrived and this agent has no prover, so it cannot pass: start it with --prover torch on an NVIDIA GPU', {
        challengeId: challenge.challengeId,
      });
      return;
    }
    const id = challenge.challengeId;
    try {
      const started = Date.now();
      const roots = await prover.commit(challenge, nodeId);
      const signature = signCommit(options.keypair, challenge, roots);
      const asked = await client.call('POST', `/v1/agent/challenges/${id}/commit`, { roots, prover: prover.kind, signature }, commitResponseSchema);
      log.info('challenge roots committed', { challengeId: id, ms: Date.now() - started, deadline: challenge.commitDeadline });
      // One row per request: an H100-sized row is 256 KiB, and the coordinator keeps its body limit small.
      for (const row of await prover.open(id, asked.open)) {
        const verdict = await client.call('POST', `/v1/agent/challenges/${id}/open`, { rows: [row] }, challengeVerdictSchema);
        if (verdict.state !== 'pending') {
          log.info(verdict.passed ? 'verification challenge passed' : 'verification challenge failed', { reason: verdict.reason });
          break;
        }
      }
    } catch (err) {
      log.warn('verification challenge not completed', { challengeId: id, error: (err as Error).message });
    } finally {
      prover.forget(id);
    }
  };

  const flushLogs = async (lease: ActiveLease) => {
    if (lease.logBuffer.length === 0) return;
    const lines = lease.logBuffer.splice(0, 200);
    await report('log upload', () => client.call('POST', `/v1/agent/leases/${lease.leaseId}/logs`, { lines }), 3);
  };

  const runLease = async (work: WorkLease) => {
    const ack = await report('lease ack', () => client.call('POST', `/v1/agent/leases/${work.leaseId}/ack`, {}, ackResponseSchema), 3);
    if (!ack || ack.state !== 'starting') {
      log.warn('lease not acknowledged; not running it', { leaseId: work.leaseId, state: ack?.state });
      return;
    }
    const lease: ActiveLease = { leaseId: work.leaseId, logBuffer: [], cancelled: false, timers: [] };
    active.set(lease.leaseId, lease);
    lease.job = options.executor.start({ leaseId: work.leaseId, job: work.job, gpuIndexes: work.gpuIndexes }, (line) => lease.logBuffer.push(line));
    await saveState();
    log.info('job started', { leaseId: lease.leaseId, executor: options.executor.kind, pid: lease.job.pid });
    void report('running status', () => client.call('POST', `/v1/agent/leases/${lease.leaseId}/status`, { state: 'running' }), 3);
    lease.timers.push(setInterval(() => void flushLogs(lease), options.logFlushMs ?? 500));
    lease.timers.push(
      setInterval(async () => {
        try {
          const renewed = await client.call('POST', `/v1/agent/leases/${lease.leaseId}/renew`, {}, renewResponseSchema);
          if (renewed.cancel && !lease.cancelled) {
            lease.cancelled = true;
            log.info('lease cancelled or expired by the coordinator; stopping the job', { leaseId: lease.leaseId, state: renewed.state });
            await lease.job?.stop(5_000);
          }
        } catch (err) {
          log.warn('lease renew failed', { leaseId: lease.leaseId, error: (err as Error).message });
        }
      }, ack.renewEveryMs),
    );
    const exit = await lease.job.exited;
    lease.timers.forEach(clearInterval);
    if (crashed) return;
    if (exit.error) lease.logBuffer.push(`switchyard-agent: the job did not start: ${exit.error}`);
    while (lease.logBuffer.length > 0) await flushLogs(lease);
    const state = lease.cancelled ? 'cancelled' : exit.exitCode === 0 ? 'succeeded' : 'failed';
    const message = exit.error ?? (exit.signal ? `ended by ${exit.signal}` : `exit code ${exit.exitCode}`);
    await report('lease finish', () => client.call('POST', `/v1/agent/leases/${lease.leaseId}/finish`, { state, exitCode: exit.exitCode, message }));
    active.delete(lease.leaseId);
    await saveState();
    log.info('job finished', { leaseId: lease.leaseId, state, exitCode: exit.exitCode });
  };

  const heartbeat = async () => {
    try {
      const reply = await client.call(
        'POST',
        '/v1/agent/heartbeat',
        { agentVersion: version, gpus: await options.inventory(), leases: [...active.keys()] },
        heartbeatResponseSchema,
      );
      heartbeatMs = reply.heartbeatIntervalMs;
      if (reply.reason && reply.reason !== lastReason) log.warn(`coordinator says this node is ${reply.state}: ${reply.reason}`);
      lastReason = reply.reason;
      for (const id of reply.stopLeases) {
        const lease = active.get(id);
        if (lease && !lease.cancelled) {
          lease.cancelled = true;
          void lease.job?.stop(5_000);
        }
      }
      void answerChallenge(reply.challenge);
    } catch (err) {
      log.warn('heartbeat failed', { error: (err as Error).message });
    }
    if (!stopping.signal.aborted) heartbeatTimer = setTimeout(() => void (heartbeatInFlight = heartbeat()), heartbeatMs);
  };

  const pollLoop = async () => {
    let delay = backoff.initialMs;
    const wait = options.pollWaitSeconds ?? 25;
    while (!stopping.signal.aborted) {
      try {
        const work = await client.call('GET', `/v1/agent/work?wait=${wait}`, undefined, workResponseSchema, {
          timeoutMs: (wait + 10) * 1000,
          signal: stopping.signal,
        });
        delay = backoff.initialMs;
        void answerChallenge(work.challenge);
        if (work.lease) void runLease(work.lease);
      } catch (err) {
        if (stopping.signal.aborted) break;
        log.warn('work poll failed; backing off', { error: (err as Error).message, retryInMs: delay });
        await sleep(delay + Math.floor(Math.random() * delay * 0.2));
        delay = Math.min(delay * 2, backoff.maxMs);
      }
    }
  };

  // Recovery: leases a previous run of this agent had started are gone with that run; say so.
  if (options.stateFile) {
    const previous = await readAgentState(options.stateFile);
    for (const lease of previous?.nodeId === nodeId ? previous.leases : []) {
      log.warn('a job from before the restart was lost; reporting it failed', { leaseId: lease.leaseId });
      await report(
        'lease finish',
        () =>
          client.call('POST', `/v1/agent/leases/${lease.leaseId}/finish`, {
            state: 'failed',
            exitCode: null,
            message: 'the agent restarted; the job process was lost',
          }),
        3,
      );
    }
    await saveState();
  }

  await heartbeat();
  const polling = pollLoop();

  const shutdown = async (mode: 'stop' | 'crash') => {
    if (mode === 'crash') crashed = true;
    stopping.abort();
    clearTimeout(heartbeatTimer);
    for (const lease of active.values()) {
      lease.timers.forEach(clearInterval);
      if (mode === 'crash') lease.job?.kill();
      else {
        lease.cancelled = true;
        await lease.job?.stop(5_000);
      }
    }
    await polling;
    await heartbeatInFlight;
    if (mode === 'stop') {
      // Let the finish reports of the stopped jobs go out.
      const deadline = Date.now() + 5_000;
      while (active.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    }
  };

  return {
    nodeId,
    runningLeases: () => [...active.keys()],
    stop: () => shutdown('stop'),
    crash: () => shutdown('crash'),
  };
}
