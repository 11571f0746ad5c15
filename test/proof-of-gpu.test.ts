// The io.net attack, played against the coordinator: a node with no GPU (or a smaller one) claims H100s and
// tries every way we know to pass the proof of GPU. Every variant fails; an honest prover passes.
// Real HTTP, real Ed25519, a real database. Two coordinators: one at real challenge sizes (what a CPU-only
// node faces), and one with test-sized challenges so the JavaScript prover can play the honest node.
import { CoordinatorClient, CoordinatorError } from '../src/agent/coordinator-client';
import { CpuDemoProver } from '../src/agent/provers/cpu-demo-prover';
import type { Challenge } from '../src/nodes/protocol/challenge';
import { generateKeypair, NodeKeypair } from '../src/nodes/protocol/node-keys';
import { computeGpuWork } from '../src/nodes/protocol/gpu-work';
import { answerChallenge, commitRoots } from './support/challenge-answers';
import { startTestApp, TestApp } from './support/test-app';
import { waitUntil } from './support/wait-for';

/** A JSON response body, read field by field. */
type JsonBody = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const API_KEY = 'sy_test_admin_key_0123456789abcdef';
const AUTH = { authorization: `Bearer ${API_KEY}` };
const WALLET = generateKeypair().nodeId;
const H100 = (index: number) => ({ index, model: 'NVIDIA H100 80GB HBM3', vramMb: 81_559 });
const RTX4090 = { index: 0, model: 'NVIDIA GeForce RTX 4090', vramMb: 24_564 };

type Reply = { node: { id: string; state: string }; challenge: Challenge | null };

function harness(env: Record<string, string>) {
  const h = {} as {
    app: TestApp;
    client: (kp: NodeKeypair) => CoordinatorClient;
    register: (kp: NodeKeypair, gpus: object[]) => Promise<Reply>;
    heartbeat: (kp: NodeKeypair, gpus: object[]) => Promise<{ state: string; challenge: Challenge | null; reason: string | null }>;
    node: (id: string) => Promise<JsonBody>;
    offersOf: (id: string) => Promise<unknown[]>;
    sql: (q: string, p: unknown[]) => Promise<unknown>;
    refusal: (call: Promise<unknown>) => Promise<{ status: number; title?: string; detail?: string }>;
  };
  beforeAll(async () => {
    h.app = await startTestApp({
      ADMIN_API_KEY: API_KEY,
      NODES_ENROLMENT: 'open',
      NODES_HEARTBEAT_INTERVAL_MS: '1000',
      NODES_CHALLENGE_MAX_FAILURES: '5',
      ...env,
    });
    h.client = (kp) => new CoordinatorClient({ baseUrl: h.app.url, keypair: kp });
    h.register = (kp, gpus) =>
      h.client(kp).call<Reply>('POST', '/v1/agent/register', {
        price: { amount: '0.99', asset: 'USD' },
        payoutWallet: WALLET,
        agentVersion: 'test',
        executor: 'process',
        gpus,
      });
    h.heartbeat = (kp, gpus) => h.client(kp).call('POST', '/v1/agent/heartbeat', { agentVersion: 'test', gpus, leases: [] });
    h.node = async (id) => (await fetch(`${h.app.url}/v1/nodes/${id}`, { headers: AUTH })).json() as Promise<JsonBody>;
    h.offersOf = async (id) =>
      ((await (await fetch(`${h.app.url}/v1/native/offers`, { headers: AUTH })).json()) as { offers: Array<{ nodeId: string }> }).offers.filter(
        (o) => o.nodeId === id,
      );
    h.sql = (q, p) => h.app.app.get(require('typeorm').DataSource).query(q, p);
    h.refusal = async (call) => {
      try {
        await call;
      } catch (err) {
        if (err instanceof CoordinatorError) return { status: err.status, title: err.problem?.title, detail: err.problem?.detail };
        throw err;
      }
      throw new Error('expected the coordinator to refuse');
    };
  });
  afterAll(async () => {
    await h.app?.close();
  });
  return h;
}

