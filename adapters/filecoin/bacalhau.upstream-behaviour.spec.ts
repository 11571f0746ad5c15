// The adapter against what the real Bacalhau orchestrator does (read in its Go source, see README "Verified
// against"), which the simulator now does too: integer execution states, job names as upsert keys, logs over a
// WebSocket only, the stop reason in the DELETE's body, and a 500 for stopping a completed job.
import axios from 'axios';
import { JobSpec, Offer, SimulatorControl } from '../sdk';
import { FilecoinAdapter } from './filecoin.adapter';
import { filecoinConfigSchema } from './filecoin.config';
import { FilecoinSimulators, startFilecoinSimulators } from './filecoin.simulator';

const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: true };
const signal = () => AbortSignal.timeout(10_000);
let sims: FilecoinSimulators;
let adapter: FilecoinAdapter;
let offer: Offer;

const jobSpec = (overrides: Partial<JobSpec> = {}): JobSpec => ({
  name: 'sdxl-batch',
  image: 'ghcr.io/acme/sdxl:1.2',
  resources: { gpu: { count: 1 } },
  ...overrides,
});
const upstreamJob = async (id: string) => (await axios.get(`${sims.config.bacalhauUrl}/api/v1/orchestrator/jobs/${id}?include=executions`)).data;
const requests = async (key: string) => (await new SimulatorControl(sims.controlUrl).stats()).requests[key] ?? 0;

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 8_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeEach(async () => {
  sims = await startFilecoinSimulators({ seed: 3 });
  sims.bacalhau.server.setFaults({ flags: { runMs: 400 } });
  adapter = new FilecoinAdapter(filecoinConfigSchema.parse({ ...sims.config, timeoutMs: 1_000, maxAttempts: 2 }), context);
  const { offers } = await adapter.listOffers({ signal: signal() });
  offer = offers.find((o) => o.signals?.verified && o.provider.attributes?.nodeLabel && o.gpu.count >= 2)!;
});
afterEach(() => sims.close());

