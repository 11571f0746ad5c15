// JobSpec → Render job, and Render job/run statuses → placement states.
import { createHash } from 'node:crypto';
import { AdapterError, JobSpec, Offer, PlacementState, PlacementStatus } from '../sdk';
import { isKnownRenderStatus, RenderCreateJobBody, RenderJob, RenderJobRun, RenderJobStatus, renderOfferSchema } from './render.wire';

/**
 * CANCELLING counts as cancelled: the cancel was accepted and the network is stopping the container, so
 * the host should stop waiting on it (billing is for actual execution time). The raw status goes in the
 * message so a user sees it.
 */
export const PLACEMENT_STATE_BY_STATUS: Record<RenderJobStatus, PlacementState> = {
  PENDING: 'pending',
  ASSIGNED: 'starting',
  RUNNING: 'running',
  COMPLETED: 'succeeded',
  FAILED: 'failed',
  CANCELLING: 'cancelled',
  CANCELLED: 'cancelled',
};

/**
 * Status words outside the documented lifecycle that third-party clients name, and what they are nearest to.
 * Neither is an end: a job keeps being followed until the network reports one of the documented ends.
 */
const UNDOCUMENTED_STATUS: Record<string, PlacementState> = {
  PREPARING: 'starting', // a node is preparing the container, like ASSIGNED
  FAILING: 'running', //    still on its node (and billed) until FAILED
};

/**
 * The placement state for a status word. An unknown word never ends the job or fails the read: it is read as
 * the nearest state that keeps the job followed (`running` once a run exists, since the node may be billing,
 * else `pending`), and `known` is false so the caller can tell the user.
 */
export function placementStateFor(status: string, run: RenderJobRun | undefined): { state: PlacementState; known: boolean } {
  if (isKnownRenderStatus(status)) return { state: PLACEMENT_STATE_BY_STATUS[status], known: true };
  return { state: UNDOCUMENTED_STATUS[status] ?? (run ? 'running' : 'pending'), known: false };
}

/** The statuses that confirm a cancel: the job is stopping or has ended. */
const ENDED_OR_ENDING: ReadonlySet<string> = new Set<RenderJobStatus>(['CANCELLING', 'CANCELLED', 'COMPLETED', 'FAILED']);
export const confirmsEnd = (status: string): boolean => ENDED_OR_ENDING.has(status);

const TITLE_PREFIX = 'sy-';

/** A short token derived from the idempotency key; it leads the job title so a restarted host can find the job. */
export function idempotencyToken(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 24);
}

export function jobTitle(key: string, name?: string): string {
  const suffix = (name ?? 'switchyard').replace(/[^\w.-]+/g, '-').slice(0, 64);
  return `${TITLE_PREFIX}${idempotencyToken(key)}-${suffix}`;
}

export function titleMatchesKey(title: string | undefined, key: string): boolean {
  return title !== undefined && title.startsWith(`${TITLE_PREFIX}${idempotencyToken(key)}-`);
}

