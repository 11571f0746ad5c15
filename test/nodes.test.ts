// The coordinator's front door: enrolment, signed requests (forged, replayed, wrong key, stale), heartbeats,
// verification challenges, flagging and blocking. Real HTTP, real Ed25519, a real database.
import { randomBytes } from 'node:crypto';
import { CoordinatorClient, CoordinatorError } from '../src/agent/coordinator-client';
import { generateKeypair, NodeKeypair } from '../src/nodes/protocol/node-keys';
import { signRequest } from '../src/nodes/protocol/request-signature';
import { Challenge } from '../src/nodes/protocol/challenge';
import { answerChallenge, AnswerHooks } from './support/challenge-answers';
import { waitFor } from './support/market-world';
import { startTestApp, TestApp } from './support/test-app';

const ADMIN = 'test-admin-token-0123456789';
// The accounts feature (when present) guards /v1/nodes and /v1/native with API keys; harmless otherwise.
const API_KEY = 'sy_test_admin_key_0123456789abcdef';
const AUTH = { authorization: `Bearer ${API_KEY}` };
const WALLET = generateKeypair().nodeId;
const GPUS = [{ index: 0, model: 'NVIDIA GeForce RTX 4090', vramMb: 24_564, driverVersion: '550.54.14', utilizationPct: 1 }];

