// Account limits have one shape in requests and responses, unknown fields are refused, and an admin can change
// them afterwards (PATCH /v1/accounts/{id}).
import { ADMIN_KEY, bearer, createAccountWithKey, http } from './accounts-support';
import { startTestApp, TestApp } from './support/test-app';

describe('account limits', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ADMIN_API_KEY: ADMIN_KEY, ACCOUNT_STARTING_CREDIT_USD: '100' });
  });
  afterAll(async () => app?.close());

  it('takes limits in the shape it shows them', async () => {
    const created = await http.post(`${app.url}/v1/accounts`, { name: 'acme', limits: { maxUsdPerJob: '50' } }, bearer(ADMIN_KEY));
    expect(created.status).toBe(201);
    expect(created.data.limits).toEqual({ maxUsdPerJob: '50', maxUsdPerHour: null });
    const again = await http.get(`${app.url}/v1/accounts/${created.data.id}`, bearer(ADMIN_KEY));
    expect(again.data.limits).toEqual({ maxUsdPerJob: '50', maxUsdPerHour: null });
  });

  it.each([
    ['a field it does not know', { name: 'x', colour: 'blue' }, '(body)'],
    ['limits at the top level', { name: 'x', maxUsdPerJob: '50' }, '(body)'],
    ['an unknown limit', { name: 'x', limits: { maxUsdPerDay: '5' } }, 'limits'],
    ['a limit as a number', { name: 'x', limits: { maxUsdPerJob: 50 } }, 'limits.maxUsdPerJob'],
  ])('refuses %s with 400 naming it', async (_what, body, field) => {
    const res = await http.post(`${app.url}/v1/accounts`, body, bearer(ADMIN_KEY));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.data.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('lets an admin change limits and the name; null lifts a limit; others get 403', async () => {
    const { accountId, key } = await createAccountWithKey(app, 'to-change', ['read', 'jobs']);
    const patched = await http.patch(`${app.url}/v1/accounts/${accountId}`, { limits: { maxUsdPerHour: '12.5', maxUsdPerJob: '100' } }, bearer(ADMIN_KEY));
    expect(patched.status).toBe(200);
    expect(patched.data).toMatchObject({ id: accountId, name: 'to-change', limits: { maxUsdPerHour: '12.5', maxUsdPerJob: '100' } });
    const lifted = await http.patch(`${app.url}/v1/accounts/${accountId}`, { name: 'renamed', limits: { maxUsdPerJob: null } }, bearer(ADMIN_KEY));
    expect(lifted.data).toMatchObject({ name: 'renamed', limits: { maxUsdPerHour: '12.5', maxUsdPerJob: null } });
    expect((await http.get(`${app.url}/v1/account`, bearer(key))).data.limits).toEqual({ maxUsdPerHour: '12.5', maxUsdPerJob: null });
    const own = await http.patch(`${app.url}/v1/accounts/${accountId}`, { limits: { maxUsdPerJob: null } }, bearer(key));
    expect(own.status).toBe(403);
    const unknown = await http.patch(`${app.url}/v1/accounts/${accountId}`, { limits: { maxUsdPerHour: '1' }, balanceUsd: '1000000' }, bearer(ADMIN_KEY));
    expect(unknown.status).toBe(400);
    expect((await http.patch(`${app.url}/v1/accounts/3f1c9d2e-8a4b-4c6d-9e0f-1a2b3c4d5e6f`, { name: 'x' }, bearer(ADMIN_KEY))).status).toBe(404);
  });
});