/** `ghcr.io/acme/sdxl:1.2` → image `ghcr.io/acme/sdxl`, tag `1.2`. A registry port is not a tag; a digest stays in the image. */
export function splitImage(ref: string): { image: string; tag: string | null } {
  if (ref.includes('@')) return { image: ref, tag: null };
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { image: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { image: ref, tag: 'latest' };
}

const wholeGb = (value: number | undefined, fallback: number) => Math.max(0, Math.ceil(value ?? fallback));

export function buildCreateJobBody(job: JobSpec, offer: Offer, idempotencyKey: string): RenderCreateJobBody {
  if (job.resources.gpu.count > offer.gpu.count) {
    throw new AdapterError('bad_request', `render: the job needs ${job.resources.gpu.count} GPUs but offer ${offer.offerId} is a bundle of ${offer.gpu.count}`);
  }
  const raw = renderOfferSchema.safeParse(offer.raw);
  const registryUuid = raw.success ? (raw.data.hardware_summary.gpu_models[0].gpu_registry_uuid ?? raw.data.hardware_summary.gpu_registry_uuid) : undefined;
  const { image, tag } = splitImage(job.image);
  const batch = job.durationHours !== undefined;
  return {
    title: jobTitle(idempotencyKey, job.name),
    description: `Switchyard placement; idempotency-key=${idempotencyKey}`,
    task: batch ? 'BATCH' : 'PERSISTENT',
    max_timeout_run_ms: batch ? Math.max(1, Math.round(job.durationHours! * 3_600_000)) : null,
    max_timeout_assign_ms: 300_000,
    max_timeout_start_ms: 300_000,
    max_node_count: 1,
    max_retry_count: 0,
    cpu_count: Math.max(1, Math.ceil(job.resources.cpu ?? 1)),
    // Offers are fixed bundles: ask for the whole bundle the price was quoted for.
    gpu_count: offer.gpu.count,
    // Mutually exclusive upstream: the registry id when the offer has one (exact), else the model's name.
    ...(registryUuid ? { gpu_registry_uuid: registryUuid } : { gpu_name: offer.gpu.label }),
    min_ram_gb: wholeGb(job.resources.memoryGb, 1),
    min_vram_gb: job.resources.gpu.minVramGb !== undefined ? Math.ceil(job.resources.gpu.minVramGb) : Math.floor(offer.gpu.vramGb ?? 0),
    min_storage_gb: wholeGb(job.resources.diskGb, 10),
    parameters: {
      type: 'docker',
      parameters: { image, ...(tag !== null ? { tag } : {}), env: { ...(job.env ?? {}) }, ports: [...(job.ports ?? [])], allowed_ips: [], volumes: [] },
    },
  };
}

/** The latest run by start time (runs without a start time sort first). */
export function latestRun(runs: RenderJobRun[]): RenderJobRun | undefined {
  return [...runs].sort((a, b) => (a.started_at_ms ?? 0) - (b.started_at_ms ?? 0)).at(-1);
}

export function placementStatus(job: RenderJob, run: RenderJobRun | undefined): PlacementStatus {
  const { state, known } = placementStateFor(job.status, run);
  const word = known ? job.status : `${job.status} (not a documented Render status; read as ${state})`;
  const status: PlacementStatus = { state, message: run?.status_message ? `${word}: ${run.status_message}` : word };
  if (!known) {
    status.notice = {
      kind: 'upstream-status',
      message: `render reported status ${job.status}, which is not in its documented lifecycle; followed as ${state}`,
      data: { status: job.status },
    };
  }
  if (run?.started_at_ms) status.startedAt = new Date(run.started_at_ms).toISOString();
  if (run?.finished_at_ms) status.finishedAt = new Date(run.finished_at_ms).toISOString();
  if (typeof run?.exit_code === 'number') status.exitCode = run.exit_code;
  const endpoints = (run?.node_urls ?? []).map((u) => `${u.protocol ?? 'tcp'}://${u.hostname}:${u.port}`);
  if (endpoints.length > 0 && (state === 'starting' || state === 'running')) status.endpoints = endpoints;
  if (state === 'failed') status.error = failureError(job, run).toJSON();
  return status;
}

function failureError(job: RenderJob, run: RenderJobRun | undefined): AdapterError {
  // FAILED before any run: no node was ever assigned (max_timeout_assign_ms passed), so this offer had no capacity.
  if (!run) return new AdapterError('no_capacity', `render job ${job.uuid} failed before a node was assigned`, { scope: 'offer' });
  const reason = run.status_message ?? 'the network reported FAILED without a reason';
  // A workload that exited non-zero would fail the same way elsewhere; anything else is the node's fault.
  if (typeof run.exit_code === 'number' && run.exit_code !== 0) {
    return new AdapterError('internal', `render job ${job.uuid} failed: ${reason}`, { retryable: false, scope: 'offer', details: { exitCode: run.exit_code } });
  }
  return new AdapterError('unavailable', `render job ${job.uuid} failed: ${reason}`, { retryable: true, scope: 'provider' });
}
