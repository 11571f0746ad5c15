// The job engine of the Bacalhau simulator: jobs move Pending → Queued → Running → Completed on the
// wall clock (some fail, deterministically by idempotency key or image), are scheduled onto the node their
// constraints pin, hold that node's GPUs while running, and can be stopped.
import { createHash } from 'node:crypto';
import { SimNode } from './sim-world';
import { JOB_LABEL_IDEMPOTENCY_KEY } from './node-labels';

export type JobStateType = 'Pending' | 'Queued' | 'Running' | 'Completed' | 'Failed' | 'Stopped';
const TERMINAL = new Set<JobStateType>(['Completed', 'Failed', 'Stopped']);

export interface SimConstraint {
  Key: string;
  Operator: string;
  Values?: string[];
}

export interface SimExecution {
  ID: string;
  JobID: string;
  NodeID: string;
  ComputeState: { StateType: string; Message: string };
  DesiredState: { StateType: string; Message: string };
  RunOutput: { ExitCode: number; ErrorMsg: string; Stdout: string } | null;
  CreateTime: number;
  ModifyTime: number;
}

export interface SimJob {
  /** The submitted job as Bacalhau stores it (with ID, State, times filled in). */
  record: Record<string, unknown> & { ID: string; Labels: Record<string, string>; State: { StateType: JobStateType; Message: string }; CreateTime: number; ModifyTime: number };
  executions: SimExecution[];
  logs: string[];
  createdAtMs: number;
  gpus: number;
  runMs: number;
  fails: boolean;
  /** Absent for seeded history jobs, which never move. */
  timings?: JobTimings;
  node?: SimNode;
}

export interface JobTimings {
  pendingMs: number;
  queuedMs: number;
  runMs: number;
}

export const DEFAULT_TIMINGS: JobTimings = { pendingMs: 300, queuedMs: 500, runMs: 4_000 };

const ns = (ms: number) => ms * 1_000_000;

/** Label selector semantics Bacalhau borrows from Kubernetes: =, ==, !=, in, notin, exists, !. */
export function matchesConstraint(labels: Record<string, string>, c: SimConstraint): boolean {
  const value = labels[c.Key];
  const values = c.Values ?? [];
  switch (c.Operator) {
    case '=':
    case '==':
    case 'in':
      return value !== undefined && values.includes(value);
    case '!=':
    case 'notin':
      return value === undefined || !values.includes(value);
    case 'exists':
      return value !== undefined;
    case '!':
      return value === undefined;
    case 'gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

/** When this job next changes state on its own (Pending → Queued → Running → done), or never. */
function nextChangeAt(job: SimJob): number {
  const t = job.timings;
  if (!t) return Number.POSITIVE_INFINITY;
  switch (job.record.State.StateType) {
    case 'Pending':
      return job.createdAtMs + t.pendingMs;
    case 'Queued':
      return job.createdAtMs + t.pendingMs + t.queuedMs;
    case 'Running':
      return job.createdAtMs + t.pendingMs + t.queuedMs + job.runMs;
    default:
      return Number.POSITIVE_INFINITY;
  }
}

/** A binary min-heap of (time, job). */
class DueHeap {
  private readonly items: Array<{ at: number; job: SimJob }> = [];

  push(at: number, job: SimJob): void {
    if (at === Number.POSITIVE_INFINITY) return;
    const items = this.items;
    items.push({ at, job });
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (items[parent].at <= items[i].at) break;
      [items[parent], items[i]] = [items[i], items[parent]];
      i = parent;
    }
  }

  /** The earliest entry if it is due at `now`, removed from the heap. */
  popDue(now: number): { at: number; job: SimJob } | undefined {
    const items = this.items;
    if (!items.length || items[0].at > now) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l].at < items[m].at) m = l;
        if (r < items.length && items[r].at < items[m].at) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i], items[m]];
        i = m;
      }
    }
    return top;
  }
}

export function freeGpus(node: SimNode): number {
  return node.gpus.reduce((s, g) => s + g.count, 0) - node.busyGpus;
}

/** Share of jobs whose workload fails unless the simulator is told otherwise: about one in twenty. */
export const DEFAULT_JOB_FAILURE_RATE = 13 / 256;