describe('proof of GPU at real sizes: a node without a GPU', () => {
  const h = harness({});

  it('gets an H100-sized challenge per claimed GPU, with a deadline only the claimed class meets', async () => {
    const kp = generateKeypair();
    const { challenge } = await h.register(kp, [H100(0), H100(1)]);
    expect(challenge).toMatchObject({ profile: 'gpu', size: 64_512, rounds: 37, gpuIndexes: [0, 1] });
    const seconds = (Date.parse(challenge!.commitDeadline) - Date.now()) / 1000;
    expect(seconds).toBeGreaterThan(25);
    expect(seconds).toBeLessThanOrEqual(30.2);
  });

  it('cannot pass with a fabricated measurement: the coordinator no longer takes numbers a node reports about itself', async () => {
    const kp = generateKeypair();
    const { challenge } = await h.register(kp, [H100(0), H100(1)]);
    const made = {
      proofDigest: 'a'.repeat(64),
      signature: 'x',
      measurement: { kind: 'gpu', device: 'NVIDIA H100 80GB HBM3', memoryMb: 81_000, memoryGbps: 3_000, durationMs: 5 },
    };
    expect(await h.refusal(h.client(kp).call('POST', `/v1/agent/challenges/${challenge!.challengeId}/commit`, made))).toMatchObject({ status: 400 });
    await h.heartbeat(kp, [H100(0), H100(1)]);
    expect((await h.node(kp.nodeId)).state).toBe('unverified');
    expect(await h.offersOf(kp.nodeId)).toEqual([]);
  });

  it('cannot pass with a CPU: the CPU prover gives up, the deadline passes, and the node stays out of the market', async () => {
    const kp = generateKeypair();
    const { challenge } = await h.register(kp, [H100(0)]);
    await expect(new CpuDemoProver().commit(challenge!, kp.nodeId)).rejects.toThrow(/a GPU's work/);
    // The 30 s pass as far as the coordinator is concerned; the sweeper closes the challenge as a timeout.
    await h.sql(`UPDATE node_challenges SET deadline = now() - interval '1 second' WHERE node_id = $1`, [kp.nodeId]);
    await h.app.app.get(require('../src/nodes/nodes.sweeper').NodesSweeper).sweep();
    const view = await h.node(kp.nodeId);
    expect(view.health.challengesFailed).toBe(1);
    expect(view.verification.note).toMatch(/no roots before the commit deadline/);
    await h.heartbeat(kp, [H100(0)]);
    expect(await h.offersOf(kp.nodeId)).toEqual([]);
  });

  it('cannot pass with made-up roots: the rows it must then open lead nowhere', async () => {
    const kp = generateKeypair();
    const { challenge } = await h.register(kp, [H100(0)]);
    const asked = await commitRoots(h.client(kp), kp, challenge!, [{ gpuIndex: 0, root: 'c'.repeat(64) }]);
    expect(asked.open).toHaveLength(4);
    // A real row of 64,512 zeros with an empty path: whatever it sends, it cannot match a root it never computed.
    const row = { ...asked.open[0], values: Buffer.alloc(4 * 64_512).toString('base64'), path: [] };
    const verdict = await h
      .client(kp)
      .call<{ passed: boolean; reason: string }>('POST', `/v1/agent/challenges/${challenge!.challengeId}/open`, { rows: [row] });
    expect(verdict).toMatchObject({ passed: false, reason: expect.stringMatching(/do not lead to the committed root/) });
  });

  it('refuses impossible inventories with a 422 at registration and at heartbeat', async () => {
    const kp = generateKeypair();
    const bad = [[{ ...H100(0), vramMb: 1 }], [{ index: 0, model: 'NVIDIA Quantum Hyper 9000', vramMb: 4_000_000 }], Array.from({ length: 8 }, () => H100(0))];
    for (const gpus of bad) expect(await h.refusal(h.register(kp, gpus))).toMatchObject({ status: 422 });
    expect(await h.refusal(h.register(kp, bad[2]))).toMatchObject({
      title: 'Duplicate GPU index',
      detail: expect.stringMatching(/device index 0 appears more than once/),
    });
    await h.register(kp, [RTX4090]);
    for (const gpus of bad) expect(await h.refusal(h.heartbeat(kp, gpus))).toMatchObject({ status: 422 });
    // Nothing of the refused inventories was stored.
    expect((await h.node(kp.nodeId)).reportedInventory).toEqual([RTX4090]);
  });
});

describe('proof of GPU with test-sized challenges: honest and dishonest provers', () => {
  const h = harness({ NODES_CHALLENGE_MAX_SIZE: '32', NODES_CHALLENGE_MAX_ROUNDS: '2' });

  it('an honest prover passes, and the node is offered at its price', async () => {
    const kp = generateKeypair();
    const { challenge } = await h.register(kp, [H100(0), H100(1)]);
    const verdict = await answerChallenge(h.client(kp), kp, challenge!);
    expect(verdict).toMatchObject({ passed: true, reason: expect.stringMatching(/2 GPU\(s\) proved 2 × 32² exact products/) });
    await h.heartbeat(kp, [H100(0), H100(1)]);
    expect(await h.offersOf(kp.nodeId)).toEqual([
      expect.objectContaining({ gpu: expect.objectContaining({ total: 2 }), signals: expect.objectContaining({ verified: true, verificationKind: 'gpu' }) }),
    ]);
  });

  it('fails a slower card: right answers, after the claimed class deadline', async () => {
    const kp = generateKeypair();
    const { challenge } = await h.register(kp, [H100(0)]);
    const late = await h.refusal(
      answerChallenge(h.client(kp), kp, challenge!, {
        // The roots are right; the clock says they took longer than an H100 would.
        beforeCommit: () =>
          h.sql(`UPDATE node_challenges SET deadline = now() - interval '2 seconds' WHERE id = $1`, [challenge!.challengeId]).then(() => undefined),
      }),
    );
    expect(late).toMatchObject({ status: 422, title: 'Challenge failed', detail: expect.stringMatching(/ms after the commit deadline/) });
    expect((await h.node(kp.nodeId)).state).not.toBe('online');
  });

  it('fails a replayed answer: the roots of an earlier challenge do not open for a fresh seed', async () => {
    const kp = generateKeypair();
    const { challenge: first } = await h.register(kp, [H100(0)]);
    const prover = new CpuDemoProver();
    await answerChallenge(h.client(kp), kp, first!, { prover });
    const oldRoots = computeGpuWork(first!.seed, kp.nodeId, 0, first!.size, first!.rounds);
    // A re-challenge (due at a random time; here now).
    await h.sql(`UPDATE nodes SET next_challenge_at = now() - interval '1 second' WHERE id = $1`, [kp.nodeId]);
    const { challenge: second } = await h.heartbeat(kp, [H100(0)]);
    expect(second!.seed).not.toBe(first!.seed);
    const replay = await answerChallenge(h.client(kp), kp, second!, {
      roots: () => [{ gpuIndex: 0, root: oldRoots.levels.at(-1)![0].toString('hex') }],
      rows: (rows) => rows.map((r) => ({ ...r, values: Buffer.from(oldRoots.rows(r.round, r.row).buffer).toString('base64') })),
    });
    expect(replay).toMatchObject({ passed: false });
    // Failing a re-challenge takes the node out of routing at once.
    expect((await h.node(kp.nodeId)).state).toBe('unverified');
    expect(await h.offersOf(kp.nodeId)).toEqual([]);
  });

  it('fails a precomputed answer: work for a guessed seed, or for another node, is not this challenge', async () => {
    const kp = generateKeypair();
    const { challenge } = await h.register(kp, [H100(0)]);
    const guessed = { ...challenge!, seed: '0'.repeat(64) };
    const precomputed = await answerChallenge(h.client(kp), kp, challenge!, { prover: proverFor(guessed) });
    expect(precomputed).toMatchObject({ passed: false });
    const { challenge: next } = await waitForChallenge(h, kp, [H100(0)]);
    const otherNode = await answerChallenge(h.client(kp), kp, next!, { prover: proverFor(next!, 'AnotherNode11111111111111111111111') });
    expect(otherNode).toMatchObject({ passed: false });
  });

  it("fails one GPU's work passed off as two: each device index has its own matrices", async () => {
    const kp = generateKeypair();
    const { challenge } = await h.register(kp, [H100(0), H100(1)]);
    const verdict = await answerChallenge(h.client(kp), kp, challenge!, {
      // GPU 0's work computed once, its root sent for both devices, its rows opened for both.
      prover: proverFor(challenge!, undefined, 0),
    });
    expect(verdict).toMatchObject({ passed: false });
  });

  it('takes a node out of routing when its heartbeat swaps the inventory, until the new one passes a fresh challenge', async () => {
    const kp = generateKeypair();
    const { challenge } = await h.register(kp, [RTX4090]);
    await answerChallenge(h.client(kp), kp, challenge!);
    await h.heartbeat(kp, [RTX4090]);
    expect(await h.offersOf(kp.nodeId)).toHaveLength(1);
    // The old attack: 8 × H100 with 1 MB each. Refused outright.
    expect(
      await h.refusal(
        h.heartbeat(
          kp,
          Array.from({ length: 8 }, (_, i) => ({ ...H100(i), vramMb: 1 })),
        ),
      ),
    ).toMatchObject({ status: 422 });
    // A plausible swap is a new claim: out of routing at once, and the fresh challenge tests the new inventory.
    const swapped = await h.heartbeat(kp, [H100(0), H100(1)]);
    expect(swapped).toMatchObject({ state: 'flagged', reason: expect.stringMatching(/changed from "NVIDIA GeForce RTX 4090"|GPU count changed/) });
    expect(swapped.challenge).toMatchObject({ gpuIndexes: [0, 1] });
    expect(await h.offersOf(kp.nodeId)).toEqual([]);
    // A node without H100s cannot answer in time (here: the deadline passes); the swap is never admitted.
    await h.sql(`UPDATE node_challenges SET deadline = now() - interval '1 second' WHERE id = $1`, [swapped.challenge!.challengeId]);
    await h.app.app.get(require('../src/nodes/nodes.sweeper').NodesSweeper).sweep();
    const after = await h.heartbeat(kp, [H100(0), H100(1)]);
    expect(after.state).toBe('flagged');
    expect((await h.node(kp.nodeId)).inventory).toEqual([RTX4090]);
    expect(await h.offersOf(kp.nodeId)).toEqual([]);
  });
});

/** A prover that does honest work for another challenge than the one it answers (seed, node or device). */
function proverFor(target: Challenge, nodeId?: string, onlyGpu?: number): CpuDemoProver {
  const inner = new CpuDemoProver();
  const prover = new CpuDemoProver();
  prover.commit = async (challenge, realNode) => {
    const spoof = { ...target, challengeId: challenge.challengeId, gpuIndexes: challenge.gpuIndexes.map((g) => onlyGpu ?? g) };
    const roots = await inner.commit({ ...spoof, gpuIndexes: [...new Set(spoof.gpuIndexes)] }, nodeId ?? realNode);
    return challenge.gpuIndexes.map((g) => ({ gpuIndex: g, root: roots.find((r) => r.gpuIndex === (onlyGpu ?? g))?.root ?? roots[0].root }));
  };
  prover.open = (id, rows) =>
    inner
      .open(
        id,
        rows.map((r) => ({ ...r, gpuIndex: onlyGpu ?? r.gpuIndex })),
      )
      .then((opened) => opened.map((o, i) => ({ ...o, gpuIndex: rows[i].gpuIndex })));
  return prover;
}

/** After a failure the next challenge comes one heartbeat interval later. */
async function waitForChallenge(
  h: { heartbeat: (kp: NodeKeypair, gpus: object[]) => Promise<{ challenge: Challenge | null }> },
  kp: NodeKeypair,
  gpus: object[],
) {
  return waitUntil(
    async () => {
      const reply = await h.heartbeat(kp, gpus);
      return reply.challenge ? reply : undefined;
    },
    { timeoutMs: 15_000, describe: () => 'no challenge came with the heartbeats' },
  );
}

describe('probation and implausible results', () => {
  // A long heartbeat interval: these nodes do not heartbeat while they run a lease, and must not go offline meanwhile.
  const h = harness({ NODES_CHALLENGE_MAX_SIZE: '32', NODES_CHALLENGE_MAX_ROUNDS: '2', NODES_PROBATION_MAX_USD: '10', NODES_HEARTBEAT_INTERVAL_MS: '10000' });
  const job = (gpus: number, durationHours?: number) => ({
    image: 'ghcr.io/acme/train:1',
    resources: { gpu: { count: gpus } },
    ...(durationHours ? { durationHours } : {}),
  });
  const place = async (offerId: string, body: object, key: string) => {
    const res = await fetch(`${h.app.url}/v1/native/placements`, {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ offerId, job: body }),
    });
    return { status: res.status, body: (await res.json()) as JsonBody };
  };
  const verifiedNode = async () => {
    const kp = generateKeypair();
    const { challenge } = await h.register(kp, [H100(0), H100(1)]);
    await answerChallenge(h.client(kp), kp, challenge!);
    await h.heartbeat(kp, [H100(0), H100(1)]);
    const [offer] = (await h.offersOf(kp.nodeId)) as Array<{ offerId: string }>;
    return { kp, offerId: offer.offerId };
  };
  const runLease = async (kp: NodeKeypair, state: 'succeeded' | 'failed') => {
    const { lease } = await h.client(kp).call<{ lease: { leaseId: string } }>('GET', '/v1/agent/work?wait=5');
    await h.client(kp).call('POST', `/v1/agent/leases/${lease.leaseId}/ack`, {});
    await h.client(kp).call('POST', `/v1/agent/leases/${lease.leaseId}/status`, { state: 'running' });
    return h.client(kp).call<JsonBody>('POST', `/v1/agent/leases/${lease.leaseId}/finish`, { state, exitCode: state === 'succeeded' ? 0 : 1 });
  };

  it('routes a node without a record only jobs up to the probation value, then anything once it has completed one', async () => {
    const { kp, offerId } = await verifiedNode();
    // 2 GPUs × 6 h × $0.99 = $11.88 > $10.
    const big = await place(offerId, job(2, 6), `big-${kp.nodeId}`);
    expect(big).toMatchObject({
      status: 409,
      body: { detail: expect.stringMatching(/on probation \(no completed job yet\).*up to 10 USD, this one is worth 11\.88/) },
    });
    expect((await place(offerId, job(1), `small-${kp.nodeId}`)).status).toBe(201);
    expect(await runLease(kp, 'succeeded')).toMatchObject({ state: 'succeeded' });
    expect(await place(offerId, job(2, 6), `big-again-${kp.nodeId}`)).toMatchObject({ status: 201 });
  });

  it('suspends a node that reports a 6-hour job done in seconds, refuses the result, and tells its operator why', async () => {
    const { kp, offerId } = await verifiedNode();
    expect((await place(offerId, job(1, 6), `fast-${kp.nodeId}`)).status).toBe(201);
    const finished = await runLease(kp, 'succeeded');
    expect(finished).toMatchObject({ state: 'failed', message: expect.stringMatching(/not accepted: reported a 6-hour job .* succeeded after \d+\.\d s/) });
    const view = await h.node(kp.nodeId);
    expect(view).toMatchObject({ state: 'blocked', blockedReason: expect.stringMatching(/^suspended: reported a 6-hour job/) });
    // The agent hears it too, on its next signed request.
    expect(await h.refusal(h.heartbeat(kp, [H100(0), H100(1)]))).toMatchObject({
      status: 403,
      detail: expect.stringMatching(/this node is blocked: suspended/),
    });
    expect(await h.offersOf(kp.nodeId)).toEqual([]);
  });
});
