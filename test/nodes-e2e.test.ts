// End to end over real HTTP: two agents (process executor) register, heartbeat and verify; a job placed
// through the native adapter runs on one of them, streams logs and completes; an agent killed mid-job lets
// its lease expire, the adapter reports the placement lost, and the other agent takes the next placement.
//
// Coordinator, agents and the embedded database share this one process, so on a loaded machine a live agent's
// renewals and heartbeats can be late by seconds. Leases and heartbeats therefore never run out on their own
// here: when the test means a lease to expire or a node to drop out (the crashed agent), it moves that
// deadline into the past itself, exactly what the passing of time would do, and no live lease is declared lost.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { NativeAdapter } from '../adapters/native/native.adapter';
import type { JobSpec, Offer, Placement, PlacementState } from '../adapters/sdk';
import { AgentHandle, registerNode, startAgent } from '../src/agent/agent';
import { readAgentState } from '../src/agent/agent-state';
import { ProcessExecutor } from '../src/agent/executors/process-executor';
import { CpuDemoProver } from '../src/agent/provers/cpu-demo-prover';
import { generateKeypair, NodeKeypair } from '../src/nodes/protocol/node-keys';
import { startTestApp, TestApp } from './support/test-app';

const API_KEY = 'sy_test_admin_key_0123456789abcdef';
const quiet = { info() {}, warn() {}, error() {} };
const context = { logger: { debug() {}, ...quiet }, now: () => new Date(), simulated: false };
const signal = () => AbortSignal.timeout(10_000);
/** Out of reach of a test run: only the test itself makes a lease or a heartbeat overdue (see above). */
const NEVER_ON_ITS_OWN_MS = String(10 * 60_000);
const GPU = (model: string) => [{ index: 0, model, vramMb: 24_564, driverVersion: '550.54.14' }];

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('native nodes end to end', () => {
  let app: TestApp;
  let adapter: NativeAdapter;
  let dir: string;
  const agents: AgentHandle[] = [];

  const job = (offer: Offer, script: string): JobSpec => ({
    name: 'e2e',
    image: 'not-used-by-the-process-executor',
    command: [process.execPath, '-e', script],
    env: { GREETING: 'hello from a native node' },
    resources: { gpu: { count: 1, models: [offer.gpu.label] } },
  });

  const start = async (kp: NodeKeypair, model: string, name: string) => {
    await registerNode({
      coordinatorUrl: app.url,
      keypair: kp,
      gpus: GPU(model),
      executor: 'process',
      price: { amount: '0.39', asset: 'USD' },
      payoutWallet: generateKeypair().nodeId,
      name,
    });
    const agent = await startAgent({
      coordinatorUrl: app.url,
      keypair: kp,
      inventory: () => GPU(model),
      executor: new ProcessExecutor(),
      prover: new CpuDemoProver(),
      stateFile: path.join(dir, `${name}.state.json`),
      pollWaitSeconds: 2,
      logFlushMs: 100,
      backoff: { initialMs: 100, maxMs: 1_000 },
      logger: quiet,
    });
    agents.push(agent);
    return agent;
  };

  // What time does to a node that stopped talking: its lease's renewal deadline and its heartbeat window pass.
  const db = () => app.app.get(DataSource);
  const letLeaseRunOut = (leaseId: string) =>
    db().query(`UPDATE node_leases SET expires_at = now() - interval '1 second' WHERE id = $1 AND expires_at IS NOT NULL`, [leaseId]);
  const letHeartbeatsLapse = (nodeId: string) =>
    db().query(`UPDATE nodes SET last_heartbeat_at = last_heartbeat_at - ($2 || ' milliseconds')::interval WHERE id = $1`, [nodeId, NEVER_ON_ITS_OWN_MS]);

  const stateOf = async (p: Placement) => (await adapter.status(p, { signal: signal() })).state;
  const until = (p: Placement, states: PlacementState[], timeoutMs?: number) =>
    waitFor(
      `placement ${p.placementId} to reach ${states.join('/')}`,
      async () => {
        const s = await adapter.status(p, { signal: signal() });
        return states.includes(s.state) ? s : undefined;
      },
      timeoutMs,
    );

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sy-nodes-e2e-'));
    app = await startTestApp({
      ADMIN_API_KEY: API_KEY,
      NODES_ENROLMENT: 'open',
      NODES_HEARTBEAT_INTERVAL_MS: '300',
      NODES_MISSED_HEARTBEATS: String(Number(NEVER_ON_ITS_OWN_MS) / 300),
      // Test-sized challenges, so the agents' JavaScript prover answers them honestly in time.
      NODES_CHALLENGE_MAX_SIZE: '32',
      NODES_CHALLENGE_MAX_ROUNDS: '2',
      NODES_LEASE_TTL_MS: NEVER_ON_ITS_OWN_MS,
      NODES_LEASE_ACK_TIMEOUT_MS: NEVER_ON_ITS_OWN_MS,
      NODES_SWEEP_INTERVAL_MS: '200',
    });
    adapter = new NativeAdapter({ baseUrl: app.url, timeoutMs: 5_000, apiKey: API_KEY }, context);
  });
  afterAll(async () => {
    for (const a of agents) await a.crash();
    await app?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('runs a job on a native node, streams its logs, and reports it succeeded; then fails over after a node dies', async () => {
    const alice = generateKeypair();
    const bob = generateKeypair();
    const aliceAgent = await start(alice, 'NVIDIA GeForce RTX 4090', 'alice');
    await start(bob, 'NVIDIA GeForce RTX 3090', 'bob');

    // Both verify (test-sized challenges, which the JavaScript prover meets) and show up as offers at their asking price.
    const offers = await waitFor('two native offers', async () => {
      const listing = await adapter.listOffers({ signal: signal() });
      return listing.offers.length === 2 ? listing.offers : undefined;
    });
    const aliceOffer = offers.find((o) => o.provider.id === alice.nodeId)!;
    const bobOffer = offers.find((o) => o.provider.id === bob.nodeId)!;
    expect(aliceOffer).toMatchObject({
      network: 'native',
      gpu: { label: 'NVIDIA GeForce RTX 4090', count: 1 },
      price: { amount: '0.39', asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm' },
      signals: { online: true, verified: true, verificationNote: expect.stringMatching(/1 GPU\(s\) proved 2 × 32² exact products/) },
    });

    // A job that prints and exits 0 completes, with its logs and exit code.
    const key = `e2e-${Date.now()}`;
    const ok = await adapter.submit({
      job: job(aliceOffer, 'console.log(process.env.GREETING); console.log("done")'),
      offer: aliceOffer,
      idempotencyKey: key,
      signal: signal(),
    });
    const again = await adapter.submit({ job: job(aliceOffer, 'console.log("never")'), offer: aliceOffer, idempotencyKey: key, signal: signal() });
    expect(again.placementId).toBe(ok.placementId);
    expect(ok.price).toMatchObject({ amount: '0.39', asset: 'USD', kind: 'firm' });
    const done = await until(ok, ['succeeded', 'failed', 'lost']);
    expect(done).toMatchObject({ state: 'succeeded', exitCode: 0 });
    expect(await adapter.logs(ok, { signal: signal() })).toEqual(['hello from a native node', 'done']);

    // A failing job is reported failed with its exit code.
    const bad = await adapter.submit({
      job: job(aliceOffer, 'console.error("boom"); process.exit(3)'),
      offer: aliceOffer,
      idempotencyKey: `${key}-bad`,
      signal: signal(),
    });
    expect(await until(bad, ['succeeded', 'failed', 'lost'])).toMatchObject({ state: 'failed', exitCode: 3 });

    // A long job starts on alice; alice dies mid-job; the lease expires and the placement is lost.
    const long = await adapter.submit({
      job: job(aliceOffer, 'console.log("working"); setInterval(() => console.log("tick"), 100)'),
      offer: aliceOffer,
      idempotencyKey: `${key}-long`,
      signal: signal(),
    });
    await until(long, ['running']);
    expect(aliceAgent.runningLeases()).toEqual([long.placementId]);
    await aliceAgent.crash();
    // The crashed agent left its state file behind, naming the lease it was running.
    expect((await readAgentState(path.join(dir, 'alice.state.json')))?.leases.map((l) => l.leaseId)).toEqual([long.placementId]);
    // Nobody renews the lease any more; its deadline passes.
    await letLeaseRunOut(long.placementId);
    const lost = await until(long, ['lost', 'succeeded', 'failed', 'cancelled']);
    expect(lost.state).toBe('lost');
    expect(lost.error).toMatchObject({ code: 'unavailable', scope: 'provider', retryable: true });
    expect(lost.message).toMatch(/stopped renewing/);

    // The host fails over: the next placement goes to bob, who runs it.
    const retry = await adapter.submit({ job: job(bobOffer, 'console.log("bob here")'), offer: bobOffer, idempotencyKey: `${key}-retry`, signal: signal() });
    expect(retry.providerId).toBe(bob.nodeId);
    expect(await until(retry, ['succeeded', 'failed', 'lost'])).toMatchObject({ state: 'succeeded' });
    expect(await adapter.logs(retry, { signal: signal() })).toEqual(['bob here']);

    // Alice stopped heartbeating; once her window has passed she is no longer offered.
    await letHeartbeatsLapse(alice.nodeId);
    await waitFor('alice to drop out of the offers', async () => {
      const listing = await adapter.listOffers({ signal: signal() });
      return listing.offers.some((o) => o.provider.id === alice.nodeId) ? undefined : true;
    });

    // Alice restarts: she reports the job from before the crash as lost (it already expired, so nothing changes).
    const restarted = await startAgent({
      coordinatorUrl: app.url,
      keypair: alice,
      inventory: () => GPU('NVIDIA GeForce RTX 4090'),
      executor: new ProcessExecutor(),
      prover: new CpuDemoProver(),
      stateFile: path.join(dir, 'alice.state.json'),
      pollWaitSeconds: 2,
      logger: quiet,
    });
    agents.push(restarted);
    expect((await readAgentState(path.join(dir, 'alice.state.json')))?.leases).toEqual([]);
    expect(await stateOf(long)).toBe('lost');
  }, 60_000);

  it('cancels a running job: the agent stops it and the placement stays cancelled', async () => {
    const carol = generateKeypair();
    await start(carol, 'NVIDIA GeForce RTX 4090', 'carol');
    const offer = await waitFor('carol on offer', async () =>
      (await adapter.listOffers({ signal: signal() })).offers.find((o) => o.provider.id === carol.nodeId),
    );
    const p = await adapter.submit({
      job: job(offer, 'setInterval(() => console.log("tick"), 100)'),
      offer,
      idempotencyKey: `cancel-${Date.now()}`,
      signal: signal(),
    });
    await until(p, ['running']);
    await adapter.cancel(p, { signal: signal() });
    await adapter.cancel(p, { signal: signal() });
    expect(await stateOf(p)).toBe('cancelled');
    const agent = agents[agents.length - 1];
    await waitFor('carol to stop the job', async () => (agent.runningLeases().length === 0 ? true : undefined), 10_000);
    expect(await stateOf(p)).toBe('cancelled');
  }, 30_000);
});
