// The adapter end to end over real HTTP against both simulators: verification signals and caching,
// the Bacalhau job it submits, idempotency through the job label, and the job's life.
import axios from 'axios';
import { JobSpec, Offer, SimulatorControl, isAdapterError } from '../sdk';
import { FilecoinAdapter } from './filecoin.adapter';
import { filecoinConfigSchema } from './filecoin.config';
import { FilecoinSimulators, startFilecoinSimulators } from './filecoin.simulator';
import { plugin } from './index';

const logger = { debug() {}, info() {}, warn() {}, error() {} };
let clock: number;
const context = { logger, now: () => new Date(clock), simulated: true };
const signal = () => AbortSignal.timeout(10_000);
let sims: FilecoinSimulators;

function adapterFor(overrides: Record<string, unknown> = {}) {
  return new FilecoinAdapter(filecoinConfigSchema.parse({ ...sims.config, timeoutMs: 1_000, maxAttempts: 1, ...overrides }), context);
}

const lotusPosts = async () => (await new SimulatorControl(sims.lotus.controlUrl).stats()).requests['POST /rpc/v1'] ?? 0;
const bacalhauJob = async (id: string) => (await axios.get(`${sims.config.bacalhauUrl}/api/v1/orchestrator/jobs/${id}`)).data.Job;

