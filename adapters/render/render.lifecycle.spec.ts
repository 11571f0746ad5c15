// Jobs against the simulator: the lifecycle a user sees, idempotency across a host restart, cancel, logs.
import { JobSpec, Offer, SimulatorControl } from '../sdk';
import { RenderAdapter } from './render.adapter';
import { RunningRenderSimulator } from './render.simulator';
import { adapterFor, signal, signedRequest, startRenderSimulator, waitFor } from './render.spec-helpers';

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
      gpu_name: 'NVIDIA RTX 4090',
      gpu_count: offer.gpu.count,
      parameters: { type: 'docker', parameters: { image: 'ghcr.io/acme/worker', tag: '3', env: { MODE: 'test' }, ports: [8080] } },
    });
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
    await waitFor(() => adapter.status(placement, { signal: signal() }), (s) => s.state === 'running');
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await adapter.status(placement, { signal: signal() })).state).toBe('running');
  }, 20_000);

  it('reports a job whose workload fails as failed, with a classified error', async () => {
    await control.setFaults({ flags: { failRate: 1 } });
    const placement = await submit('fail-1');
    const failed = await waitFor(() => adapter.status(placement, { signal: signal() }), (s) => s.state === 'failed');
    expect(failed.error?.code).toMatch(/^(internal|unavailable)$/);
    expect(failed.message).toMatch(/FAILED/);
  }, 20_000);

  it('reports a job no node picks up as failed with no_capacity', async () => {
    await control.setFaults({ flags: { noCapacity: true } });
    const placement = await submit('nocap-1');
    const failed = await waitFor(() => adapter.status(placement, { signal: signal() }), (s) => s.state === 'failed');
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

  it('creates one job when the same key is submitted twice at once', async () => {
    const [a, b] = await Promise.all([submit('race-1'), submit('race-1')]);
    expect(a.placementId).toBe(b.placementId);
    expect(await control.submissionsFor('race-1')).toBe(1);
  });

  it('cancels a running job: CANCELLING reads as cancelled, then it settles as CANCELLED', async () => {
    await control.setFaults({ flags: { failRate: 0 } });
    const placement = await submit('cancel-1', { durationHours: undefined });
    await waitFor(() => adapter.status(placement, { signal: signal() }), (s) => s.state === 'running');
    await adapter.cancel(placement, { signal: signal() });
    const right = await adapter.status(placement, { signal: signal() });
    expect(right).toMatchObject({ state: 'cancelled' });
    expect(right.message).toMatch(/^CANCELLING/);
    const later = await waitFor(() => adapter.status(placement, { signal: signal() }), (s) => (s.message ?? '').startsWith('CANCELLED'));
    expect(later.state).toBe('cancelled');
    await adapter.cancel(placement, { signal: signal() }); // idempotent
  }, 20_000);

  it('cancels with DELETE when configured so, and treats a finished job as already done', async () => {
    const deleting = adapterFor(sim, { cancelMode: 'delete' });
    const placement = await submit('cancel-del-1', {}, deleting);
    await deleting.cancel(placement, { signal: signal() });
    expect((await deleting.status(placement, { signal: signal() })).state).toBe('cancelled');
    expect((await control.stats()).requests[`DELETE /v1/jobs/${placement.placementId}`]).toBe(1);

    await control.setFaults({ flags: { failRate: 1 } });
    const failed = await submit('cancel-failed-1');
    await waitFor(() => adapter.status(failed, { signal: signal() }), (s) => s.state === 'failed');
    await expect(adapter.cancel(failed, { signal: signal() })).resolves.toBeUndefined(); // upstream 409
  }, 20_000);

  it('reports a job the network lost as lost, and one it never had as not_found', async () => {
    const placement = await submit('lose-1');
    await control.setFaults({ flags: { loseJobs: true } });
    const status = await adapter.status(placement, { signal: signal() });
    expect(status.state).toBe('lost');
    expect(status.error?.code).toBe('not_found');
    await expect(adapter.status({ network: 'render', placementId: placement.placementId }, { signal: signal() })).rejects.toMatchObject({ code: 'not_found' });
  });
});
