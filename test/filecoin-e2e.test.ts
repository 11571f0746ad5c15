// A job routed to Filecoin end to end, against a Bacalhau simulator that behaves as the orchestrator does:
// execution states as integers, logs over a WebSocket only, and an HTTP 500 for stopping a completed job.
import axios from 'axios';
import { DataSource } from 'typeorm';
import { api, simulatorOf, startWorld, waitFor, waitForJob } from './support/market-world';
import type { TestApp } from './support/test-app';

describe('a job on Filecoin (Bacalhau) end to end', () => {
  let app: TestApp;
  let bacalhauUrl: string;
  beforeAll(async () => {
    app = await startWorld('filecoin', { SIM_JOB_FAILURE_RATE: '0' });
    bacalhauUrl = simulatorOf(app, 'filecoin').controlUrl;
  }, 60_000);
  afterAll(async () => app?.close());

  // The simulated container runs 4 s, well inside the 36 s booked, so the job ends on its own (not at its deadline).
  const spec = { name: 'render-frames', image: 'ghcr.io/acme/batch:3', resources: { gpu: { count: 1 } }, durationHours: 0.01 };
  const placementOf = async (id: string): Promise<string> => (await api.get(`${app.url}/v1/jobs/${id}`)).data.attempts[0].placement.placementId;
  const executions = async (placementId: string) => (await axios.get(`${bacalhauUrl}/api/v1/orchestrator/jobs/${placementId}/executions`)).data.Items;

  it('follows a job to running and succeeded through integer execution states, and reads its logs over the WebSocket', async () => {
    const created = await api.post(`${app.url}/v1/jobs`, spec);
    expect(created.status).toBe(202);
    const running = await waitForJob(app, created.data.id, ['running', 'succeeded', 'failed']);
    expect(running.state).toBe('running');
    expect(running.attempts[0].network).toBe('filecoin');
    const placementId = await placementOf(created.data.id);
    expect((await executions(placementId))[0].ComputeState.StateType).toBe(6); // ExecutionStateRunning, on the wire

    const done = await waitForJob(app, created.data.id, ['succeeded', 'failed']);
    expect(done.state).toBe('succeeded');
    expect((await executions(placementId))[0].ComputeState.StateType).toBe(9); // ExecutionStateCompleted

    const logs = await api.get(`${app.url}/v1/jobs/${created.data.id}/logs`);
    expect(logs.status).toBe(200);
    expect(logs.data).toMatchObject({ network: 'filecoin', lines: expect.arrayContaining(['pulling image ghcr.io/acme/batch:3', 'done']) });
    // The user's name travels as a label; the Bacalhau Name is the attempt's own (a name is an upsert key there).
    const upstream = (await axios.get(`${bacalhauUrl}/api/v1/orchestrator/jobs/${placementId}`)).data.Job;
    expect(upstream.Labels['switchyard-job-name']).toBe('render-frames');
    expect(upstream.Name).not.toBe('render-frames');
  }, 60_000);

  it('cancels a job whose container already finished without an error', async () => {
    const created = await api.post(`${app.url}/v1/jobs`, spec);
    await waitForJob(app, created.data.id, ['running']);
    const placementId = await placementOf(created.data.id);
    const bacalhau = simulatorOf(app, 'filecoin');
    // Switchyard's status reads of this job go unanswered, so it still thinks the job runs while Bacalhau finishes it.
    await bacalhau.setFaults({ errorRate: 1, errorStatus: 503, paths: `/jobs/${placementId}$` });
    await waitFor(async () => (await executions(placementId))[0].ComputeState.StateType === 9, 20_000, 'the container to complete');

    // The cancel is asked for while status reads still fail, and the reads come back only once the cancel path has
    // claimed the job (a cancel claim moves next_run_at 10 s ahead; a status claim, 1 s): from then on no status
    // read that began before the cancel can see the job complete first.
    expect((await api.post(`${app.url}/v1/jobs/${created.data.id}/cancel`)).status).toBe(202);
    const db = app.app.get(DataSource);
    await waitFor(
      async () => {
        const [row] = await db.query(`SELECT next_run_at > now() + interval '3 seconds' AS claimed FROM jobs WHERE id = $1`, [created.data.id]);
        return row.claimed === true;
      },
      20_000,
      'the cancel to be claimed',
    );
    await bacalhau.clearFaults();
    const ended = await waitForJob(app, created.data.id, ['cancelled', 'succeeded', 'failed']);
    expect(ended.state).toBe('cancelled');
    expect(ended.attempts[0].state).toBe('cancelled');
    // The adapter looked before stopping: no DELETE met the completed job (upstream would answer it 500).
    expect((await bacalhau.stats()).requests[`DELETE /api/v1/orchestrator/jobs/${placementId}`]).toBeUndefined();
    expect((await axios.get(`${bacalhauUrl}/api/v1/orchestrator/jobs/${placementId}`)).data.Job.State.StateType).toBe('Completed');
  }, 60_000);

  it('tells operators in /v1/networks which node labels Switchyard needs and what happens without them', async () => {
    const networks = await api.get(`${app.url}/v1/networks`);
    const filecoin = networks.data.items.find((n: { id: string }) => n.id === 'filecoin');
    expect(filecoin.supplyRequirements).toMatch(/filecoin\.miner=.*listed unverified.*quarantined/);
    expect(filecoin.supplyRequirements).toMatch(/FILECOIN_FALLBACK_PRICES and marked estimate/);
  });
});
