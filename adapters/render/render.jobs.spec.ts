import { JobSpec, Offer } from '../sdk';
import {
  buildCreateJobBody,
  confirmsEnd,
  jobTitle,
  placementStateFor,
  placementStatus,
  PLACEMENT_STATE_BY_STATUS,
  splitImage,
  titleMatchesKey,
} from './render.jobs';
import { RenderJob, RenderJobRun, renderJobSchema } from './render.wire';

const offer: Offer = {
  network: 'render',
  offerId: 'off_1',
  provider: { id: 'render-compute:us-west-2', region: 'us-west-2' },
  gpu: { label: 'NVIDIA H100 80GB HBM3', vramGb: 80, count: 4, fixedCount: true },
  price: { amount: '7.36', asset: 'USD', unit: 'hour', per: 'offer', kind: 'firm', source: 'test' },
  observedAt: '2026-05-01T00:00:00.000Z',
  raw: {
    offer_id: 'off_1',
    region_code: 'us-west-2',
    hardware_summary: { gpu_count: 4, gpu_models: [{ name: 'NVIDIA H100 80GB HBM3', gpu_registry_uuid: 'reg-h100', min_vram_gib: 80 }] },
    pricing: { hourly_rate_usd: 7.36 },
  },
};
const job: JobSpec = {
  name: 'sdxl batch',
  image: 'ghcr.io/acme/sdxl:1.2',
  env: { STEPS: '30' },
  ports: [8080],
  resources: { gpu: { count: 2 }, cpu: 7.5, memoryGb: 63.2, diskGb: 100 },
  durationHours: 1.5,
};
const renderJob = (status: RenderJob['status']): RenderJob => ({ uuid: 'job-1', status });
const run = (over: Partial<RenderJobRun> = {}): RenderJobRun => ({ uuid: 'run-1', status: 'RUNNING', started_at_ms: 1_746_000_000_000, ...over });