/** Seeded failure: a share `rate` of jobs fails with exit code 1, picked by its key so reruns agree. */
export function failsByKey(key: string | undefined, rate = DEFAULT_JOB_FAILURE_RATE): boolean {
  if (!key) return false;
  return createHash('sha256').update(key).digest().readUInt16BE(0) / 65536 < rate;
}

export class SimJobEngine {
  readonly jobs = new Map<string, SimJob>();
  /** Jobs by their idempotency-key label: what a submitter looks up before every submit. */
  private readonly byIdempotencyKey = new Map<string, SimJob[]>();
  /** Live jobs by the time of their next state change (a min-heap): advancing touches only what is due. */
  private readonly due = new DueHeap();

  constructor(
    private readonly nodes: SimNode[],
    private readonly idFor: (prefix: string) => string,
    private readonly now: () => number = Date.now,
    private readonly jobFailureRate = DEFAULT_JOB_FAILURE_RATE,
  ) {}

  create(job: Record<string, unknown>, options: { forceFail: boolean; timings: JobTimings }): SimJob {
    const id = `j-${this.idFor('job')}`;
    const nowMs = this.now();
    const labels = (job.Labels as Record<string, string> | undefined) ?? {};
    const task = ((job.Tasks as Array<Record<string, any>> | undefined) ?? [])[0] ?? {};
    const gpus = Number(task.Resources?.GPU ?? 0) || 0;
    const timeoutMs = Number(task.Timeouts?.ExecutionTimeout ?? 0) * 1000;
    const image = String(task.Engine?.Params?.Image ?? '');
    const record = {
      ...job,
      ID: id,
      Namespace: (job.Namespace as string) || 'default',
      Labels: labels,
      Version: 1,
      Revision: 1,
      State: { StateType: 'Pending' as JobStateType, Message: '' },
      CreateTime: ns(nowMs),
      ModifyTime: ns(nowMs),
    };
    const sim: SimJob = {
      record,
      executions: [],
      logs: [`pulling image ${image}`],
      createdAtMs: nowMs,
      gpus,
      runMs: timeoutMs > 0 ? Math.min(options.timings.runMs, timeoutMs) : options.timings.runMs,
      fails: options.forceFail || /:fail\b|fail-/.test(image) || failsByKey(labels[JOB_LABEL_IDEMPOTENCY_KEY], this.jobFailureRate),
      timings: options.timings,
    };
    this.jobs.set(id, sim);
    const key = labels[JOB_LABEL_IDEMPOTENCY_KEY];
    if (key) this.byIdempotencyKey.set(key, [...(this.byIdempotencyKey.get(key) ?? []), sim]);
    this.due.push(nextChangeAt(sim), sim);
    return sim;
  }

  /** The jobs labelled with this idempotency key, oldest first. */
  withIdempotencyKey(key: string): SimJob[] {
    return this.byIdempotencyKey.get(key) ?? [];
  }

  /** Adds an already-finished job (seeded history). */
  addHistory(name: string, state: 'Completed' | 'Failed', ageMs: number): void {
    const id = `j-${this.idFor('job')}`;
    const at = this.now() - ageMs;
    this.jobs.set(id, {
      record: { ID: id, Name: name, Namespace: 'default', Type: 'batch', Labels: { team: 'seed' }, State: { StateType: state, Message: state === 'Failed' ? 'execution failed: exit code 1' : '' }, CreateTime: ns(at), ModifyTime: ns(at + 60_000), Tasks: [] },
      executions: [],
      logs: ['seeded history job'],
      createdAtMs: at,
      gpus: 0,
      runMs: 0,
      fails: state === 'Failed',
    });
  }

  /** Moves every live job forward to where the clock says it is, in the order their changes fall due. */
  advanceAll(): void {
    const now = this.now();
    for (let next = this.due.popDue(now); next; next = this.due.popDue(now)) {
      if (next.at !== nextChangeAt(next.job)) continue; // moved on already (stopped, or advanced on its own)
      this.advance(next.job);
      const at = nextChangeAt(next.job);
      if (at !== Number.POSITIVE_INFINITY) this.due.push(at, next.job);
    }
  }

