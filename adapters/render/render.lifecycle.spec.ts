// Jobs against the simulator: the lifecycle a user sees, idempotency across a host restart, cancel, logs.
import { JobSpec, Offer, SimulatorControl } from '../sdk';
import { RenderAdapter } from './render.adapter';
import { RunningRenderSimulator } from './render.simulator';
import { adapterFor, quietContext, signal, signedRequest, startRenderSimulator, waitFor } from './render.spec-helpers';

const jobFor = (offer: Offer, over: Partial<JobSpec> = {}): JobSpec => ({
  name: 'lifecycle',
  image: 'ghcr.io/acme/worker:3',
  env: { MODE: 'test' },
  ports: [8080],
  resources: { gpu: { count: 1, models: [offer.gpu.label] }, cpu: 2, memoryGb: 8, diskGb: 20 },
  durationHours: 1,
  ...over,
});

describe('Render jobs on the simulator', () => {
  let sim: RunningRenderSimulator;
  let control: SimulatorControl;
  let adapter: RenderAdapter;
  let offer: Offer;

  beforeEach(async () => {
    sim = await startRenderSimulator({ seed: 3 });
    control = new SimulatorControl(sim.controlUrl);
    adapter = adapterFor(sim);
    offer = (await adapter.listOffers({ signal: signal() })).offers.find((o) => o.gpu.label === 'NVIDIA RTX 4090')!;
  });
  afterEach(() => sim.close());

  const submit = (key: string, over: Partial<JobSpec> = {}, a: RenderAdapter = adapter) =>
    a.submit({ job: jobFor(offer, over), offer, idempotencyKey: key, signal: signal() });

  it('sends what the job asked for, on the wire', async () => {
    const placement = await submit('wire-1');
    const res = await signedRequest(sim, { method: 'GET', path: `/v1/jobs/${placement.placementId}` })();
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({
      uuid: placement.placementId,
      task: 'BATCH',
      max_timeout_run_ms: 3_600_000,
      gpu_registry_uuid: (offer.raw as { hardware_summary: { gpu_registry_uuid: string } }).hardware_summary.gpu_registry_uuid,
      gpu_count: offer.gpu.count,
      parameters: { type: 'docker', parameters: { image: 'ghcr.io/acme/worker', tag: '3', env: { MODE: 'test' }, ports: [8080] } },
    });
    expect(res.data).not.toHaveProperty('gpu_name');
  });

  it('moves a BATCH job through pending/starting/running to succeeded, with endpoints while it runs', async () => {
    await control.setFaults({ flags: { failRate: 0 } });
    const placement = await submit('life-1');
    const seen = new Set<string>();
    const running = await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => (seen.add(s.state), s.state === 'running'),
    );
    expect(running.endpoints?.some((e) => e.startsWith('tcp://'))).toBe(true);
    const done = await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => (seen.add(s.state), s.state === 'succeeded'),
    );
    expect(done.exitCode).toBe(0);
    expect(done.finishedAt).toBeDefined();
    expect([...seen].every((s) => ['pending', 'starting', 'running', 'succeeded'].includes(s))).toBe(true);
    const logs = await adapter.logs(placement, { signal: signal() });
    expect(logs[0]).toMatch(/assigned to node/);
    expect(logs.at(-1)).toMatch(/exited with code 0/);
  }, 20_000);

  it('keeps a PERSISTENT job (no duration) running', async () => {
    await control.setFaults({ flags: { failRate: 0 } });
    const placement = await submit('persist-1', { durationHours: undefined });
    await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'running',
    );
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await adapter.status(placement, { signal: signal() })).state).toBe('running');
  }, 20_000);

  it('reports a job whose workload fails as failed, with a classified error', async () => {
    await control.setFaults({ flags: { failRate: 1 } });
    const placement = await submit('fail-1');
    const failed = await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'failed',
    );
    expect(failed.error?.code).toMatch(/^(internal|unavailable)$/);
    expect(failed.message).toMatch(/FAILED/);
  }, 20_000);

  it('reports a job no node picks up as failed with no_capacity', async () => {
    await control.setFaults({ flags: { noCapacity: true } });
    const placement = await submit('nocap-1');
    const failed = await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'failed',
    );
    expect(failed.error).toMatchObject({ code: 'no_capacity', scope: 'offer' });
  }, 20_000);

  it('does not create a second job for the same key after a host restart', async () => {
    const first = await submit('restart-1');
    // Other jobs in between push it off the first page of GET /v1/jobs (page size 2 here).
    await submit('other-1');
    await submit('other-2');
    const restarted = adapterFor(sim, { pageSize: 2 });
    const again = await submit('restart-1', {}, restarted);
    expect(again.placementId).toBe(first.placementId);
    expect(await control.submissionsFor('restart-1')).toBe(1);
  });

  it('on a first submit creates the job without looking for its key; a resubmit still looks and finds it', async () => {
    const lists = async () => (await control.stats()).requests['GET /v1/jobs'] ?? 0;
    const before = await lists();
    const first = await adapter.submit({ job: jobFor(offer), offer, idempotencyKey: 'first-1', firstSubmit: true, signal: signal() });
    expect(await lists()).toBe(before);
    const again = await submit('first-1', {}, adapterFor(sim));
    expect(await lists()).toBeGreaterThan(before);
    expect(again.placementId).toBe(first.placementId);
    expect(await control.submissionsFor('first-1')).toBe(1);
  });

  it('creates one job when the same key is submitted twice at once', async () => {
    const [a, b] = await Promise.all([submit('race-1'), submit('race-1')]);
    expect(a.placementId).toBe(b.placementId);
    expect(await control.submissionsFor('race-1')).toBe(1);
  });

  it('cancels a running job: CANCELLING reads as cancelled, then it settles as CANCELLED', async () => {
    await control.setFaults({ flags: { failRate: 0 } });
    const placement = await submit('cancel-1', { durationHours: undefined });
    await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'running',
    );
    await adapter.cancel(placement, { signal: signal() });
    const right = await adapter.status(placement, { signal: signal() });
    expect(right).toMatchObject({ state: 'cancelled' });
    expect(right.message).toMatch(/^CANCELLING/);
    const later = await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => (s.message ?? '').startsWith('CANCELLED'),
    );
    expect(later.state).toBe('cancelled');
    await adapter.cancel(placement, { signal: signal() }); // idempotent
  }, 20_000);

  it('cancels with the documented PUT /v1/jobs/{uuid}/cancel and a reason, so the job really stops at the network', async () => {
    await control.setFaults({ flags: { failRate: 0 } });
    const placement = await submit('cancel-put-1', { durationHours: undefined });
    await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'running',
    );
    await adapter.cancel(placement, { signal: signal() });
    // What the network itself says, read apart from the adapter: the PERSISTENT job is no longer billed.
    const upstream = await signedRequest(sim, { method: 'GET', path: `/v1/jobs/${placement.placementId}` })();
    expect(['CANCELLING', 'CANCELLED']).toContain(upstream.data.status);
    expect((await control.stats()).requests[`PUT /v1/jobs/${placement.placementId}/cancel`]).toBe(1);
    const settled = await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => (s.message ?? '').startsWith('CANCELLED'),
    );
    expect(settled.message).toMatch(/Switchyard/); // the reason the adapter sent
  }, 20_000);

  it('does not count a cancel the network did not carry out (404, 405) as done', async () => {
    await control.setFaults({ flags: { failRate: 0 } });
    const placement = await submit('cancel-refused-1', { durationHours: undefined });
    await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'running',
    );
    for (const errorStatus of [404, 405]) {
      await control.setFaults({ errorRate: 1, errorStatus, paths: '/cancel$', flags: { failRate: 0 } });
      await expect(adapter.cancel(placement, { signal: signal() })).rejects.toMatchObject({ code: expect.any(String) });
    }
    await control.setFaults({ flags: { failRate: 0 } });
    expect((await adapter.status(placement, { signal: signal() })).state).toBe('running');
  }, 20_000);

  it('refuses the undocumented cancel calls as the real API does', async () => {
    const placement = await submit('cancel-wrong-1', { durationHours: undefined });
    const post = await signedRequest(sim, { method: 'POST', path: `/v1/jobs/${placement.placementId}/cancel`, body: { reason: 'x' } })();
    const del = await signedRequest(sim, { method: 'DELETE', path: `/v1/jobs/${placement.placementId}` })();
    expect([post.status, del.status]).toEqual([404, 404]);
    const upstream = await signedRequest(sim, { method: 'GET', path: `/v1/jobs/${placement.placementId}` })();
    expect(['PENDING', 'ASSIGNED', 'RUNNING']).toContain(upstream.data.status);
  });

  it('treats a cancel of a job that already ended as done, because the network confirms the end', async () => {
    await control.setFaults({ flags: { failRate: 1 } });
    const failed = await submit('cancel-failed-1');
    await waitFor(
      () => adapter.status(failed, { signal: signal() }),
      (s) => s.state === 'failed',
    );
    await expect(adapter.cancel(failed, { signal: signal() })).resolves.toBeUndefined(); // upstream 409, then FAILED read back
  }, 20_000);

  it('keeps a job with a status it does not know followable, and warns once', async () => {
    const warnings: string[] = [];
    const context = { ...quietContext(), logger: { debug() {}, info() {}, error() {}, warn: (m: string) => void warnings.push(m) } };
    const watching = adapterFor(sim, {}, context);
    await control.setFaults({ flags: { failRate: 0, reportStatus: 'PREPARING' } });
    const placement = await submit('unknown-status-1', {}, watching);
    const first = await watching.status(placement, { signal: signal() });
    expect(first.state).toBe('starting');
    expect(first.message).toMatch(/PREPARING/);
    expect(first.notice).toMatchObject({ kind: 'upstream-status', data: { status: 'PREPARING' } });
    await watching.status(placement, { signal: signal() });
    expect(warnings.filter((w) => w.includes('PREPARING'))).toHaveLength(1);
    await control.setFaults({ flags: { failRate: 0 } });
    await waitFor(
      () => watching.status(placement, { signal: signal() }),
      (s) => s.state === 'running',
    );
  }, 20_000);

  it('scans for an earlier job newest first (sort=-created_at), so a retried submit finds it on the first page', async () => {
    for (const k of ['older-1', 'older-2', 'older-3']) await submit(k);
    const first = await submit('newest-1');
    const restarted = adapterFor(sim, { pageSize: 2, idempotencyScanPages: 1 });
    const again = await submit('newest-1', {}, restarted);
    expect(again.placementId).toBe(first.placementId);
    expect(await control.submissionsFor('newest-1')).toBe(1);
  });

  it('reports a job the network lost as lost, and one it never had as not_found', async () => {
    const placement = await submit('lose-1');
    await control.setFaults({ flags: { loseJobs: true } });
    const status = await adapter.status(placement, { signal: signal() });
    expect(status.state).toBe('lost');
    expect(status.error?.code).toBe('not_found');
    await expect(adapter.status({ network: 'render', placementId: placement.placementId }, { signal: signal() })).rejects.toMatchObject({ code: 'not_found' });
  });
});