describe('Bacalhau as upstream runs it', () => {
  it('on a first submit puts the job without looking for its key; a resubmit looks and finds it', async () => {
    const lookups = () => requests('GET /api/v1/orchestrator/jobs');
    const before = await lookups();
    const first = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'first-put', firstSubmit: true, signal: signal() });
    expect(await lookups()).toBe(before);
    const again = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'first-put', signal: signal() });
    expect(await lookups()).toBeGreaterThan(before);
    expect(again.placementId).toBe(first.placementId);
  });

  it('follows a job through integer execution states to running and succeeded', async () => {
    const placement = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'int-states', signal: signal() });
    const running = await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'running',
    );
    expect(running.state).toBe('running');
    expect(running.startedAt).toBeDefined();
    expect((await upstreamJob(placement.placementId)).Executions.Items[0].ComputeState.StateType).toBe(6); // ExecutionStateRunning
    const done = await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'succeeded',
    );
    expect(done).toMatchObject({ state: 'succeeded', exitCode: 0 });
    expect((await upstreamJob(placement.placementId)).Executions.Items[0].ComputeState.StateType).toBe(9); // ExecutionStateCompleted
  });

  it('keeps two attempts of jobs with the same name apart, the name travelling as a label', async () => {
    const a = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'same-name-a', signal: signal() });
    const b = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'same-name-b', signal: signal() });
    expect(b.placementId).not.toBe(a.placementId);
    const jobA = (await upstreamJob(a.placementId)).Job;
    expect(jobA.Labels).toMatchObject({ 'switchyard-idempotency-key': 'same-name-a', 'switchyard-job-name': 'sdxl-batch' });
    expect(jobA.Version).toBe(1); // never updated by the second submit
    expect(jobA.Name).not.toBe((await upstreamJob(b.placementId)).Job.Name);
    expect(await new SimulatorControl(sims.controlUrl).submissionsFor('same-name-a')).toBe(1);
  });

  it('the simulator treats a known name as an update and refuses an identical spec, as the orchestrator does', async () => {
    const put = (Job: unknown) => axios.put(`${sims.config.bacalhauUrl}/api/v1/orchestrator/jobs`, { Job }, { validateStatus: () => true });
    const spec = { Name: 'nightly', Type: 'batch', Count: 1, Tasks: [{ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'busybox' } } }] };
    const first = await put(spec);
    const same = await put(spec);
    expect(same.status).toBe(500);
    expect(same.data).toMatchObject({ Status: 500, Code: '', Message: expect.stringMatching(/^no changes detected for new job spec/) });
    const changed = await put({ ...spec, Labels: { v: '2' } });
    expect(changed.data.JobID).toBe(first.data.JobID);
    expect((await upstreamJob(first.data.JobID)).Job).toMatchObject({ Version: 2, Labels: { v: '2' }, State: { StateType: 'Pending' } });
  });

  it('reads logs over the WebSocket, and a plain GET is refused as upstream refuses it', async () => {
    const placement = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'ws-logs', signal: signal() });
    expect(await adapter.logs(placement, { signal: signal() })).toEqual([]); // no execution yet: not an error
    await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'succeeded',
    );
    const lines = await adapter.logs(placement, { signal: signal() });
    expect(lines[0]).toBe('pulling image ghcr.io/acme/sdxl:1.2');
    expect(lines).toContain('done');
    const plain = await axios.get(`${sims.config.bacalhauUrl}/api/v1/orchestrator/jobs/${placement.placementId}/logs`, { validateStatus: () => true });
    expect(plain.status).toBe(400);
  });

  it('turns an error frame on the log stream into an error naming it', async () => {
    const placement = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'ws-error', signal: signal() });
    sims.bacalhau.server.setFaults({ flags: { loseJobs: true } });
    await expect(adapter.logs(placement, { signal: signal() })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/job not found/) });
  });

  it('sends the cancel reason in the JSON body, where the orchestrator reads it', async () => {
    const placement = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'cancel-reason', signal: signal() });
    await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'running',
    );
    await adapter.cancel(placement, { signal: signal() });
    expect((await upstreamJob(placement.placementId)).Job.State).toEqual({ StateType: 'Stopped', Message: 'cancelled by switchyard' });
    expect(await adapter.status(placement, { signal: signal() })).toMatchObject({ state: 'cancelled' });
  });

  it('cancels a job that already completed without an error and without asking to stop it', async () => {
    const placement = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'cancel-done', signal: signal() });
    await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'succeeded',
    );
    await expect(adapter.cancel(placement, { signal: signal() })).resolves.toBeUndefined();
    expect(await requests(`DELETE /api/v1/orchestrator/jobs/${placement.placementId}`)).toBe(0);
    expect((await upstreamJob(placement.placementId)).Job.State.StateType).toBe('Completed');
  });

  it('leaves a failed job failed when cancelled (the orchestrator would rewrite it to Stopped)', async () => {
    sims.bacalhau.server.setFaults({ flags: { runMs: 200, failJobs: true } });
    const placement = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'cancel-failed', signal: signal() });
    await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'failed',
    );
    await adapter.cancel(placement, { signal: signal() });
    expect((await upstreamJob(placement.placementId)).Job.State.StateType).toBe('Failed');
  });

  it('recognises the 500 for a job that completed between its look and its stop', async () => {
    const placement = await adapter.submit({ job: jobSpec(), offer, idempotencyKey: 'cancel-race', signal: signal() });
    await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'succeeded',
    );
    // The look still says Running (a stale answer); the stop meets the completed job.
    sims.bacalhau.server.setFaults({ flags: { runMs: 400, staleJobState: 'Running' } });
    await expect(adapter.cancel(placement, { signal: signal() })).resolves.toBeUndefined();
    expect(await requests(`DELETE /api/v1/orchestrator/jobs/${placement.placementId}`)).toBe(1); // not retried as "unavailable"
  });

  it('lists every node from one answer that carries no NextToken', async () => {
    const before = await requests('GET /api/v1/orchestrator/nodes');
    const { offers } = await adapter.listOffers({ signal: signal() });
    expect(offers.length).toBeGreaterThan(20);
    expect((await requests('GET /api/v1/orchestrator/nodes')) - before).toBe(1);
  });
});