describe('native node coordinator', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({
      ADMIN_API_KEY: API_KEY,
      NODES_ENROLMENT: 'code',
      NODES_ADMIN_TOKEN: ADMIN,
      // A heartbeat is fresh for 15 s and a node offline after 3 missed ones, as deployed: the tests below move
      // stored times back instead of waiting, so a loaded machine's slow requests never age a fresh heartbeat.
      NODES_HEARTBEAT_INTERVAL_MS: '15000',
      NODES_MISSED_HEARTBEATS: '3',
      // Test-sized challenges (32×32, two rounds), so the JavaScript prover answers them honestly in time.
      NODES_CHALLENGE_MAX_SIZE: '32',
      NODES_CHALLENGE_MAX_ROUNDS: '2',
      NODES_CHALLENGE_MAX_FAILURES: '2',
      NODES_MAX_GPUS_PER_NODE: '4',
      NODES_SWEEP_INTERVAL_MS: '200',
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  const issueCode = async (token = ADMIN) => {
    const res = await fetch(`${app.url}/v1/nodes/enrolment-codes`, {
      method: 'POST',
      headers: { ...AUTH, 'x-admin-token': token, 'content-type': 'application/json' },
      body: '{}',
    });
    return { status: res.status, body: (await res.json()) as { code: string } };
  };
  const client = (kp: NodeKeypair) => new CoordinatorClient({ baseUrl: app.url, keypair: kp });
  const register = async (kp: NodeKeypair, extra: Record<string, unknown> = {}) =>
    client(kp).call<{ node: { id: string; state: string }; challenge: Challenge | null; created: boolean }>('POST', '/v1/agent/register', {
      enrolmentCode: (await issueCode()).body.code,
      price: { amount: '0.45', asset: 'USD' },
      payoutWallet: WALLET,
      agentVersion: 'test',
      executor: 'process',
      gpus: GPUS,
      ...extra,
    });
  const heartbeat = (kp: NodeKeypair, gpus = GPUS) =>
    client(kp).call<{ state: string; challenge: Challenge | null }>('POST', '/v1/agent/heartbeat', { agentVersion: 'test', gpus, leases: [] });
  const answer = (kp: NodeKeypair, c: Challenge, hooks?: AnswerHooks) => answerChallenge(client(kp), kp, c, hooks);
  const rejection = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (err) {
      if (err instanceof CoordinatorError) return { status: err.status, reason: err.problem?.reason, detail: err.problem?.detail };
      throw err;
    }
    throw new Error('expected the coordinator to refuse');
  };
  const node = async (id: string) => (await fetch(`${app.url}/v1/nodes/${id}`, { headers: AUTH })).json() as Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a JSON body, read field by field

  describe('enrolment', () => {
    it('protects the code endpoint with the admin token', async () => {
      expect((await issueCode('wrong-token-wrong-token')).status).toBe(401);
      const ok = await issueCode();
      expect(ok.status).toBe(201);
      expect(ok.body.code).toMatch(/^sye_/);
    });

    it('needs a code, takes each code once, and registers a key as a node that must verify first', async () => {
      const kp = generateKeypair();
      const base = { price: { amount: '0.45', asset: 'USD' }, payoutWallet: WALLET, agentVersion: 'test', executor: 'process', gpus: GPUS };
      expect(await rejection(client(kp).call('POST', '/v1/agent/register', base))).toMatchObject({ status: 403 });
      const { code } = (await issueCode()).body;
      const first = await client(kp).call<{ node: { id: string; state: string }; created: boolean; challenge: Challenge }>('POST', '/v1/agent/register', {
        ...base,
        enrolmentCode: code,
      });
      expect(first.created).toBe(true);
      expect(first.node).toMatchObject({ id: kp.nodeId, state: 'offline' });
      expect(first.challenge).toMatchObject({ seed: expect.stringMatching(/^[0-9a-f]{64}$/), profile: 'gpu', gpuIndexes: [0] });
      const other = generateKeypair();
      expect(await rejection(client(other).call('POST', '/v1/agent/register', { ...base, enrolmentCode: code }))).toMatchObject({ status: 403 });
    });

    it('validates the payout wallet, the price and the GPU cap', async () => {
      const kp = generateKeypair();
      expect(await rejection(register(kp, { payoutWallet: '0x52908400098527886E0F7030069857D2E4169EE7' }))).toMatchObject({ status: 400 });
      expect(await rejection(register(kp, { price: { amount: '0.4.5', asset: 'USD' } }))).toMatchObject({ status: 400 });
      const five = Array.from({ length: 5 }, (_, i) => ({ ...GPUS[0], index: i }));
      expect(await rejection(register(kp, { gpus: five }))).toMatchObject({ status: 422 });
      expect(await rejection(register(kp, { gpus: [{ ...GPUS[0], vramMb: 81_920 }] }))).toMatchObject({ status: 422 });
    });
  });

  describe('signed requests', () => {
    let kp: NodeKeypair;
    beforeAll(async () => {
      kp = generateKeypair();
      await register(kp);
    });

    const send = (path: string, headers: Record<string, string>, body: string) =>
      fetch(app.url + path, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body });
    const heartbeatBody = JSON.stringify({ agentVersion: 'test', gpus: GPUS, leases: [] });

    it('accepts a correctly signed heartbeat', async () => {
      const res = await send(
        '/v1/agent/heartbeat',
        { ...signRequest(kp, { method: 'POST', pathWithQuery: '/v1/agent/heartbeat', body: heartbeatBody }, Date.now(), randomBytes(16).toString('hex')) },
        heartbeatBody,
      );
      expect(res.status).toBe(200);
    });

    it('rejects a forged signature', async () => {
      const headers = signRequest(
        kp,
        { method: 'POST', pathWithQuery: '/v1/agent/heartbeat', body: heartbeatBody },
        Date.now(),
        randomBytes(16).toString('hex'),
      );
      const sig = Buffer.from(headers['x-sy-signature']);
      sig[5] = sig[5] === 0x41 ? 0x42 : 0x41;
      const res = await send('/v1/agent/heartbeat', { ...headers, 'x-sy-signature': sig.toString() }, heartbeatBody);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ reason: 'bad_signature' });
    });

    it('rejects a body changed after signing', async () => {
      const headers = signRequest(
        kp,
        { method: 'POST', pathWithQuery: '/v1/agent/heartbeat', body: heartbeatBody },
        Date.now(),
        randomBytes(16).toString('hex'),
      );
      const res = await send('/v1/agent/heartbeat', headers, heartbeatBody.replace('"test"', '"evil"'));
      expect(res.status).toBe(401);
    });

    it('rejects a replayed request, even though its signature is valid', async () => {
      const headers = signRequest(
        kp,
        { method: 'POST', pathWithQuery: '/v1/agent/heartbeat', body: heartbeatBody },
        Date.now(),
        randomBytes(16).toString('hex'),
      );
      expect((await send('/v1/agent/heartbeat', headers, heartbeatBody)).status).toBe(200);
      const replay = await send('/v1/agent/heartbeat', headers, heartbeatBody);
      expect(replay.status).toBe(401);
      expect(await replay.json()).toMatchObject({ reason: 'replayed_nonce' });
    });

    it('rejects a request signed with another key than the node it names (the io.net header lesson)', async () => {
      const attacker = generateKeypair();
      const headers = {
        ...signRequest(attacker, { method: 'POST', pathWithQuery: '/v1/agent/heartbeat', body: heartbeatBody }, Date.now(), randomBytes(16).toString('hex')),
        'x-sy-node': kp.nodeId,
      };
      const res = await send('/v1/agent/heartbeat', headers, heartbeatBody);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ reason: 'bad_signature' });
    });

    it('rejects an unregistered key, a stale timestamp, and an unsigned request', async () => {
      expect(await rejection(heartbeat(generateKeypair()))).toMatchObject({ status: 401, reason: 'unknown_node' });
      const stale = signRequest(
        kp,
        { method: 'POST', pathWithQuery: '/v1/agent/heartbeat', body: heartbeatBody },
        Date.now() - 120_000,
        randomBytes(16).toString('hex'),
      );
      expect((await send('/v1/agent/heartbeat', stale, heartbeatBody)).status).toBe(401);
      expect((await send('/v1/agent/heartbeat', {}, heartbeatBody)).status).toBe(401);
    });

    it('keeps the nonces in Postgres, so another replica would refuse the replay too', async () => {
      // The registration's own nonce is not among them: a key that is not a node yet is remembered in memory
      // only, so fresh keys cannot fill the table (test/api-secrets.test.ts); the node's later requests are.
      const [{ count }] = await app.app
        .get(require('typeorm').DataSource)
        .query('SELECT count(*)::int AS count FROM node_nonces WHERE node_id = $1', [kp.nodeId]);
      expect(count).toBeGreaterThanOrEqual(2);
    });
  });

  describe('heartbeats and verification', () => {
    it('goes online once it heartbeats and passes its challenge; the listing shows state, price and health parts', async () => {
      const kp = generateKeypair();
      const { challenge } = await register(kp);
      expect((await heartbeat(kp)).state).toBe('unverified');
      const verdict = await answer(kp, challenge!);
      expect(verdict).toMatchObject({ passed: true, reason: expect.stringMatching(/1 GPU\(s\) proved 2 × 32² exact products/) });
      expect((await heartbeat(kp)).state).toBe('online');
      const view = await node(kp.nodeId);
      expect(view).toMatchObject({
        state: 'online',
        price: { amount: '0.45', asset: 'USD', per: 'gpu-hour' },
        payoutWallet: WALLET,
        verification: { kind: 'gpu' },
      });
      expect(view.health.challengePassRate).toBe(1);
      expect(view.health.heartbeatFreshness).toBe(1);
      const list = (await (await fetch(`${app.url}/v1/nodes`, { headers: AUTH })).json()) as { nodes: Array<{ id: string }> };
      expect(list.nodes.map((n) => n.id)).toContain(kp.nodeId);
    });

    it('goes offline after missed heartbeats', async () => {
      const kp = generateKeypair();
      const { challenge } = await register(kp);
      await answer(kp, challenge!);
      expect((await heartbeat(kp)).state).toBe('online');
      // Three missed heartbeats and a second more, moved back instead of waited for.
      await app.app
        .get(require('typeorm').DataSource)
        .query(`UPDATE nodes SET last_heartbeat_at = last_heartbeat_at - interval '46 seconds' WHERE id = $1`, [kp.nodeId]);
      expect((await node(kp.nodeId)).state).toBe('offline');
    });

    it('flags a changed inventory, hides the node from the market, and lets it back after re-verification', async () => {
      const kp = generateKeypair();
      const { challenge } = await register(kp);
      await answer(kp, challenge!);
      await heartbeat(kp);
      const offersOf = async () =>
        ((await (await fetch(`${app.url}/v1/native/offers`, { headers: AUTH })).json()) as { offers: Array<{ nodeId: string }> }).offers.filter(
          (o) => o.nodeId === kp.nodeId,
        );
      expect(await offersOf()).toHaveLength(1);
      const two = [GPUS[0], { ...GPUS[0], index: 1 }];
      const flagged = await heartbeat(kp, two);
      expect(flagged.state).toBe('flagged');
      expect((await node(kp.nodeId)).flagReason).toMatch(/GPU count changed from 1 to 2/);
      expect(await offersOf()).toHaveLength(0);
      // The fresh challenge tests the new inventory: both GPUs.
      expect(flagged.challenge).toMatchObject({ gpuIndexes: [0, 1] });
      await answer(kp, flagged.challenge!);
      expect((await heartbeat(kp, two)).state).toBe('online');
      expect((await offersOf())[0]).toMatchObject({ gpu: { free: 2, total: 2 } });
    });

    it('fails a wrong proof, and blocks the node after repeated failures', async () => {
      const kp = generateKeypair();
      const { challenge } = await register(kp);
      // Signed correctly, but over roots the node did not compute: no opened row leads to them.
      const bad = await answer(kp, challenge!, { roots: (roots) => roots.map((r) => ({ ...r, root: 'f'.repeat(64) })) });
      expect(bad).toMatchObject({ passed: false, reason: expect.stringMatching(/do not lead to the committed root/) });
      // The next challenge comes one heartbeat interval after the failure, not at once (a broken node is not
      // hammered); the failure is moved that far back instead of waiting for it.
      expect((await heartbeat(kp)).challenge).toBeNull();
      await app.app
        .get(require('typeorm').DataSource)
        .query(`UPDATE node_challenges SET answered_at = answered_at - interval '16 seconds' WHERE node_id = $1`, [kp.nodeId]);
      const again = await heartbeat(kp);
      expect(again.challenge).not.toBeNull();
      const worse = await answer(kp, again.challenge!, { roots: (roots) => roots.map((r) => ({ ...r, root: '0'.repeat(64) })) });
      expect(worse.passed).toBe(false);
      expect((await node(kp.nodeId)).state).toBe('blocked');
      expect(await rejection(heartbeat(kp))).toMatchObject({ status: 403 });
    });

    it('counts an unanswered challenge as a failure', async () => {
      const kp = generateKeypair();
      await register(kp);
      await heartbeat(kp);
      // The commit deadline is seconds away here; move it instead of waiting.
      await app.app
        .get(require('typeorm').DataSource)
        .query(`UPDATE node_challenges SET deadline = now() - interval '1 second' WHERE node_id = $1`, [kp.nodeId]);
      // The sweeper closes it on its next round (NODES_SWEEP_INTERVAL_MS), whenever a loaded machine gets to it.
      await waitFor(async () => (await node(kp.nodeId)).health.challengesFailed > 0, 10_000, 'the sweeper to time the challenge out');
      const view = await node(kp.nodeId);
      expect(view.health.challengesFailed).toBe(1);
      expect(view.state).toBe('unverified');
    });

    it('holds a work poll open for its wait when there is no work, instead of answering at once', async () => {
      const kp = generateKeypair();
      await register(kp);
      const started = Date.now();
      const work = await client(kp).call<{ lease: unknown }>('GET', '/v1/agent/work?wait=1');
      expect(work.lease).toBeNull();
      // An early answer made every idle agent poll in a tight loop (thousands of queries per second).
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('lets the operator change price and payout wallet with a signed request', async () => {
      const kp = generateKeypair();
      await register(kp);
      const wallet = generateKeypair().nodeId;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body
      const updated = await client(kp).call<Record<string, any>>('PUT', '/v1/agent/settings', {
        price: { amount: '0.5', asset: 'USDC' },
        payoutWallet: wallet,
      });
      expect(updated).toMatchObject({ price: { amount: '0.5', asset: 'USDC' }, payoutWallet: wallet });
      expect(await rejection(client(kp).call('PUT', '/v1/agent/settings', { payoutWallet: 'not-a-wallet' }))).toMatchObject({ status: 400 });
    });
  });
});
