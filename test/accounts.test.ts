import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HoldsService } from '../src/billing/holds.service';
import { LedgerService } from '../src/billing/ledger.service';
import { ProblemException } from '../src/common/problem';
import { ADMIN_KEY, bearer, createAccountWithKey, expectLedgerBalanced, http } from './accounts-support';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, usingRealPostgres } from './support/test-database';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Fixed one-minute windows: keep a short burst away from a window edge. */
async function awayFromMinuteEdge(): Promise<void> {
  const s = new Date().getUTCSeconds();
  if (s >= 52) await sleep((61 - s) * 1000);
}

describe('accounts, API keys and access control', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY, ACCOUNT_STARTING_CREDIT_USD: '100' });
  });
  afterEach(async () => expectLedgerBalanced(app));
  afterAll(async () => app?.close());

  it('registers ADMIN_API_KEY on first start as an admin key of the operator account, stored as a hash', async () => {
    const res = await http.get(`${app.url}/v1/account`, bearer(ADMIN_KEY));
    expect(res.status).toBe(200);
    expect(res.data.name).toBe('operator');
    const rows = await app.app.get(DataSource).query(`SELECT hash, scopes FROM api_keys`);
    expect(rows).toEqual([{ hash: createHash('sha256').update(ADMIN_KEY).digest('hex'), scopes: ['admin'] }]);
  });

  it('creates an account with the starting credit, and a key shown once and stored only as its hash', async () => {
    const account = await http.post(`${app.url}/v1/accounts`, { name: 'acme', limits: { maxUsdPerJob: '50' } }, bearer(ADMIN_KEY));
    expect(account.status).toBe(201);
    expect(account.data).toMatchObject({ name: 'acme', balanceUsd: '100', limits: { maxUsdPerJob: '50', maxUsdPerHour: null } });

    const created = await http.post(`${app.url}/v1/accounts/${account.data.id}/keys`, { name: 'ci', scopes: ['read', 'jobs'] }, bearer(ADMIN_KEY));
    expect(created.status).toBe(201);
    const key: string = created.data.key;
    expect(key).toMatch(/^sy_live_[1-9A-HJ-NP-Za-km-z]{40,}$/);
    expect(key.startsWith(created.data.prefix)).toBe(true);

    const listed = await http.get(`${app.url}/v1/keys`, bearer(key));
    expect(listed.status).toBe(200);
    expect(listed.data.items).toHaveLength(1);
    expect(listed.data.items[0]).toMatchObject({ id: created.data.id, prefix: created.data.prefix, scopes: ['read', 'jobs'] });
    expect(JSON.stringify(listed.data)).not.toContain(key);

    // Nothing in the database holds the key or its random part; the hash is its sha256.
    const db = app.app.get(DataSource);
    const dump = JSON.stringify(await db.query(`SELECT * FROM api_keys`)) + JSON.stringify(await db.query(`SELECT * FROM accounts`));
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(key.slice('sy_live_'.length));
    const [row] = await db.query(`SELECT hash FROM api_keys WHERE id = $1`, [created.data.id]);
    expect(row.hash).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('accepts the key as x-api-key too, and says why a key is refused', async () => {
    const { key, keyId } = await createAccountWithKey(app, 'refusals', ['read']);
    expect((await http.get(`${app.url}/v1/keys`, { headers: { 'x-api-key': key } })).status).toBe(200);

    const missing = await http.get(`${app.url}/v1/keys`);
    expect(missing.status).toBe(401);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(missing.data).toMatchObject({ status: 401, reason: 'missing' });

    const invalid = await http.get(`${app.url}/v1/keys`, bearer('sy_live_' + 'x'.repeat(44)));
    expect(invalid.data).toMatchObject({ status: 401, reason: 'invalid', detail: 'The API key is invalid.' });
    expect((await http.get(`${app.url}/v1/keys`, { headers: { authorization: 'Basic abc' } })).data.reason).toBe('invalid');

    // A key that expires while it is remembered by the key cache is refused from its expiry on.
    const expiresAt = new Date(Date.now() + 1_500);
    const accountId = (await http.get(`${app.url}/v1/account`, bearer(key))).data.id;
    const shortLived = await http.post(
      `${app.url}/v1/accounts/${accountId}/keys`,
      { name: 'short-lived', scopes: ['read'], expiresAt: expiresAt.toISOString() },
      bearer(ADMIN_KEY),
    );
    expect((await http.get(`${app.url}/v1/keys`, bearer(shortLived.data.key))).status).toBe(200);
    await sleep(expiresAt.getTime() - Date.now() + 50);
    expect((await http.get(`${app.url}/v1/keys`, bearer(shortLived.data.key))).data).toMatchObject({ status: 401, reason: 'expired' });
    expect((await http.get(`${app.url}/v1/keys`, bearer(key))).status).toBe(200);

    const revoked = await http.delete(`${app.url}/v1/keys/${keyId}`, bearer(ADMIN_KEY));
    expect(revoked.status).toBe(200);
    expect(revoked.data.revokedAt).toEqual(expect.any(String));
    expect((await http.get(`${app.url}/v1/keys`, bearer(key))).data).toMatchObject({ status: 401, reason: 'revoked' });
  });

  it('refuses a missing scope with 403 naming the scope', async () => {
    const { key } = await createAccountWithKey(app, 'reader', ['read']);
    const deposit = await http.post(`${app.url}/v1/deposits`, { signature: '1'.repeat(88) }, bearer(key));
    expect(deposit.status).toBe(403);
    expect(deposit.data).toMatchObject({ status: 403, requiredScope: 'jobs', detail: 'This API key lacks the "jobs" scope.' });
    const admin = await http.post(`${app.url}/v1/accounts`, { name: 'nope' }, bearer(key));
    expect(admin.status).toBe(403);
    expect(admin.data.requiredScope).toBe('admin');
    const { key: jobsKey } = await createAccountWithKey(app, 'jobs-only', ['jobs']);
    expect((await http.delete(`${app.url}/v1/keys/00000000-0000-0000-0000-000000000000`, bearer(jobsKey))).data.requiredScope).toBe('admin');
  });

  it('shows an account only its own data', async () => {
    const a = await createAccountWithKey(app, 'tenant-a', ['read', 'jobs']);
    const b = await createAccountWithKey(app, 'tenant-b', ['read', 'jobs']);
    expect((await http.get(`${app.url}/v1/accounts/${a.accountId}`, bearer(a.key))).status).toBe(200);
    const other = await http.get(`${app.url}/v1/accounts/${b.accountId}`, bearer(a.key));
    expect(other.status).toBe(404);
    const keys = await http.get(`${app.url}/v1/keys`, bearer(a.key));
    expect(keys.data.items.map((k: { id: string }) => k.id)).toEqual([a.keyId]);
    expect((await http.get(`${app.url}/v1/account`, bearer(b.key))).data.id).toBe(b.accountId);
  });

  it('keeps health, metrics, docs and the node-signed agent API open, market data public, and closes everything else by default', async () => {
    expect((await http.get(`${app.url}/health/live`)).status).toBe(200);
    expect((await http.get(`${app.url}/metrics`)).status).toBe(200);
    expect((await http.get(`${app.url}/docs/json`)).status).toBe(200);
    // Answered by the node-signature guard (it wants its signed headers), not by API-key auth.
    const agent = await http.post(`${app.url}/v1/agent/heartbeat`, {});
    expect(agent.status).toBe(401);
    expect(agent.data.reason).not.toBe('missing');
    expect(agent.data.detail).not.toMatch(/API key/);

    expect((await http.get(`${app.url}/v1/gpus`)).status).toBe(200);
    expect((await http.get(`${app.url}/v1/deposits/treasury`)).status).toBe(200);
    expect((await http.get(`${app.url}/v1/gpus`, bearer('sy_live_' + 'y'.repeat(44)))).status).toBe(401); // a bad key is never ignored

    const nodes = await http.get(`${app.url}/v1/nodes`);
    expect(nodes.status).toBe(401);
    expect(nodes.data.reason).toBe('missing');
  });

  it('answers 503 for deposits when Solana is not configured', async () => {
    const { key } = await createAccountWithKey(app, 'depositor', ['jobs']);
    const res = await http.post(`${app.url}/v1/deposits`, { signature: '1'.repeat(88) }, bearer(key));
    expect(res.status).toBe(503);
    expect(res.data.detail).toContain('SOLANA_RPC_URL');
  });

  it('rate-limits per key with 429, Retry-After and problem+json', async () => {
    await awayFromMinuteEdge();
    const { accountId } = await createAccountWithKey(app, 'chatty', ['read']);
    const limited = await http.post(
      `${app.url}/v1/accounts/${accountId}/keys`,
      { name: 'limited', scopes: ['read'], rateLimitPerMinute: 3 },
      bearer(ADMIN_KEY),
    );
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await http.get(`${app.url}/v1/keys`, bearer(limited.data.key))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await http.get(`${app.url}/v1/keys`, bearer(limited.data.key));
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.data).toMatchObject({ status: 429, limitPerMinute: 3, retryAfterSeconds: retryAfter });
    // Another key of the same account has its own budget.
    const other = await http.post(`${app.url}/v1/accounts/${accountId}/keys`, { name: 'other', scopes: ['read'] }, bearer(ADMIN_KEY));
    expect((await http.get(`${app.url}/v1/keys`, bearer(other.data.key))).status).toBe(200);
  });

  describe('budgets and the ledger', () => {
    let ledger: LedgerService;
    let holds: HoldsService;
    beforeAll(() => {
      ledger = app.app.get(LedgerService);
      holds = app.app.get(HoldsService);
    });
    const problemOf = async (p: Promise<unknown>) => {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ProblemException);
      const problem = err as ProblemException;
      return problem.toProblem();
    };

    it('refuses a job over max_usd_per_job or max_usd_per_hour with 422 and the numbers', async () => {
      const { accountId } = await createAccountWithKey(app, 'capped', ['jobs'], { maxUsdPerJob: '50', maxUsdPerHour: '10' });
      expect(await problemOf(holds.checkJobBudget(accountId, { estimatedTotalUsd: '60', usdPerHour: '5' }))).toMatchObject({
        status: 422,
        limit: 'max_usd_per_job',
        maxUsdPerJob: '50',
        estimatedTotalUsd: '60',
      });
      expect(await problemOf(holds.checkJobBudget(accountId, { estimatedTotalUsd: null, usdPerHour: '5' }))).toMatchObject({
        status: 422,
        limit: 'max_usd_per_job',
      });
      // What unfinished jobs already hold counts too: test/jobs-budget.test.ts submits real ones.
      expect(await problemOf(holds.checkJobBudget(accountId, { estimatedTotalUsd: '20', usdPerHour: '10.5' }))).toMatchObject({
        status: 422,
        limit: 'max_usd_per_hour',
        maxUsdPerHour: '10',
        heldUsdPerHour: '0',
        jobUsdPerHour: '10.5',
        totalUsdPerHour: '10.5',
      });
      await expect(holds.checkJobBudget(accountId, { estimatedTotalUsd: '20', usdPerHour: '10' })).resolves.toBeUndefined();
    });

    it('refuses a job the balance cannot cover with 402 and the numbers', async () => {
      const { accountId } = await createAccountWithKey(app, 'thrifty', ['jobs']);
      expect(await problemOf(holds.checkJobBudget(accountId, { estimatedTotalUsd: '150.25', usdPerHour: '2' }))).toMatchObject({
        status: 402,
        balanceUsd: '100',
        heldUsd: '0',
        availableUsd: '100',
        requiredUsd: '150.25',
        shortfallUsd: '50.25',
      });
      await expect(holds.checkJobBudget(accountId, { estimatedTotalUsd: '99.99', usdPerHour: '2' })).resolves.toBeUndefined();
      // An open-ended job needs at least one hour's worth.
      expect(await problemOf(holds.checkJobBudget(accountId, { estimatedTotalUsd: null, usdPerHour: '100.01' }))).toMatchObject({
        status: 402,
        requiredUsd: '100.01',
      });
    });

    it('accrues usage once per reference, even when the calls race, and the balance follows', async () => {
      const { accountId, key } = await createAccountWithKey(app, 'worker', ['read']);
      expect(await ledger.accrueUsage(accountId, { reference: 'usage:attempt-1:1', usd: '30.5', memo: 'gpu time' })).toEqual({ created: true });
      expect(await ledger.accrueUsage(accountId, { reference: 'usage:attempt-1:1', usd: '30.5' })).toEqual({ created: false });
      const raced = await Promise.all(Array.from({ length: 5 }, () => ledger.accrueUsage(accountId, { reference: 'usage:attempt-1:2', usd: '0.000001' })));
      expect(raced.filter((r) => r.created)).toHaveLength(1);
      expect(await ledger.balance(accountId)).toBe('69.499999');
      const lines = await http.get(`${app.url}/v1/account/ledger`, bearer(key));
      expect(lines.data.items.map((l: { amountUsd: string }) => l.amountUsd)).toEqual(['-0.000001', '-30.5', '100']);
    });

    it('refuses an unbalanced transaction in code and in the database', async () => {
      const db = app.app.get(DataSource);
      const { accountId } = await createAccountWithKey(app, 'auditor', ['read']);
      await expect(
        db.transaction((m) =>
          ledger.post(m, {
            kind: 'adjustment',
            reference: 'bad:1',
            accountId,
            entries: [
              { ledgerAccount: `account:${accountId}`, amount: '5' },
              { ledgerAccount: 'adjustments:manual', amount: '-4' },
            ],
          }),
        ),
      ).rejects.toThrow(/does not balance/);
      // Straight SQL bypassing the service: the deferred trigger refuses the commit.
      await expect(
        db.transaction(async (m) => {
          await m.query(
            `INSERT INTO ledger_transactions (id, kind, reference, account_id) VALUES ('11111111-1111-4111-8111-111111111111', 'adjustment', 'bad:2', $1)`,
            [accountId],
          );
          await m.query(`INSERT INTO ledger_entries (transaction_id, ledger_account, amount) VALUES ('11111111-1111-4111-8111-111111111111', $1, 5)`, [
            `account:${accountId}`,
          ]);
        }),
      ).rejects.toThrow(/does not balance/);
      expect(await db.query(`SELECT 1 FROM ledger_transactions WHERE reference IN ('bad:1', 'bad:2')`)).toEqual([]);
      expect(await ledger.balance(accountId)).toBe('100');
    });
  });
});

