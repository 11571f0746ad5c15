// The one budget rule against the real database: intakes of one account that run at the same time, each in its
// own transaction (on PostgreSQL, on separate connections), queue on the account row, so together they hold no
// more than the rule allows, none deadlocks, a refusal carries the rule's verdict, and an ended job gives its
// hold back. (test/jobs-budget.test.ts checks the same through the HTTP API.)
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { HoldRefused, HoldsService } from '../src/billing/holds.service';
import { ProblemException } from '../src/common/problem';
import { JobRepository, NewJob } from '../src/jobs/job.repository';
import { ADMIN_KEY, bearer, createAccountWithKey, expectLedgerBalanced, http } from './accounts-support';
import { startTestApp, TestApp } from './support/test-app';

describe('holds under the budget rule', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY, ACCOUNT_STARTING_CREDIT_USD: '100' });
  }, 60_000);
  afterAll(async () => app?.close());

  const job = (accountId: string): NewJob => ({
    accountId,
    idempotencyKey: null,
    requestHash: randomUUID(),
    spec: { image: 'ghcr.io/acme/batch:3', durationHours: 4 },
    routing: {},
    warnings: [],
    maxAttempts: 3,
    deadlineAt: new Date(Date.now() + 3_600_000),
    hold: { usd: '20', usdPerHour: '5', estimatedTotalUsd: '20' },
  });

  const account = async (id: string) => (await http.get(`${app.url}/v1/accounts/${id}`, bearer(ADMIN_KEY))).data;

  it('lets intakes racing on one account hold only what the rule allows, and gives holds back as jobs end', async () => {
    // 100 USD would take five such jobs; 12 USD/hour takes two.
    const { accountId } = await createAccountWithKey(app, 'racing', ['jobs'], { maxUsdPerHour: '12' });
    const jobs = app.app.get(JobRepository);
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => jobs.createAll(accountId, [job(accountId)])));
    const stored = outcomes.filter((o) => o.status === 'fulfilled').map((o) => o.value[0]!.job);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as unknown);
    expect(stored).toHaveLength(2);
    expect(refused).toHaveLength(6);
    for (const err of refused) {
      expect(err).toBeInstanceOf(HoldRefused);
      expect((err as HoldRefused).verdict).toMatchObject({
        withinHourLimit: false,
        withinBalance: true,
        heldUsdPerHour: '10',
        maxUsdPerHour: '12',
        fits: false,
      });
    }
    expect(await account(accountId)).toMatchObject({ balanceUsd: '100', heldUsd: '40', availableUsd: '60', heldUsdPerHour: '10' });

    // The explaining check reads the same rule: one more such job would take the account to 15 USD/hour.
    const why = await app.app
      .get(HoldsService)
      .checkJobBudget(accountId, { estimatedTotalUsd: '20', usdPerHour: '5' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(why).toBeInstanceOf(ProblemException);
    expect((why as ProblemException).toProblem()).toMatchObject({ status: 422, limit: 'max_usd_per_hour', heldUsdPerHour: '10', totalUsdPerHour: '15' });

    // Ending a job gives back exactly what it held, once.
    await jobs.finishWithoutAttempt(stored[0]!, ['pending'], 'cancelled', 'cancelled by the test');
    await jobs.finishWithoutAttempt(stored[0]!, ['pending'], 'cancelled', 'cancelled by the test again');
    expect(await account(accountId)).toMatchObject({ heldUsd: '20', heldUsdPerHour: '5' });
    await jobs.finishWithoutAttempt(stored[1]!, ['pending'], 'failed', 'failed by the test');
    expect(await account(accountId)).toMatchObject({ heldUsd: '0', availableUsd: '100', heldUsdPerHour: '0' });
    await expectLedgerBalanced(app);
  });

  it('refuses by the balance when the limits allow, and takes unpriced jobs (an empty pool) whatever the rule says', async () => {
    const { accountId } = await createAccountWithKey(app, 'small', ['jobs']);
    const jobs = app.app.get(JobRepository);
    const big = { ...job(accountId), hold: { usd: '80', usdPerHour: '20', estimatedTotalUsd: '80' } };
    await jobs.createAll(accountId, [big]);
    const refused = await jobs.createAll(accountId, [{ ...big, requestHash: randomUUID() }]).then(
      () => undefined,
      (e: unknown) => e as HoldRefused,
    );
    expect(refused?.verdict).toMatchObject({ withinBalance: false, withinHourLimit: true, withinJobLimit: true, balanceUsd: '100', heldUsd: '80' });
    const [unpriced] = await jobs.createAll(accountId, [{ ...job(accountId), hold: null }]);
    expect(unpriced!.created).toBe(true);
    const view = await account(accountId);
    expect(new Decimal(view.heldUsd).eq(80)).toBe(true);
  });
});
