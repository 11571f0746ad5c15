// Budgets hold: a job accepted holds its estimated total of the account's balance and its price per hour of the
// account's max_usd_per_hour until it ends, so jobs sent together can never promise more than the account has.
// The dispatcher is off here: accepted jobs wait, queued, holding, as they do behind a backlog; the reconciler,
// which carries out cancels, is ticked by hand.
import axios from 'axios';
import Decimal from 'decimal.js';
import { ReconcilerService } from '../src/jobs/reconciler.service';
import { api, startWorld } from './support/market-world';
import type { TestApp } from './support/test-app';

describe('budgets hold what unfinished jobs may spend', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('render', { DISPATCH_ENABLED: 'false', ACCOUNT_STARTING_CREDIT_USD: '10' });
  }, 60_000);
  afterAll(async () => app?.close());

  const spec = (durationHours: number) => ({ image: 'ghcr.io/acme/batch:3', resources: { gpu: { count: 1 } }, durationHours });

  /** A new account (10 USD of starting credit) with a key that may send jobs. */
  async function customer(name: string, limits: Record<string, string>) {
    const account = await api.post(`${app.url}/v1/accounts`, { name, limits });
    expect(account.status).toBe(201);
    const key = await api.post(`${app.url}/v1/accounts/${account.data.id}/keys`, { name, scopes: ['jobs', 'read'] });
    expect(key.status).toBe(201);
    const client = axios.create({ baseURL: app.url, validateStatus: () => true, headers: { authorization: `Bearer ${key.data.key}` } });
    return { id: account.data.id as string, client };
  }

  async function priceOf(durationHours: number) {
    const quote = await api.post(`${app.url}/v1/quotes`, spec(durationHours));
    expect(quote.status).toBe(200);
    const best = quote.data.decision.candidates[0];
    return { perHour: new Decimal(best.effectiveUsdPerHour), total: new Decimal(best.estimatedTotalUsd) };
  }

  it('lets a burst of concurrent jobs hold no more than the balance, and refuses the rest with the numbers', async () => {
    const { client } = await customer('burst', {});
    const balance = new Decimal((await client.get('/v1/account')).data.balanceUsd);
    // Jobs sized so that about seven fit the balance; twenty arrive at once.
    const durationHours = balance
      .div(7.5)
      .div((await priceOf(1)).perHour)
      .toDecimalPlaces(4)
      .toNumber();
    const answers = await Promise.all(Array.from({ length: 20 }, () => client.post('/v1/jobs', spec(durationHours))));
    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status !== 202);
    expect(refused.map((a) => a.status)).toEqual(refused.map(() => 402));
    expect(accepted.length).toBeGreaterThanOrEqual(6);
    expect(accepted.length).toBeLessThanOrEqual(7);
    for (const r of refused) {
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(new Decimal(r.data.availableUsd).lt(r.data.requiredUsd)).toBe(true);
    }
    const account = (await client.get('/v1/account')).data;
    expect(new Decimal(account.heldUsd).lte(balance)).toBe(true);
    expect(new Decimal(account.availableUsd).eq(balance.minus(account.heldUsd))).toBe(true);
    // What the account holds is exactly what its accepted jobs hold.
    const held = await Promise.all(accepted.map(async (a) => (await client.get(`/v1/jobs/${a.data.id}`)).data));
    expect(held.every((j) => j.state === 'pending')).toBe(true);
    const total = (await priceOf(durationHours)).total;
    expect(new Decimal(account.heldUsd).eq(total.times(accepted.length))).toBe(true);
  }, 60_000);

  it('counts queued jobs against max_usd_per_hour, and gives their hold back when they end', async () => {
    const { perHour } = await priceOf(0.5);
    const { client } = await customer('hourly', { maxUsdPerHour: perHour.times(2.5).toFixed(6) });
    const first = await client.post('/v1/jobs', spec(0.5));
    const second = await client.post('/v1/jobs', spec(0.5));
    expect([first.status, second.status]).toEqual([202, 202]);
    // Neither runs yet, but together they already hold 2× the price per hour: a third would make it 3×.
    const third = await client.post('/v1/jobs', spec(0.5));
    expect(third.status).toBe(422);
    expect(third.data).toMatchObject({ limit: 'max_usd_per_hour', heldUsdPerHour: perHour.times(2).toFixed(), jobUsdPerHour: perHour.toFixed() });

    // Cancelling a queued job ends it and frees its share.
    expect((await client.post(`/v1/jobs/${first.data.id}/cancel`)).status).toBe(202);
    await app.app.get(ReconcilerService).tick();
    expect((await client.get(`/v1/jobs/${first.data.id}`)).data.state).toBe('cancelled');
    const account = (await client.get('/v1/account')).data;
    expect(account.heldUsdPerHour).toBe(perHour.toFixed());
    expect((await client.post('/v1/jobs', spec(0.5))).status).toBe(202);
  }, 60_000);

  it('refuses at intake a job over max_usd_per_job, or one without a duration such a cap cannot check', async () => {
    const { total } = await priceOf(2);
    const { client } = await customer('per-job', { maxUsdPerJob: total.times(0.9).toFixed(6) });
    const over = await client.post('/v1/jobs', spec(2));
    expect(over.status).toBe(422);
    expect(over.data).toMatchObject({ limit: 'max_usd_per_job', estimatedTotalUsd: total.toFixed() });
    const { image, resources } = spec(2);
    expect((await client.post('/v1/jobs', { image, resources })).data).toMatchObject({ status: 422, limit: 'max_usd_per_job', estimatedTotalUsd: null });
    expect((await client.post('/v1/jobs', spec(1))).status).toBe(202);
    expect((await client.get('/v1/account')).data.heldUsd).toBe((await priceOf(1)).total.toFixed());
  }, 60_000);

  it('holds once for a job sent several times at once under one Idempotency-Key', async () => {
    const { client } = await customer('retrying', {});
    const headers = { 'idempotency-key': 'same-job' };
    // Sent together, the copies are stored in one batch with other work: one job, held once.
    const answers = await Promise.all([
      ...Array.from({ length: 5 }, () => client.post('/v1/jobs', spec(0.5), { headers })),
      client.post('/v1/jobs', spec(0.25)),
    ]);
    const copies = answers.slice(0, 5);
    expect(copies.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 202]);
    expect(new Set(copies.map((a) => a.data.id)).size).toBe(1);
    expect(answers[5].status).toBe(202);
    const expected = (await priceOf(0.5)).total.plus((await priceOf(0.25)).total);
    expect((await client.get('/v1/account')).data.heldUsd).toBe(expected.toFixed());
  }, 60_000);

  it('gives every hold back once the jobs have ended', async () => {
    const { client } = await customer('drained', {});
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await client.post('/v1/jobs', spec(0.25))).data.id);
    expect(new Decimal((await client.get('/v1/account')).data.heldUsd).gt(0)).toBe(true);
    for (const id of ids) expect((await client.post(`/v1/jobs/${id}/cancel`)).status).toBe(202);
    await app.app.get(ReconcilerService).tick();
    // A second cancel of an ended job changes nothing (the hold is given back once).
    expect((await client.post(`/v1/jobs/${ids[0]}/cancel`)).status).toBe(202);
    await app.app.get(ReconcilerService).tick();
    expect(await Promise.all(ids.map(async (id) => (await client.get(`/v1/jobs/${id}`)).data.state))).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const account = (await client.get('/v1/account')).data;
    expect({ heldUsd: account.heldUsd, heldUsdPerHour: account.heldUsdPerHour, available: account.availableUsd }).toEqual({
      heldUsd: '0',
      heldUsdPerHour: '0',
      available: account.balanceUsd,
    });
  }, 60_000);
});