describe('market data behind a key (PUBLIC_MARKET_DATA=false)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY, PUBLIC_MARKET_DATA: 'false' });
  });
  afterAll(async () => app?.close());

  it('needs a read key for market data, and still leaves health open', async () => {
    const closed = await http.get(`${app.url}/v1/gpus`);
    expect(closed.status).toBe(401);
    expect(closed.data.reason).toBe('missing');
    expect((await http.get(`${app.url}/v1/deposits/treasury`)).status).toBe(401);
    const { key } = await createAccountWithKey(app, 'reader', ['read']);
    expect((await http.get(`${app.url}/v1/gpus`, bearer(key))).status).toBe(200);
    expect((await http.get(`${app.url}/health/live`)).status).toBe(200);
  });
});

/** Two service instances on one database. PGlite serves exactly one connection, so only on a PostgreSQL server. */
async function withTwoReplicas(env: Record<string, string>, test: (a: TestApp, b: TestApp) => Promise<void>): Promise<void> {
  const db = await createTestDatabase();
  const [a, b] = await Promise.all([startTestApp(env, db), startTestApp(env, db)]);
  try {
    await test(a, b);
  } finally {
    await a.close();
    await b.close();
    await db.drop();
  }
}

(usingRealPostgres ? describe : describe.skip)('a key revoked on one replica', () => {
  it('stops working on the other replica at once, although that replica remembered it', () =>
    withTwoReplicas({ ADMIN_API_KEY: ADMIN_KEY, API_KEY_CACHE_MS: '60000' }, async (a, b) => {
      const { key, keyId } = await createAccountWithKey(a, 'revoked elsewhere', ['read']);
      expect((await http.get(`${b.url}/v1/keys`, bearer(key))).status).toBe(200); // now in b's key cache
      expect((await http.delete(`${a.url}/v1/keys/${keyId}`, bearer(ADMIN_KEY))).status).toBe(200);
      // The notification crosses in milliseconds; the cache would keep the key for a minute.
      const deadline = Date.now() + 1_000;
      let status = 200;
      while (status === 200 && Date.now() < deadline) {
        status = (await http.get(`${b.url}/v1/keys`, bearer(key))).status;
        if (status === 200) await sleep(20);
      }
      expect(status).toBe(401);
    }));
});