const CID = 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi';
const job = (offer: Offer, overrides: Partial<JobSpec> = {}): JobSpec => ({
  name: 'sdxl-batch',
  image: 'ghcr.io/acme/sdxl:1.2',
  command: ['python', 'run.py'],
  args: ['--steps', '30'],
  env: { STEPS: '30', MODEL: 'sdxl' },
  resources: { gpu: { count: 1, models: [offer.gpu.label] }, cpu: 4, memoryGb: 16, diskGb: 50 },
  durationHours: 1.5,
  inputs: [{ cid: CID, path: '/inputs' }],
  ...overrides,
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 8_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeEach(async () => {
  clock = Date.parse('2026-03-01T00:00:00Z');
  sims = await startFilecoinSimulators({ seed: 3 });
});
afterEach(() => sims.close());

describe('listing and verification', () => {
  it("lists every node from the orchestrator's one answer (it does not page nodes)", async () => {
    const { offers } = await adapterFor().listOffers({ signal: signal() });
    const stats = await new SimulatorControl(sims.controlUrl).stats();
    expect(sims.bacalhau.nodes.length).toBeGreaterThan(40);
    expect(stats.requests['GET /api/v1/orchestrator/nodes']).toBe(1);
    // Every approved, connected GPU node of the seeded world with a free GPU and a price shows up.
    const listedNodes = new Set(offers.map((o) => o.provider.attributes?.nodeId));
    const expected = sims.bacalhau.nodes.filter(
      (n) =>
        n.nodeType === 'Compute' && n.membership === 'APPROVED' && n.connected && n.gpus.length > 0 && n.gpus.reduce((s, g) => s + g.count, 0) > n.busyGpus,
    );
    expect(listedNodes.size).toBeGreaterThan(20);
    expect(listedNodes.size).toBe(expected.length - 2); // two seeded nodes have no usable price
  });

  it('marks SPs verified on chain, and unknown or powerless miners unverified with a note', async () => {
    const { offers, quarantined } = await adapterFor().listOffers({ signal: signal() });
    const world = sims.lotus.state.world;
    const byMiner = (id: string) => offers.filter((o) => o.provider.attributes?.minerId === id);
    const powered = world.miners.find((m) => m.qualityAdjPower !== '0' && byMiner(m.id).length > 0)!;
    expect(byMiner(powered.id)[0].signals).toMatchObject({ online: true, verified: true });
    expect(byMiner(powered.id)[0].provider.attributes?.peerId).toBe(powered.peerId);
    for (const id of world.unknownMinerIds) {
      expect(byMiner(id)[0].signals).toMatchObject({ verified: false, verificationNote: expect.stringMatching(/not on chain/) });
    }
    const powerless = world.miners.filter((m) => m.qualityAdjPower === '0').flatMap((m) => byMiner(m.id));
    expect(powerless.length).toBeGreaterThan(0);
    for (const offer of powerless) expect(offer.signals?.verificationNote).toMatch(/no power/);
    expect(quarantined.map((q) => q.reason)).toEqual([expect.stringMatching(/AMD Instinct MI250X.*no price/), expect.stringMatching(/"cheap"/)]);
  });

  it('does not call Lotus again on a second listing within the verification TTL', async () => {
    const adapter = adapterFor({ verificationTtlMs: 60_000 });
    await adapter.listOffers({ signal: signal() });
    const first = await lotusPosts();
    expect(first).toBe(1); // every miner in one batch
    clock += 30_000;
    await adapter.listOffers({ signal: signal() });
    expect(await lotusPosts()).toBe(first);
    clock += 31_000;
    await adapter.listOffers({ signal: signal() });
    expect(await lotusPosts()).toBe(first + 1);
  });

  it('still lists offers when Lotus is down, unverified and saying why', async () => {
    await new SimulatorControl(sims.lotus.controlUrl).setFaults({ errorRate: 1, errorStatus: 502 });
    const { offers } = await adapterFor().listOffers({ signal: signal() });
    expect(offers.length).toBeGreaterThan(0);
    const withMiner = offers.filter((o) => o.provider.attributes?.minerId);
    expect(withMiner.every((o) => o.signals?.verified === false && /Lotus unavailable/.test(o.signals.verificationNote ?? ''))).toBe(true);
  });

  it('probes Bacalhau for health and reports the chain head in the detail', async () => {
    const probe = await adapterFor().probe({ signal: signal() });
    expect(probe.ok).toBe(true);
    expect(probe.detail).toMatch(/lotus head at epoch \d+/);
  });
});

describe('submitting a job', () => {
  const pick = async (adapter: FilecoinAdapter) => {
    const { offers } = await adapter.listOffers({ signal: signal() });
    return offers.find((o) => o.signals?.verified && o.provider.attributes?.nodeLabel)!;
  };

  it('submits a docker job pinned to the node, with IPFS inputs, env, resources and timeouts', async () => {
    const adapter = adapterFor();
    const offer = await pick(adapter);
    const placement = await adapter.submit({ job: job(offer), offer, idempotencyKey: 'attempt-ipfs-1', signal: signal() });
    const submitted = await bacalhauJob(placement.placementId);
    const task = submitted.Tasks[0];
    expect(task.InputSources).toEqual([{ Source: { Type: 'ipfs', Params: { CID } }, Target: '/inputs' }]);
    expect(task.Engine).toEqual({
      Type: 'docker',
      Params: {
        Image: 'ghcr.io/acme/sdxl:1.2',
        Entrypoint: ['python', 'run.py'],
        Parameters: ['--steps', '30'],
        EnvironmentVariables: ['MODEL=sdxl', 'STEPS=30'],
      },
    });
    expect(task.Resources).toEqual({ CPU: '4', Memory: '16Gb', Disk: '50Gb', GPU: '1' });
    expect(task.Timeouts).toEqual({ ExecutionTimeout: 5400, QueueTimeout: 600 });
    expect(submitted.Constraints).toEqual([
      { Key: 'filecoin.miner', Operator: '=', Values: [offer.provider.attributes!.minerId] },
      { Key: 'filecoin.node', Operator: '=', Values: [offer.provider.attributes!.nodeLabel] },
    ]);
    expect(submitted.Labels['switchyard-idempotency-key']).toBe('attempt-ipfs-1');
    // It runs on exactly that node, and the logs show the CID mounted.
    await sims.bacalhau.server.setFaults({});
    const running = await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'running',
    );
    expect(running.state).toBe('running');
    const execution = (await axios.get(`${sims.config.bacalhauUrl}/api/v1/orchestrator/jobs/${placement.placementId}/executions`)).data.Items[0];
    expect(execution.NodeID).toBe(offer.provider.attributes!.nodeId);
    expect(await adapter.logs(placement, { signal: signal() })).toContain(`mounted ipfs://${CID} at /inputs`);
  });

  it('never creates a second job for a retried key, even from a fresh adapter instance', async () => {
    const offer = await pick(adapterFor());
    const first = await adapterFor().submit({ job: job(offer), offer, idempotencyKey: 'attempt-42', signal: signal() });
    const retried = await adapterFor().submit({ job: job(offer), offer, idempotencyKey: 'attempt-42', signal: signal() });
    const other = await adapterFor().submit({ job: job(offer), offer, idempotencyKey: 'attempt-43', signal: signal() });
    expect(retried.placementId).toBe(first.placementId);
    expect(other.placementId).not.toBe(first.placementId);
    const control = new SimulatorControl(sims.controlUrl);
    expect(await control.submissionsFor('attempt-42')).toBe(1);
    expect(await control.submissionsFor('attempt-43')).toBe(1);
  });

  it('never creates a job when the idempotency lookup answers something it cannot read', async () => {
    const adapter = adapterFor();
    const offer = await pick(adapter);
    await sims.bacalhau.server.setFaults({ garbage: true, paths: '^/api/v1/orchestrator/jobs$' });
    let thrown: unknown;
    try {
      await adapter.submit({ job: job(offer), offer, idempotencyKey: 'lookup-garbage', signal: signal() });
    } catch (err) {
      thrown = err;
    }
    expect(isAdapterError(thrown) && thrown.code).toBe('bad_response');
    expect(await new SimulatorControl(sims.controlUrl).submissionsFor('lookup-garbage')).toBe(0);
  });

  it('hashes a key that is not a legal label value, and still finds the job again', async () => {
    const adapter = adapterFor();
    const offer = await pick(adapter);
    const key = 'job 7 / attempt #2 (retry)';
    const a = await adapter.submit({ job: job(offer), offer, idempotencyKey: key, signal: signal() });
    const b = await adapter.submit({ job: job(offer), offer, idempotencyKey: key, signal: signal() });
    expect(b.placementId).toBe(a.placementId);
    expect((await bacalhauJob(a.placementId)).Labels['switchyard-idempotency-key']).toMatch(/^sha256-[0-9a-f]{56}$/);
  });

  it('runs to succeeded, and a failing job ends failed with its exit code', async () => {
    await sims.bacalhau.server.setFaults({ flags: { runMs: 200 } });
    const adapter = adapterFor();
    const offer = await pick(adapter);
    const ok = await adapter.submit({ job: job(offer), offer, idempotencyKey: 'run-ok', signal: signal() });
    const done = await waitFor(
      () => adapter.status(ok, { signal: signal() }),
      (s) => s.state === 'succeeded',
    );
    expect(done).toMatchObject({ state: 'succeeded', exitCode: 0 });
    expect(done.startedAt).toBeDefined();
    expect(done.finishedAt).toBeDefined();

    await sims.bacalhau.server.setFaults({ flags: { runMs: 200, failJobs: true } });
    const bad = await adapter.submit({ job: job(offer), offer, idempotencyKey: 'run-bad', signal: signal() });
    const failed = await waitFor(
      () => adapter.status(bad, { signal: signal() }),
      (s) => s.state === 'failed',
    );
    expect(failed).toMatchObject({ state: 'failed', exitCode: 1, error: { code: 'bad_request', retryable: false } });
  });

  it('reports no capacity when the pinned node has too few free GPUs', async () => {
    const adapter = adapterFor();
    const offer = await pick(adapter);
    const placement = await adapter.submit({ job: job(offer, { resources: { gpu: { count: 64 } } }), offer, idempotencyKey: 'too-big', signal: signal() });
    const status = await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'failed',
    );
    expect(status).toMatchObject({ state: 'failed', error: { code: 'no_capacity', scope: 'offer', retryable: true } });
  });

  it('cancels a running job, frees the GPU, and a second cancel is a no-op', async () => {
    const adapter = adapterFor();
    const offer = await pick(adapter);
    const node = sims.bacalhau.nodes.find((n) => n.nodeId === offer.provider.attributes!.nodeId)!;
    const busyBefore = node.busyGpus;
    const placement = await adapter.submit({ job: job(offer), offer, idempotencyKey: 'cancel-me', signal: signal() });
    await waitFor(
      () => adapter.status(placement, { signal: signal() }),
      (s) => s.state === 'running',
    );
    expect(node.busyGpus).toBe(busyBefore + 1);
    await adapter.cancel(placement, { signal: signal() });
    await adapter.cancel(placement, { signal: signal() });
    expect((await adapter.status(placement, { signal: signal() })).state).toBe('cancelled');
    expect(node.busyGpus).toBe(busyBefore);
  });

  it('turns a Bacalhau 401 into unauthorized when a token is required and missing', async () => {
    await sims.close();
    sims = await startFilecoinSimulators({ seed: 3, token: 's3cret' });
    let thrown: unknown;
    try {
      await adapterFor().listOffers({ signal: signal() });
    } catch (err) {
      thrown = err;
    }
    expect(isAdapterError(thrown) && thrown.code).toBe('unauthorized');
    expect((await adapterFor({ bacalhauToken: 's3cret' }).listOffers({ signal: signal() })).offers.length).toBeGreaterThan(0);
  });
});

