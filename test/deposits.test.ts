import { DataSource } from 'typeorm';
import { buildUsdcTransfer, simKey } from '../src/billing/solana-deposit.fixtures';
import { SolanaDepositsSimulator } from '../src/billing/solana-deposits.simulator';
import { ADMIN_KEY, bearer, createAccountWithKey, expectLedgerBalanced, http } from './accounts-support';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const TREASURY = simKey('treasury');

describe('USDC deposits verified on Solana', () => {
  let sim: SolanaDepositsSimulator;
  let app: TestApp;
  let alice: { accountId: string; key: string; reference: string; memo: string };
  let bob: { accountId: string; key: string; reference: string; memo: string };

  const deposit = (who: { key: string }, signature: string) => http.post(`${app.url}/v1/deposits`, { signature }, bearer(who.key));
  const balance = async (who: { key: string }) => (await http.get(`${app.url}/v1/account`, bearer(who.key))).data.balanceUsd;
  const withReference = async (name: string) => {
    const acct = await createAccountWithKey(app, name, ['read', 'jobs']);
    const ref = await http.get(`${app.url}/v1/deposits/reference`, bearer(acct.key));
    expect(ref.status).toBe(200);
    expect(ref.data).toMatchObject({
      enabled: true,
      treasuryOwner: TREASURY,
      usdcMint: 'EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v',
      memo: `sy:${acct.accountId}`,
    });
    return { ...acct, reference: ref.data.reference as string, memo: ref.data.memo as string };
  };

  beforeAll(async () => {
    sim = new SolanaDepositsSimulator();
    await sim.start();
    app = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY, SOLANA_RPC_URL: sim.url, TREASURY_OWNER: TREASURY });
    alice = await withReference('alice');
    bob = await withReference('bob');
  });
  afterEach(async () => expectLedgerBalanced(app));
  afterAll(async () => {
    await app?.close();
    await sim?.close();
  });

  it('credits a legacy transfer bound by the reference key exactly once, and replays the original result', async () => {
    const sig = sim.add(
      buildUsdcTransfer({ label: 'legacy-alice', version: 'legacy', destinationOwner: TREASURY, amountBaseUnits: 25_500_000n, reference: alice.reference }),
    );
    const first = await deposit(alice, sig);
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({
      status: 'credited',
      signature: sig,
      accountId: alice.accountId,
      amountUsdc: '25.5',
      amountUsd: '25.5',
      binding: 'reference',
      replayed: false,
    });
    expect(await balance(alice)).toBe('25.5');

    const again = await deposit(alice, sig);
    expect(again.status).toBe(200);
    expect(again.data).toEqual({ ...first.data, replayed: true });
    expect(await balance(alice)).toBe('25.5');

    const stolen = await deposit(bob, sig);
    expect(stolen.status).toBe(422);
    expect(stolen.data.detail).toMatch(/another account/);
    expect(await balance(bob)).toBe('0');
    // The web3.js client asked for exactly what the service needs.
    expect(sim.calls.find((c) => c.method === 'getTransaction')?.params[1]).toEqual({ commitment: 'finalized', maxSupportedTransactionVersion: 0 });
  });

  it('credits a v0 transaction whose treasury account and reference come from a lookup table, split over two treasury accounts', async () => {
    const sig = sim.add(
      buildUsdcTransfer({
        label: 'v0-alice',
        version: 0,
        destinationOwner: TREASURY,
        amountBaseUnits: 3_000_000n,
        reference: alice.reference,
        splitAcrossTwoAccounts: true,
        createsDestinationAccount: true,
      }),
    );
    const res = await deposit(alice, sig);
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ amountUsd: '3', binding: 'reference' });
  });

  it('credits a transfer bound by the sy:<accountId> memo', async () => {
    const sig = sim.add(buildUsdcTransfer({ label: 'memo-bob', version: 'legacy', destinationOwner: TREASURY, amountBaseUnits: 1_000_001n, memo: bob.memo }));
    const res = await deposit(bob, sig);
    expect(res.status).toBe(201);
    expect(res.data).toMatchObject({ amountUsd: '1.000001', binding: 'memo' });
    expect(await balance(bob)).toBe('1.000001');
  });

  it("refuses someone else's deposit, which its owner can still claim", async () => {
    const sig = sim.add(
      buildUsdcTransfer({ label: 'bobs-reference', version: 0, destinationOwner: TREASURY, amountBaseUnits: 2_000_000n, reference: bob.reference }),
    );
    const res = await deposit(alice, sig);
    expect(res.status).toBe(422);
    expect(res.data).toMatchObject({ type: expect.stringContaining('deposit-belongs-to-another-account') });
    expect((await deposit(bob, sig)).status).toBe(201);
  });

  it('refuses a fake mint, a transfer to someone else, a failed transaction and an unbound one, naming why', async () => {
    const cases = [
      { fixture: { label: 'fake-mint', mint: simKey('not-usdc'), reference: alice.reference }, slug: 'deposit-wrong-mint', detail: /not USDC/ },
      {
        fixture: { label: 'not-treasury', destinationOwner: simKey('someone-else'), reference: alice.reference },
        slug: 'deposit-not-to-treasury',
        detail: /treasury/,
      },
      {
        fixture: { label: 'failed', err: { InstructionError: [1, { Custom: 1 }] }, reference: alice.reference },
        slug: 'deposit-failed-on-chain',
        detail: /failed on chain/,
      },
      { fixture: { label: 'unbound' }, slug: 'deposit-not-bound', detail: /neither/ },
    ];
    for (const c of cases) {
      const sig = sim.add(buildUsdcTransfer({ version: 'legacy', destinationOwner: TREASURY, amountBaseUnits: 9_000_000n, ...c.fixture }));
      const res = await deposit(alice, sig);
      expect({ label: c.fixture.label, status: res.status, type: res.data.type }).toEqual({
        label: c.fixture.label,
        status: 422,
        type: expect.stringContaining(c.slug),
      });
      expect(res.data.detail).toMatch(c.detail);
    }
    const db = app.app.get(DataSource);
    expect(await db.query(`SELECT count(*)::int AS n FROM deposits WHERE account_id = $1`, [alice.accountId])).toEqual([{ n: 2 }]);
  });

  it('answers 202 pending until the transaction is finalized, then credits it', async () => {
    const sig = sim.add(
      buildUsdcTransfer({ label: 'young', version: 'legacy', destinationOwner: TREASURY, amountBaseUnits: 4_000_000n, reference: bob.reference }),
      { finalized: false },
    );
    const before = await balance(bob);
    const pending = await deposit(bob, sig);
    expect(pending.status).toBe(202);
    expect(pending.data).toMatchObject({ status: 'pending', signature: sig });
    expect(await balance(bob)).toBe(before);
    sim.finalize(sig);
    expect((await deposit(bob, sig)).status).toBe(201);
  });

  it('answers 404 for an unknown signature and 400 for a malformed one', async () => {
    const missing = await deposit(
      alice,
      buildUsdcTransfer({ label: 'never-sent', version: 'legacy', destinationOwner: TREASURY, amountBaseUnits: 1n }).signature,
    );
    expect(missing.status).toBe(404);
    expect(missing.data.detail).toMatch(/retry/);
    const malformed = await deposit(alice, 'O0Il'.repeat(22));
    expect(malformed.status).toBe(400);
  });

  it('credits a deposit submitted many times at once exactly once', async () => {
    const sig = sim.add(buildUsdcTransfer({ label: 'race', version: 0, destinationOwner: TREASURY, amountBaseUnits: 7_000_000n, reference: alice.reference }));
    const before = await balance(alice);
    const results = await Promise.all(Array.from({ length: 6 }, () => deposit(alice, sig)));
    // More than one submission got as far as verifying on chain, so the database had to settle the race.
    expect(sim.calls.filter((c) => c.method === 'getTransaction' && c.params[0] === sig).length).toBeGreaterThan(1);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.data.creditedAt)).size).toBe(1);
    expect(Number(await balance(alice)) - Number(before)).toBeCloseTo(7, 9);
    const db = app.app.get(DataSource);
    expect(await db.query(`SELECT count(*)::int AS n FROM ledger_transactions WHERE reference = $1`, [`deposit:${sig}`])).toEqual([{ n: 1 }]);
  });

  it('needs the jobs scope to submit a deposit', async () => {
    const reader = await createAccountWithKey(app, 'reader', ['read']);
    const res = await deposit(reader, buildUsdcTransfer({ label: 'whatever', version: 'legacy', destinationOwner: TREASURY, amountBaseUnits: 1n }).signature);
    expect(res.status).toBe(403);
    expect(res.data.requiredScope).toBe('jobs');
  });

  it('lists the credited deposits of the caller only', async () => {
    const res = await http.get(`${app.url}/v1/deposits`, bearer(bob.key));
    expect(res.status).toBe(200);
    expect(res.data.items.every((d: { accountId: string }) => d.accountId === bob.accountId)).toBe(true);
    expect(res.data.items).toHaveLength(3);
  });
});
