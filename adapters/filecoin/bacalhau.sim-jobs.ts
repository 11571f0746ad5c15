// The job engine of the Bacalhau simulator: jobs move Pending → Queued → Running → Completed on the
// wall clock (some fail, deterministically by idempotency key or image), are scheduled onto the node their
// constraints pin, hold that node's GPUs while running, and can be stopped. As on the real orchestrator, a
// job's Name is unique in its namespace: submitting a known name updates that job (same ID, state reset), and
// an identical spec is refused (pkg/orchestrator/endpoint.go SubmitJob). Execution states are integers.
import { createHash } from 'node:crypto';
import { SimNode } from './filecoin.sim-world';
import { JOB_LABEL_IDEMPOTENCY_KEY } from './filecoin.node-labels';
import { EXECUTION_DESIRED_STATE, EXECUTION_STATE } from './bacalhau.states';

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
  /** `ExecutionStateType`, an integer on the wire (see bacalhau.states.ts). */
  ComputeState: { StateType: number; Message: string };
  DesiredState: { StateType: number; Message: string };
  RunOutput: { ExitCode: number; ErrorMsg: string; Stdout: string } | null;
  CreateTime: number;
  ModifyTime: number;
}

export interface SimJob {
  /** The job as submitted (what an update is compared with). */
  spec: Record<string, unknown>;
  /** The submitted job as Bacalhau stores it (with ID, State, times filled in). */
  record: Record<string, unknown> & {
    ID: string;
    Labels: Record<string, string>;
    State: { StateType: JobStateType; Message: string };
    CreateTime: number;
    ModifyTime: number;
  };
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
    for (let i = items.length - 1; i > 0;) {
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
      for (let i = 0; ;) {
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

/** The orchestrator's answer to resubmitting a job's exact spec under its name (an error without a code: HTTP 500). */
export class NoChangesError extends Error {}

/** The spec as the orchestrator compares it on update: what was submitted, without what the server fills in. */
function specOf(job: Record<string, unknown>): string {
  const { ID: _id, State: _s, CreateTime: _c, ModifyTime: _m, Version: _v, Revision: _r, ...spec } = job;
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sorted(spec));
}

export class SimJobEngine {
  readonly jobs = new Map<string, SimJob>();
  /** Jobs by namespace and name: a name is an upsert key. */
  private readonly byName = new Map<string, SimJob>();
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

  /**
   * Creates the job, or updates the one already holding its Name in the namespace (same ID, state back to
   * Pending, its executions stopped); throws NoChangesError when that job's spec is the same.
   */
  create(job: Record<string, unknown>, options: { forceFail: boolean; timings: JobTimings }): SimJob {
    const namespace = (job.Namespace as string) || 'default';
    const existing = job.Name ? this.byName.get(`${namespace}/${String(job.Name)}`) : undefined;
    if (existing && specOf({ ...job, Namespace: namespace }) === specOf(existing.spec)) {
      throw new NoChangesError(`no changes detected for new job spec. Job Name: '${String(job.Name)}', Job Id: '${existing.record.ID}'`);
    }
    const id = existing?.record.ID ?? `j-${this.idFor('job')}`;
    if (existing) this.retire(existing);
    const nowMs = this.now();
    const labels = (job.Labels as Record<string, string> | undefined) ?? {};
    const task = ((job.Tasks as Array<Record<string, any>> | undefined) ?? [])[0] ?? {};
    const gpus = Number(task.Resources?.GPU ?? 0) || 0;
    const timeoutMs = Number(task.Timeouts?.ExecutionTimeout ?? 0) * 1000;
    const image = String(task.Engine?.Params?.Image ?? '');
    const record = {
      ...job,
      ID: id,
      // A job without a name is named after its ID (models.Job.Normalize).
      Name: (job.Name as string) || id,
      Namespace: namespace,
      Labels: labels,
      Version: existing ? Number(existing.record.Version ?? 1) + 1 : 1,
      Revision: 1,
      State: { StateType: 'Pending' as JobStateType, Message: existing ? 'Job update requested by user' : '' },
      CreateTime: existing?.record.CreateTime ?? ns(nowMs),
      ModifyTime: ns(nowMs),
    };
    const sim: SimJob = {
      spec: { ...job, Namespace: namespace },
      record,
      executions: existing?.executions ?? [],
      logs: [`pulling image ${image}`],
      createdAtMs: nowMs,
      gpus,
      runMs: timeoutMs > 0 ? Math.min(options.timings.runMs, timeoutMs) : options.timings.runMs,
      fails: options.forceFail || /:fail\b|fail-/.test(image) || failsByKey(labels[JOB_LABEL_IDEMPOTENCY_KEY], this.jobFailureRate),
      timings: options.timings,
    };
    this.jobs.set(id, sim);
    this.byName.set(`${namespace}/${record.Name}`, sim);
    const key = labels[JOB_LABEL_IDEMPOTENCY_KEY];
    if (key) this.byIdempotencyKey.set(key, [...(this.byIdempotencyKey.get(key) ?? []), sim]);
    this.due.push(nextChangeAt(sim), sim);
    return sim;
  }

  /** The jobs labelled with this idempotency key, oldest first. */
  withIdempotencyKey(key: string): SimJob[] {
    // An updated job's old record is no longer the job (its labels may have changed).
    return (this.byIdempotencyKey.get(key) ?? []).filter((j) => this.jobs.get(j.record.ID) === j);
  }

  /** Adds an already-finished job (seeded history). */
  addHistory(name: string, state: 'Completed' | 'Failed', ageMs: number): void {
    const id = `j-${this.idFor('job')}`;
    const at = this.now() - ageMs;
    this.jobs.set(id, {
      spec: {},
      record: {
        ID: id,
        Name: name,
        Namespace: 'default',
        Type: 'batch',
        Labels: { team: 'seed' },
        State: { StateType: state, Message: state === 'Failed' ? 'execution failed: exit code 1' : '' },
        CreateTime: ns(at),
        ModifyTime: ns(at + 60_000),
        Tasks: [],
      },
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

  /** Stops the job; the state's message is the caller's reason, as the orchestrator records it. */
  stop(job: SimJob, reason: string): void {
    this.stopExecutions(job, reason);
    this.release(job);
    this.setState(job, 'Stopped', reason);
  }

  /** An updated job's old run ends: its executions are cancelled and its GPUs freed. */
  private retire(job: SimJob): void {
    this.stopExecutions(job, 'job updated');
    this.release(job);
    job.record.State = { StateType: 'Stopped', Message: 'Job update requested by user' }; // its pending due entry no longer fires
  }

  private stopExecutions(job: SimJob, reason: string): void {
    const ended = new Set<number>([EXECUTION_STATE.Completed, EXECUTION_STATE.Failed, EXECUTION_STATE.Cancelled]);
    for (const e of job.executions) if (!ended.has(e.ComputeState.StateType)) this.setExecution(e, EXECUTION_STATE.Cancelled, reason);
  }

  isTerminal(job: SimJob): boolean {
    return TERMINAL.has(job.record.State.StateType);
  }

  private schedule(job: SimJob): void {
    const constraints = (job.record.Constraints as SimConstraint[] | undefined) ?? [];
    const node = this.nodes.find(
      (n) =>
        n.nodeType === 'Compute' &&
        n.membership === 'APPROVED' &&
        n.connected &&
        freeGpus(n) >= job.gpus &&
        constraints.every((c) => matchesConstraint(n.labels, c)),
    );
    if (!node) {
      job.logs.push('no node matched the job constraints');
      this.setState(
        job,
        'Failed',
        `not enough nodes to run job. requested: 1, available: 0. ${constraints.length} constraint(s) matched no connected node with ${job.gpus} free GPU(s)`,
      );
      return;
    }
    node.busyGpus += job.gpus;
    job.node = node;
    const nowNs = ns(this.now());
    job.executions.push({
      ID: `e-${this.idFor('execution')}`,
      JobID: job.record.ID,
      NodeID: node.nodeId,
      ComputeState: { StateType: EXECUTION_STATE.Running, Message: '' },
      DesiredState: { StateType: EXECUTION_DESIRED_STATE.Running, Message: '' },
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
        this.setExecution(execution, EXECUTION_STATE.Failed, 'exit status 1');
      }
      this.setState(job, 'Failed', 'execution failed: exit status 1');
      return;
    }
    job.logs.push('done');
    if (execution) {
      execution.RunOutput = { ExitCode: 0, ErrorMsg: '', Stdout: 'done\n' };
      this.setExecution(execution, EXECUTION_STATE.Completed, '');
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

  private setExecution(e: SimExecution, state: number, message: string): void {
    e.ComputeState = { StateType: state, Message: message };
    const desired = state === EXECUTION_STATE.Cancelled || state === EXECUTION_STATE.Failed || state === EXECUTION_STATE.Completed ? 'Stopped' : 'Running';
    e.DesiredState = { StateType: EXECUTION_DESIRED_STATE[desired], Message: message };
    e.ModifyTime = ns(this.now());
  }
}