describe('plugin', () => {
  it('is the filecoin plugin with Bacalhau as the endpoint key', () => {
    expect(plugin.id).toBe('filecoin');
    expect(plugin.displayName).toBe('Filecoin (Bacalhau on storage providers)');
    expect(plugin.endpointKeys).toEqual(['bacalhauUrl']);
  });

  it('parses FILECOIN_FALLBACK_PRICES from a JSON string and rejects a broken one', () => {
    const ok = plugin.configSchema.safeParse({ bacalhauUrl: 'http://b:1234', fallbackPrices: '{"H100":"0.6","A100":0.4}', timeoutMs: '500' });
    expect(ok.success && ok.data.fallbackPrices).toEqual({ H100: '0.6', A100: '0.4' });
    expect(ok.success && ok.data.timeoutMs).toBe(500);
    expect(ok.success && ok.data.lotusUrl).toBe('https://api.node.glif.io/rpc/v1');
    expect(plugin.configSchema.safeParse({ bacalhauUrl: 'http://b:1234', fallbackPrices: '{H100: 0.6' }).success).toBe(false);
    expect(plugin.configSchema.safeParse({ bacalhauUrl: 'http://b:1234', fallbackPrices: '{"H100":"-1"}' }).success).toBe(false);
  });

  it('starts both simulators on their own ports, never 1234, and points the config at them', async () => {
    const started = await plugin.startSimulator!({ seed: 5, port: 0 });
    try {
      const bacalhau = new URL(String(started.config.bacalhauUrl));
      const lotus = new URL(String(started.config.lotusUrl));
      expect(bacalhau.port).not.toBe(lotus.port);
      expect([bacalhau.port, lotus.port]).not.toContain('1234');
      expect(started.controlUrl).toBe(started.config.bacalhauUrl);
      const parsed = plugin.configSchema.safeParse(started.config);
      if (!parsed.success) throw new Error('simulator config does not validate');
      const adapter = await plugin.create(parsed.data, context);
      expect((await adapter.listOffers({ signal: signal() })).offers.length).toBeGreaterThan(0);
      const simulated = await axios.get(`${started.config.bacalhauUrl}/api/v1/agent/alive`);
      expect(simulated.headers['x-switchyard-simulated']).toBe('true');
    } finally {
      await started.close();
    }
  });
});