(usingRealPostgres ? describe : describe.skip)('rate limits across two replicas on one database', () => {
  it('counts one key on both replicas against one limit', () =>
    withTwoReplicas({ ADMIN_API_KEY: ADMIN_KEY, RATE_LIMIT_PER_MINUTE: '5' }, async (a, b) => {
      await awayFromMinuteEdge();
      const account = await http.post(`${a.url}/v1/accounts`, { name: 'replicated' }, bearer(ADMIN_KEY));
      const key = (await http.post(`${b.url}/v1/accounts/${account.data.id}/keys`, { name: 'k', scopes: ['read'] }, bearer(ADMIN_KEY))).data.key;
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await http.get(`${(i % 2 ? b : a).url}/v1/keys`, bearer(key))).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const res = await http.get(`${a.url}/v1/keys`, bearer(key));
      expect(res.status).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }));
});

describe('starting credit without ACCOUNT_STARTING_CREDIT_USD', () => {
  it('gives the demo’s accounts credit while networks are simulated, so the README’s first job runs', async () => {
    const demo = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY, NETWORKS: 'render', SIMULATORS: 'auto' });
    try {
      // The operator account is created at boot, before the simulators start: it gets the demo credit too.
      const operator = await http.get(`${demo.url}/v1/account`, bearer(ADMIN_KEY));
      expect(operator.data.balanceUsd).toBe('1000');
      const account = await http.post(`${demo.url}/v1/accounts`, { name: 'newcomer' }, bearer(ADMIN_KEY));
      expect(account.data.balanceUsd).toBe('1000');
      const [credit] = await demo.app
        .get(DataSource)
        .query(`SELECT memo FROM ledger_transactions WHERE reference = $1`, [`starting-credit:${account.data.id}`]);
      expect(credit.memo).toBe('demo credit: render simulated (set ACCOUNT_STARTING_CREDIT_USD to change)');
      await expectLedgerBalanced(demo);
    } finally {
      await demo.close();
    }
  });

  it('gives none when every network is real (or none is loaded)', async () => {
    const real = await startTestApp({
      ADMIN_API_KEY: ADMIN_KEY,
      NETWORKS: 'render',
      SIMULATORS: 'off',
      RENDER_BASE_URL: 'http://127.0.0.1:9',
      RENDER_PUBLIC_KEY: 'pk',
      RENDER_SECRET_KEY: 'sk',
    });
    try {
      const account = await http.post(`${real.url}/v1/accounts`, { name: 'paying' }, bearer(ADMIN_KEY));
      expect(account.data.balanceUsd).toBe('0');
    } finally {
      await real.close();
    }
  });
});