  advance(job: SimJob): void {
    const timings = job.timings;
    if (!timings) return;
    const state = job.record.State.StateType;
    if (TERMINAL.has(state)) return;
    const age = this.now() - job.createdAtMs;
    if (state === 'Pending' && age >= timings.pendingMs) this.setState(job, 'Queued', '');
    if (job.record.State.StateType === 'Queued' && age >= timings.pendingMs + timings.queuedMs) this.schedule(job);
    if (job.record.State.StateType === 'Running' && age >= timings.pendingMs + timings.queuedMs + job.runMs) this.finish(job);
  }

  stop(job: SimJob, reason: string): void {
    for (const e of job.executions) {
      if (!['Completed', 'Failed', 'Cancelled'].includes(e.ComputeState.StateType)) this.setExecution(e, 'Cancelled', reason);
    }
    this.release(job);
    job.logs.push(`job stopped: ${reason}`);
    this.setState(job, 'Stopped', `job stopped by user: ${reason}`);
  }

  isTerminal(job: SimJob): boolean {
    return TERMINAL.has(job.record.State.StateType);
  }

  private schedule(job: SimJob): void {
    const constraints = (job.record.Constraints as SimConstraint[] | undefined) ?? [];
    const node = this.nodes.find(
      (n) => n.nodeType === 'Compute' && n.membership === 'APPROVED' && n.connected && freeGpus(n) >= job.gpus && constraints.every((c) => matchesConstraint(n.labels, c)),
    );
    if (!node) {
      job.logs.push('no node matched the job constraints');
      this.setState(job, 'Failed', `not enough nodes to run job. requested: 1, available: 0. ${constraints.length} constraint(s) matched no connected node with ${job.gpus} free GPU(s)`);
      return;
    }
    node.busyGpus += job.gpus;
    job.node = node;
    const nowNs = ns(this.now());
    job.executions.push({
      ID: `e-${this.idFor('execution')}`,
      JobID: job.record.ID,
      NodeID: node.nodeId,
      ComputeState: { StateType: 'Running', Message: '' },
      DesiredState: { StateType: 'Running', Message: '' },
      RunOutput: null,
      CreateTime: nowNs,
      ModifyTime: nowNs,
    });
    const task = ((job.record.Tasks as Array<Record<string, any>> | undefined) ?? [])[0] ?? {};
    for (const input of (task.InputSources as Array<{ Source: { Type: string; Params: { CID?: string } }; Target: string }> | undefined) ?? []) {
      job.logs.push(`mounted ${input.Source.Type}://${input.Source.Params.CID ?? '?'} at ${input.Target}`);
    }
    job.logs.push(`container started on ${node.nodeId} with ${job.gpus} GPU(s)`);
    this.setState(job, 'Running', '');
  }

  private finish(job: SimJob): void {
    this.release(job);
    const execution = job.executions[job.executions.length - 1];
    if (job.fails) {
      job.logs.push('Traceback (most recent call last): RuntimeError: CUDA error: an illegal memory access was encountered');
      if (execution) {
        execution.RunOutput = { ExitCode: 1, ErrorMsg: 'exit status 1', Stdout: '' };
        this.setExecution(execution, 'Failed', 'exit status 1');
      }
      this.setState(job, 'Failed', 'execution failed: exit status 1');
      return;
    }
    job.logs.push('done');
    if (execution) {
      execution.RunOutput = { ExitCode: 0, ErrorMsg: '', Stdout: 'done\n' };
      this.setExecution(execution, 'Completed', '');
    }
    this.setState(job, 'Completed', '');
  }

  private release(job: SimJob): void {
    if (job.node) job.node.busyGpus = Math.max(0, job.node.busyGpus - job.gpus);
    job.node = undefined;
  }

  private setState(job: SimJob, state: JobStateType, message: string): void {
    job.record.State = { StateType: state, Message: message };
    job.record.ModifyTime = ns(this.now());
    job.record.Revision = Number(job.record.Revision ?? 1) + 1;
  }

  private setExecution(e: SimExecution, state: string, message: string): void {
    e.ComputeState = { StateType: state, Message: message };
    e.DesiredState = { StateType: state === 'Cancelled' ? 'Stopped' : state, Message: message };
    e.ModifyTime = ns(this.now());
  }
}
