import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { LEDGER, LedgerService } from '../src/billing/ledger.service';
import { ReconcilerService } from '../src/jobs/reconciler.service';
import { api, simulatorOf, startWorld, SUBMIT_PATHS, waitFor, waitForJob } from './support/market-world';
import type { TestApp } from './support/test-app';

describe('jobs end to end across simulated networks', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Short blocks: the failover test blocks a whole network, and later tests should not inherit that.
    // Usage accrues every half second here (15 minutes by default), so a 2 s job is charged while it runs.
    // A placement whose status goes unanswered for 3 s is taken as lost (30 minutes by default).
    // Workloads never fail on their own here: these tests follow single jobs to success (failures have their own tests).
    app = await startWorld('akash,render,filecoin', { BLOCK_TTL_MS: '5000', USAGE_ACCRUAL_MS: '500', SIM_JOB_FAILURE_RATE: '0', STATUS_LOST_AFTER_MS: '3000' });
  }, 60_000);
  afterAll(async () => app?.close());

  /** What the ledger charged for an attempt's usage, in USD. */
  const usageCharged = async (attemptId: string): Promise<string> =>
    (
      await app.app.get(DataSource).query(
        `SELECT COALESCE(SUM(e.amount), 0)::text AS usd FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
       WHERE t.reference LIKE $1 AND e.ledger_account = 'revenue:usage'`,
        [`usage:${attemptId}%`],
      )
    )[0].usd;

  const spec = { image: 'ghcr.io/acme/batch:3', resources: { gpu: { count: 1, models: ['rtx-4090'] } }, durationHours: 0.0005 };

  it('lands on the cheapest capable network, runs to completion, and explains the choice', async () => {
    const quote = await api.post(`${app.url}/v1/quotes`, spec);
    expect(quote.status).toBe(200);
    const best = quote.data.decision.candidates[0];
    const created = await api.post(`${app.url}/v1/jobs`, spec);
    expect(created.status).toBe(202);
    const done = await waitForJob(app, created.data.id, ['succeeded', 'failed'], 45_000);
    expect(done.state).toBe('succeeded');
    const attempt = done.attempts[0];
    expect(attempt.network).toBe(best.network);
    expect(attempt.routing.explanation).toMatch(/offers considered: \d+ eligible/);
    expect(attempt.routing.candidates[0].why).toMatch(/^chosen as the cheapest capable healthy offer/);
    expect(Number(done.cost.usd)).toBeGreaterThan(0);
    // The ledger charged it while it ran, once per accrual period, then the rest: together exactly its cost.
    const charges: Array<{ reference: string; usd: string }> = await app.app.get(DataSource).query(
      `SELECT t.reference, e.amount::text AS usd FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
       WHERE t.reference LIKE $1 AND e.ledger_account = 'revenue:usage' ORDER BY t.created_at`,
      [`usage:${attempt.id}%`],
    );
    expect(charges.length).toBeGreaterThanOrEqual(2);
    expect(charges.map((c) => c.reference)).toContain(`usage:${attempt.id}:0`);
    expect(charges.reduce((s, c) => s.plus(c.usd), new Decimal(0)).toFixed(6)).toBe(new Decimal(attempt.costUsd).toFixed(6));
  }, 60_000);

  it('ends a job the ledger refuses to charge, and charges it once the ledger is back', async () => {
    const db = app.app.get(DataSource);
    // The ledger refuses every usage charge, as a full disk or a broken constraint would.
    await db.query(`CREATE FUNCTION refuse_usage() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.kind = 'usage' THEN RAISE EXCEPTION 'ledger closed for the test'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER refuse_usage BEFORE INSERT ON ledger_transactions FOR EACH ROW EXECUTE FUNCTION refuse_usage()`);
    let attempt: { id: string; costUsd: string };
    try {
      const created = await api.post(`${app.url}/v1/jobs`, spec);
      const done = await waitForJob(app, created.data.id, ['succeeded', 'failed'], 45_000);
      expect(done.state).toBe('succeeded');
      attempt = done.attempts[0];
    } finally {
      await db.query('DROP TRIGGER refuse_usage ON ledger_transactions');
      await db.query('DROP FUNCTION refuse_usage()');
    }
    const usage = () => usageCharged(attempt.id);
    const settledAt = async () => (await db.query('SELECT usage_settled_at FROM job_attempts WHERE id = $1', [attempt.id]))[0].usage_settled_at;
    // The job still ended (its record is whole), owing its cost: nothing charged, not settled.
    expect(new Decimal(attempt.costUsd).gt(0)).toBe(true);
    expect(await usage()).toBe('0');
    expect(await settledAt()).toBeNull();

    const reconciler = app.app.get(ReconcilerService);
    // The sweep leaves an attempt to the worker that ended it for a grace period; none here.
    expect(await reconciler.settleEndedAttempts(0)).toBeGreaterThanOrEqual(1);
    expect(new Decimal(await usage()).eq(attempt.costUsd)).toBe(true);
    expect(await settledAt()).not.toBeNull();
    // Settled once: a second sweep charges nothing more.
    await reconciler.settleEndedAttempts(0);
    expect(new Decimal(await usage()).eq(attempt.costUsd)).toBe(true);
  }, 60_000);

  it('streams the timeline as server-sent events that a reconnecting client resumes, not replays', async () => {
    const created = await api.post(`${app.url}/v1/jobs`, spec);
    await waitForJob(app, created.data.id, ['succeeded', 'failed'], 45_000);
    const url = `${app.url}/v1/jobs/${created.data.id}/events`;
    const messages = (text: string) =>
      text
        .trim()
        .split('\n\n')
        .map((block) => Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)])));
    const all = messages((await api.get(url, { responseType: 'text' })).data);
    const timeline = all.filter((m) => m.event !== 'end');
    expect(timeline.length).toBeGreaterThanOrEqual(4);
    const end = all[all.length - 1];
    expect(end.event).toBe('end');
    expect(end.id).toBe(timeline[timeline.length - 1].id);
    // Reconnect as EventSource does, with the id of the last event seen: only what came after, then end.
    const seen = timeline[timeline.length - 3].id;
    const resumed = messages((await api.get(url, { responseType: 'text', headers: { 'last-event-id': seen } })).data);
    expect(resumed.map((m) => m.id)).toEqual([...timeline.slice(-2).map((m) => m.id), end.id]);
  }, 60_000);

  it('routes a job with an IPFS input to a Filecoin storage provider that can mount it, and sees it complete', async () => {
    const withInput = { ...spec, inputs: [{ cid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', path: '/inputs' }] };
    const quote = await api.post(`${app.url}/v1/quotes`, withInput);
    expect(quote.status).toBe(200);
    expect(quote.data.decision.dropped['network cannot run this job']).toBeGreaterThan(0);
    const created = await api.post(`${app.url}/v1/jobs`, withInput);
    const done = await waitForJob(app, created.data.id, ['succeeded', 'failed'], 45_000);
    expect(done.state).toBe('succeeded');
    expect(done.attempts.every((a: { network: string }) => a.network === 'filecoin')).toBe(true);
    const logs = await api.get(`${app.url}/v1/jobs/${created.data.id}/logs`);
    expect(logs.data.lines.join('\n')).toContain('bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi');
  }, 60_000);

  it('fails over when the cheapest network fails, and explains both decisions', async () => {
    const quote = await api.post(`${app.url}/v1/quotes`, spec);
    const first = quote.data.decision.candidates[0].network as string;
    await simulatorOf(app, first).setFaults({ errorRate: 1, errorStatus: 503, paths: SUBMIT_PATHS[first] });
    try {
      const created = await api.post(`${app.url}/v1/jobs`, spec);
      const done = await waitForJob(app, created.data.id, ['succeeded', 'failed'], 60_000);
      if (done.state !== 'succeeded')
        console.log(
          JSON.stringify(
            { reason: done.stateReason, attempts: done.attempts.map((a: { network: string; error: unknown; state: string }) => [a.network, a.state, a.error]) },
            null,
            1,
          ),
        );
      expect(done.state).toBe('succeeded');
      expect(done.attempts.length).toBeGreaterThanOrEqual(2);
      const [failed, ...rest] = done.attempts;
      expect(failed.network).toBe(first);
      expect(failed.error).toMatchObject({ code: 'unavailable', scope: 'network' });
      const landed = rest[rest.length - 1];
      expect(landed.network).not.toBe(first);
      expect(landed.routing.dropped['blocked after a failure']).toBeGreaterThan(0);
      const events = await api.get(`${app.url}/v1/jobs/${created.data.id}/events`, { responseType: 'text' });
      expect(events.data).toContain(`failed (unavailable, network blocked): failing over`);
      expect(events.data).toContain('event: end');
    } finally {
      await simulatorOf(app, first).clearFaults();
    }
  }, 90_000);

  it('moves to another network when no Akash provider bids, instead of trying Akash provider after provider', async () => {
    const preferAkash = { ...spec, policy: 'network-preference', preference: ['akash', 'render', 'filecoin'] };
    const akash = simulatorOf(app, 'akash');
    await akash.setFaults({ flags: { noBids: true } });
    try {
      const quote = await api.post(`${app.url}/v1/quotes`, preferAkash);
      const akashOffers = quote.data.decision.candidates.filter((c: { network: string }) => c.network === 'akash').length;
      expect(akashOffers).toBeGreaterThan(1);
      const created = await api.post(`${app.url}/v1/jobs`, preferAkash);
      const done = await waitForJob(app, created.data.id, ['succeeded', 'failed'], 60_000);
      expect(done.state).toBe('succeeded');
      expect(done.attempts.map((a: { network: string }) => a.network)).toEqual(['akash', 'render']);
      expect(done.attempts[0].error).toMatchObject({ code: 'no_capacity', failover: 'network' });
      const akashRanked = done.attempts[1].routing.candidates.find((c: { network: string }) => c.network === 'akash');
      if (akashRanked) expect(akashRanked.why).toMatch(/ranked last because no provider of akash took the job just now/);
    } finally {
      await akash.clearFaults();
    }
  }, 90_000);

  it('finds its placement when the network carried out a submit but the answer was lost, instead of placing the job twice', async () => {
    const preferRender = { ...spec, policy: 'network-preference', preference: ['render', 'filecoin', 'akash'] };
    const render = simulatorOf(app, 'render');
    await render.setFaults({ loseAnswers: true, paths: '^/v1/jobs$' });
    try {
      const created = await api.post(`${app.url}/v1/jobs`, preferRender);
      const done = await waitForJob(app, created.data.id, ['succeeded', 'failed'], 60_000);
      expect(done.state).toBe('succeeded');
      expect(done.attempts.map((a: { network: string }) => a.network)).toEqual(['render']);
      // One Render job was created for the attempt's key: the second ask found it.
      expect(await render.submissionsFor(done.attempts[0].id)).toBe(1);
    } finally {
      await render.clearFaults();
    }
  }, 90_000);

  it('does not keep a provider from other jobs because one job’s own workload exited non-zero', async () => {
    // No duration: it runs until its workload ends, which (the simulator's `fail-` images) is with exit code 1.
    const failing = {
      ...spec,
      durationHours: undefined,
      image: 'ghcr.io/acme/fail-batch:3',
      policy: 'network-preference',
      preference: ['filecoin', 'render', 'akash'],
    };
    const created = await api.post(`${app.url}/v1/jobs`, failing);
    const done = await waitForJob(app, created.data.id, ['succeeded', 'failed'], 60_000);
    expect(done.state).toBe('failed');
    expect(done.attempts).toHaveLength(1);
    const attempt = done.attempts[0];
    expect(attempt.network).toBe('filecoin');
    expect(done.stateReason).toMatch(/exit/);
    const blocks = await app.app
      .get(DataSource)
      .query(`SELECT scope, key FROM routing_blocks WHERE network = 'filecoin' AND key IN ($1, $2)`, [attempt.offerId, attempt.providerId]);
    expect(blocks).toEqual([]);
  }, 60_000);

  it('takes a running job whose network stops answering as lost, charges it until last seen, and places it again', async () => {
    const onRender = { ...spec, durationHours: 0.01, policy: 'network-preference', preference: ['render', 'filecoin', 'akash'] };
    const created = await api.post(`${app.url}/v1/jobs`, onRender);
    const id = created.data.id as string;
    const running = await waitForJob(app, id, ['running'], 30_000);
    expect(running.attempts[0].network).toBe('render');
    const render = simulatorOf(app, 'render');
    // Render stops answering this job's status (and its cancel): only GET/DELETE /v1/jobs/<uuid>.
    const silentFrom = Date.now();
    await render.setFaults({ errorRate: 1, errorStatus: 503, paths: '^/v1/jobs/[0-9a-f-]+$' });
    try {
      await waitFor(async () => (await api.get(`${app.url}/v1/jobs/${id}`)).data.attempts.length >= 2, 20_000, 'a second attempt');
    } finally {
      await render.clearFaults();
    }
    const job = (await api.get(`${app.url}/v1/jobs/${id}`)).data;
    const [lost] = job.attempts;
    expect(lost.state).toBe('lost');
    expect(lost.error.message).toMatch(/has not answered its status for \d+ min .*last seen/);
    // Charged from its start to when the network last answered, not for the silence after.
    const finished = new Date(lost.finishedAt).getTime();
    expect(finished).toBeGreaterThan(new Date(lost.startedAt).getTime());
    expect(finished).toBeLessThanOrEqual(silentFrom + 1_000);
    expect(new Decimal(lost.costUsd).gt(0)).toBe(true);
    expect(new Decimal(await usageCharged(lost.id)).eq(lost.costUsd)).toBe(true);
    await api.post(`${app.url}/v1/jobs/${id}/cancel`);
    expect((await waitForJob(app, id, ['cancelled', 'succeeded', 'failed'], 30_000)).state).toBe('cancelled');
  }, 90_000);

  it('stops a running job once its account has no money left, and closes its placement', async () => {
    const account = await api.post(`${app.url}/v1/accounts`, { name: 'runs dry' });
    const key = await api.post(`${app.url}/v1/accounts/${account.data.id}/keys`, { name: 'runs dry', scopes: ['jobs'] });
    const headers = { authorization: `Bearer ${key.data.key}` };
    const long = { ...spec, durationHours: 1, policy: 'network-preference', preference: ['render', 'filecoin', 'akash'] };
    const created = await api.post(`${app.url}/v1/jobs`, long, { headers });
    expect(created.status).toBe(202);
    // The job is the customer's: followed with its key.
    const job = async () => (await api.get(`${app.url}/v1/jobs/${created.data.id}`, { headers })).data;
    await waitFor(async () => (await job()).state === 'running', 30_000, 'the job to run');
    const running = await job();
    // The rest of the balance goes elsewhere (an adjustment here; another job's overrun in life).
    const ledger = app.app.get(LedgerService);
    const rest = new Decimal(await ledger.balance(account.data.id));
    const drainedAt = Date.now();
    await app.app.get(DataSource).transaction((em) =>
      ledger.post(em, {
        kind: 'adjustment',
        reference: `test-drain:${account.data.id}`,
        accountId: account.data.id,
        memo: 'test: spent elsewhere',
        entries: [
          { ledgerAccount: LEDGER.customer(account.data.id), amount: rest.negated() },
          { ledgerAccount: LEDGER.adjustments, amount: rest },
        ],
      }),
    );
    await waitFor(async () => ['succeeded', 'failed', 'cancelled'].includes((await job()).state), 30_000, 'the job to end');
    const done = await job();
    expect(done.state).toBe('failed');
    expect(done.stateReason).toMatch(/^stopped: the account's balance ran out \(-[\d.]+ USD\); placement on render closed/);
    expect(done.attempts[0]).toMatchObject({ id: running.attempts[0].id, state: 'cancelled' });
    // Stopped at the next accrual, and charged until then, no further.
    expect(new Date(done.attempts[0].finishedAt).getTime() - drainedAt).toBeLessThan(3_000);
    expect(new Decimal(await usageCharged(running.attempts[0].id)).eq(done.attempts[0].costUsd)).toBe(true);
  }, 60_000);

  it('cancels a running job and closes its placement', async () => {
    const created = await api.post(`${app.url}/v1/jobs`, { ...spec, durationHours: 1 });
    await waitForJob(app, created.data.id, ['running'], 45_000);
    const cancel = await api.post(`${app.url}/v1/jobs/${created.data.id}/cancel`);
    expect(cancel.status).toBe(202);
    const done = await waitForJob(app, created.data.id, ['cancelled'], 20_000);
    expect(done.stateReason).toMatch(/cancelled by the user/);
    expect(done.attempts[0].state).toBe('cancelled');
  }, 90_000);
});
