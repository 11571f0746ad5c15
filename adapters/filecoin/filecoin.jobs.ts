// Switchyard's job spec → a Bacalhau batch job pinned to the chosen SP node, and Bacalhau job states →
// placement states.
import { createHash } from 'node:crypto';
import { AdapterError, JobSpec, Offer, PlacementState, PlacementStatus } from '../sdk';
import { BacalhauJobStateType, BacalhauJobSubmission, GetJobResponse } from './bacalhau.wire';
import { executionStarted } from './bacalhau.states';
import { JOB_LABEL_IDEMPOTENCY_KEY, JOB_LABEL_JOB_NAME, JOB_LABEL_MANAGED_BY, LABEL_MINER, LABEL_NODE } from './filecoin.node-labels';

/** How long Bacalhau may keep the job queued waiting for the pinned node before failing it. */
export const QUEUE_TIMEOUT_SECONDS = 600;

/** Kubernetes-style label value rules, which Bacalhau's label selector applies. */
const LABEL_VALUE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

/** The idempotency key as a label value: verbatim when it is a legal value, else a stable sha256 digest. */
export function idempotencyLabelValue(key: string): string {
  if (LABEL_VALUE.test(key)) return key;
  return `sha256-${createHash('sha256').update(key).digest('hex').slice(0, 56)}`;
}

/** A free-form name as a label value: illegal characters become '-', trimmed to 63 (the full name is in Meta). */
export function nameLabelValue(name: string): string | undefined {
  const value = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^A-Za-z0-9]+$/, '');
  return value || undefined;
}

/**
 * The Bacalhau job Name for an attempt. A Name is an upsert key in its namespace (submitting a known name
 * updates that job), so it must be unique per attempt: it is derived from the attempt's idempotency key.
 */
export function attemptJobName(idempotencyKey: string): string {
  return `switchyard-${idempotencyLabelValue(idempotencyKey)}`;
}

export function idempotencySelector(key: string): string {
  return `${JOB_LABEL_IDEMPOTENCY_KEY}=${idempotencyLabelValue(key)}`;
}

/**
 * Bacalhau constraints match node labels only (operators =, !=, in, notin, exists, !, gt, lt); there is no
 * node-id key. The job is pinned to the SP by `filecoin.miner`, and to the exact node by `filecoin.node`
 * when the node carries one.
 */
export function pinConstraints(offer: Offer): BacalhauJobSubmission['Constraints'] {
  const attrs = offer.provider.attributes ?? {};
  if (!attrs.minerId && !attrs.nodeLabel) {
    throw new AdapterError(
      'unsupported',
      `filecoin offer ${offer.offerId}: the node has neither a ${LABEL_MINER} nor a ${LABEL_NODE} label, so a job cannot be pinned to it`,
      { scope: 'offer' },
    );
  }
  const constraints: BacalhauJobSubmission['Constraints'] = [];
  if (attrs.minerId) constraints.push({ Key: LABEL_MINER, Operator: '=', Values: [attrs.minerId] });
  if (attrs.nodeLabel) constraints.push({ Key: LABEL_NODE, Operator: '=', Values: [attrs.nodeLabel] });
  return constraints;
}