describe('Render job mapping', () => {
  it('maps every Render status to a placement state (CANCELLING counts as cancelled)', () => {
    expect(PLACEMENT_STATE_BY_STATUS).toEqual({
      PENDING: 'pending',
      ASSIGNED: 'starting',
      RUNNING: 'running',
      COMPLETED: 'succeeded',
      FAILED: 'failed',
      CANCELLING: 'cancelled',
      CANCELLED: 'cancelled',
    });
  });

  it('builds a BATCH docker job for a job with a duration, asking for the whole bundle', () => {
    const body = buildCreateJobBody(job, offer, 'attempt-42');
    expect(body).toMatchObject({
      task: 'BATCH',
      max_timeout_run_ms: 5_400_000,
      gpu_registry_uuid: 'reg-h100',
      gpu_count: 4,
      cpu_count: 8,
      min_ram_gb: 64,
      min_vram_gb: 80,
      min_storage_gb: 100,
      parameters: { type: 'docker', parameters: { image: 'ghcr.io/acme/sdxl', tag: '1.2', env: { STEPS: '30' }, ports: [8080] } },
    });
    // The reference: gpu_name and gpu_registry_uuid are mutually exclusive; the registry id targets exactly.
    expect(body).not.toHaveProperty('gpu_name');
    // Optional strings are left out, never sent as null (the reference types them as strings).
    expect(body.parameters.parameters).not.toHaveProperty('sshkey');
    expect(body.description).toContain('idempotency-key=attempt-42');
    expect(titleMatchesKey(body.title, 'attempt-42')).toBe(true);
    expect(titleMatchesKey(body.title, 'attempt-43')).toBe(false);
  });

  it('names the GPU by gpu_name when the offer carries no registry id, and leaves out a tag for a digest', () => {
    const bare = { ...offer, raw: { ...(offer.raw as object), hardware_summary: { gpu_count: 4, gpu_models: [{ name: 'NVIDIA H100 80GB HBM3' }] } } };
    const body = buildCreateJobBody({ ...job, image: 'ghcr.io/acme/sdxl@sha256:abc' }, bare, 'k');
    expect(body.gpu_name).toBe('NVIDIA H100 80GB HBM3');
    expect(body).not.toHaveProperty('gpu_registry_uuid');
    expect(body.parameters.parameters.image).toBe('ghcr.io/acme/sdxl@sha256:abc');
    expect(body.parameters.parameters).not.toHaveProperty('tag');
  });

  it('builds a PERSISTENT job with no run timeout when the job has no duration', () => {
    const body = buildCreateJobBody({ ...job, durationHours: undefined }, offer, 'k');
    expect(body.task).toBe('PERSISTENT');
    expect(body.max_timeout_run_ms).toBeNull();
  });

  it('refuses a job that needs more GPUs than the bundle has', () => {
    expect(() => buildCreateJobBody({ ...job, resources: { gpu: { count: 8 } } }, offer, 'k')).toThrow(/8 GPUs/);
  });

  it('splits image references into image and tag', () => {
    expect(splitImage('ghcr.io/acme/sdxl:1.2')).toEqual({ image: 'ghcr.io/acme/sdxl', tag: '1.2' });
    expect(splitImage('localhost:5000/sdxl')).toEqual({ image: 'localhost:5000/sdxl', tag: 'latest' });
    expect(splitImage('localhost:5000/sdxl:2')).toEqual({ image: 'localhost:5000/sdxl', tag: '2' });
    expect(splitImage('ubuntu')).toEqual({ image: 'ubuntu', tag: 'latest' });
    expect(splitImage('ubuntu@sha256:abc')).toEqual({ image: 'ubuntu@sha256:abc', tag: null });
  });

  it('keeps titles within bounds and free of odd characters', () => {
    expect(jobTitle('k', 'a b/c'.repeat(40))).toMatch(/^sy-[0-9a-f]{24}-[\w.-]{1,64}$/);
  });

  it('reports endpoints and start time for a running job', () => {
    const status = placementStatus(renderJob('RUNNING'), run({ node_urls: [{ hostname: '1.2.3.4', port: 31022, protocol: 'tcp' }] }));
    expect(status).toMatchObject({ state: 'running', endpoints: ['tcp://1.2.3.4:31022'], startedAt: new Date(1_746_000_000_000).toISOString() });
  });

  it('classifies failures: workload exit, lost node, never assigned', () => {
    const exit = placementStatus(renderJob('FAILED'), run({ status: 'FAILED', exit_code: 1, status_message: 'container exited with code 1' }));
    expect(exit).toMatchObject({ state: 'failed', exitCode: 1, error: { code: 'internal', retryable: false, scope: 'offer' } });
    const node = placementStatus(renderJob('FAILED'), run({ status: 'FAILED', status_message: 'node went offline' }));
    expect(node.error).toMatchObject({ code: 'unavailable', retryable: true, scope: 'provider' });
    expect(node.message).toContain('node went offline');
    const never = placementStatus(renderJob('FAILED'), undefined);
    expect(never.error).toMatchObject({ code: 'no_capacity', scope: 'offer' });
  });

  it('reads a status word outside the documented lifecycle as the nearest state that keeps the job followed', () => {
    expect(renderJobSchema.safeParse({ uuid: 'job-1', status: 'PREPARING' }).success).toBe(true);
    expect(placementStateFor('PREPARING', run())).toEqual({ state: 'starting', known: false });
    expect(placementStateFor('FAILING', run())).toEqual({ state: 'running', known: false });
    expect(placementStateFor('MIGRATING', run())).toEqual({ state: 'running', known: false });
    expect(placementStateFor('QUEUED_SOMEWHERE', undefined)).toEqual({ state: 'pending', known: false });
    const status = placementStatus({ uuid: 'job-1', status: 'FAILING' }, run({ status: 'FAILING' }));
    expect(status).toMatchObject({ state: 'running', notice: { kind: 'upstream-status', data: { status: 'FAILING' } } });
    expect(status.message).toMatch(/^FAILING \(not a documented Render status; read as running\)/);
    expect(placementStatus(renderJob('RUNNING'), run()).notice).toBeUndefined();
  });

  it('counts only a stopping or ended job as a confirmed cancel', () => {
    expect(['CANCELLING', 'CANCELLED', 'COMPLETED', 'FAILED'].every(confirmsEnd)).toBe(true);
    expect(['PENDING', 'ASSIGNED', 'RUNNING', 'PREPARING', 'FAILING'].some(confirmsEnd)).toBe(false);
  });

  it('reads a job answer wrapped in data, as the vendor client allows for create', () => {
    // compute_examples workload_runner.py: response.get("uuid") or response.get("data", {}).get("uuid")
    const wrapped = renderJobSchema.safeParse({ data: { uuid: 'job-9', status: 'PENDING', title: 't' } });
    expect(wrapped.success && wrapped.data).toMatchObject({ uuid: 'job-9', status: 'PENDING' });
    expect(renderJobSchema.safeParse({ data: { title: 'no id' } }).success).toBe(false);
  });
});