export function toBacalhauJob(job: JobSpec, offer: Offer, idempotencyKey: string, namespace: string): BacalhauJobSubmission {
  const env = Object.entries(job.env ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  const resources: BacalhauJobSubmission['Tasks'][number]['Resources'] = { GPU: String(job.resources.gpu.count) };
  if (job.resources.cpu !== undefined) resources.CPU = String(job.resources.cpu);
  if (job.resources.memoryGb !== undefined) resources.Memory = `${job.resources.memoryGb}Gb`;
  if (job.resources.diskGb !== undefined) resources.Disk = `${job.resources.diskGb}Gb`;
  const timeouts: BacalhauJobSubmission['Tasks'][number]['Timeouts'] = { QueueTimeout: QUEUE_TIMEOUT_SECONDS };
  if (job.durationHours !== undefined) timeouts.ExecutionTimeout = Math.ceil(job.durationHours * 3600);
  const params: BacalhauJobSubmission['Tasks'][number]['Engine']['Params'] = { Image: job.image };
  if (job.command?.length) params.Entrypoint = job.command;
  if (job.args?.length) params.Parameters = job.args;
  if (env.length) params.EnvironmentVariables = env;

  const labels: Record<string, string> = { [JOB_LABEL_IDEMPOTENCY_KEY]: idempotencyLabelValue(idempotencyKey), [JOB_LABEL_MANAGED_BY]: 'switchyard' };
  const nameLabel = job.name ? nameLabelValue(job.name) : undefined;
  if (nameLabel) labels[JOB_LABEL_JOB_NAME] = nameLabel;
  return {
    Name: attemptJobName(idempotencyKey),
    Namespace: namespace,
    Type: 'batch',
    Count: 1,
    Priority: 0,
    Labels: labels,
    ...(job.name ? { Meta: { [JOB_LABEL_JOB_NAME]: job.name } } : {}),
    Constraints: pinConstraints(offer),
    Tasks: [
      {
        Name: 'main',
        Engine: { Type: 'docker', Params: params },
        Publisher: { Type: 'local' },
        ...(job.inputs?.length ? { InputSources: job.inputs.map((i) => ({ Source: { Type: 'ipfs' as const, Params: { CID: i.cid } }, Target: i.path })) } : {}),
        ResultPaths: [{ Name: 'outputs', Path: '/outputs' }],
        Resources: resources,
        // ML jobs usually fetch weights at start; an SP that forbids networking rejects the job visibly.
        Network: { Type: 'Full' },
        Timeouts: timeouts,
      },
    ],
  };
}

const STATES: Record<BacalhauJobStateType, PlacementState> = {
  Undefined: 'pending',
  Pending: 'pending',
  Queued: 'pending',
  Running: 'running',
  Completed: 'succeeded',
  Failed: 'failed',
  Stopped: 'cancelled',
};

export function placementState(state: BacalhauJobStateType): PlacementState {
  return STATES[state];
}

function nanosToIso(ns: number | undefined): string | undefined {
  return ns ? new Date(Math.floor(ns / 1e6)).toISOString() : undefined;
}

/** The job and its executions as a placement status, with a failure classified for the router. */
export function toPlacementStatus(response: GetJobResponse): PlacementStatus {
  const { Job: job } = response;
  const executions = [...(response.Executions?.Items ?? [])].sort((a, b) => (a.CreateTime ?? 0) - (b.CreateTime ?? 0));
  const latest = executions[executions.length - 1];
  const state = placementState(job.State.StateType);
  const started = executions.find((e) => e.ComputeState !== undefined && executionStarted(e.ComputeState.StateType));
  const status: PlacementStatus = { state, message: job.State.Message || latest?.ComputeState?.Message || undefined };
  if (started) status.startedAt = nanosToIso(started.CreateTime);
  if (state === 'succeeded' || state === 'failed' || state === 'cancelled') status.finishedAt = nanosToIso(job.ModifyTime);
  const exitCode = latest?.RunOutput?.ExitCode;
  if (exitCode !== undefined && latest?.RunOutput) status.exitCode = exitCode;
  if (state === 'failed') status.error = classifyFailure(job.State.Message ?? '', executions.length, status.exitCode).toJSON();
  return status;
}

/**
 * Why a job failed, scoped for the router: nothing matched → no capacity on that offer (try elsewhere);
 * the container exited non-zero → the job's own fault (do not burn other providers); else the SP node.
 */
export function classifyFailure(message: string, executions: number, exitCode: number | undefined): AdapterError {
  const text = message || 'job failed';
  if (executions === 0 || /not enough nodes|no (matching|suitable) nodes|insufficient|capacity/i.test(text)) {
    return new AdapterError('no_capacity', text, { scope: 'offer' });
  }
  if (exitCode !== undefined && exitCode !== 0) return new AdapterError('bad_request', `${text} (exit code ${exitCode})`, { retryable: false, scope: 'offer' });
  return new AdapterError('internal', text, { scope: 'provider', retryable: true });
}
