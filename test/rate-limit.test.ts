// The per-key rate limit against a real database: blocks claimed from the window, never more allowed than the
// limit (also when requests race, and with two limiters sharing the window as two replicas would).
import { DataSource } from 'typeorm';
import { claimBlock, RateLimiter } from '../src/accounts/rate-limiter';
import { startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

/** Fixed one-minute windows: keep a burst away from a window edge. */
async function awayFromMinuteEdge(): Promise<void> {
  const s = new Date().getUTCSeconds();
  if (s >= 50) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
}

describe('rate limiter', () => {
  let app: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    app = await startTestApp();
    db = app.app.get(DataSource);
  });
  afterAll(async () => app?.close());
  beforeEach(awayFromMinuteEdge);

  const windowCount = async (bucket: string) => Number((await db.query(`SELECT count FROM rate_limit_windows WHERE bucket = $1`, [bucket]))[0]?.count ?? 0);

  it('claims 2% of the limit at a time, at least 1 and at most 1,000', () => {
    expect([claimBlock(3), claimBlock(99), claimBlock(100), claimBlock(600), claimBlock(1_000_000)]).toEqual([1, 1, 2, 12, 1_000]);
  });

  it('allows exactly the limit and refuses the rest, asking the database once per block', async () => {
    const limiter = new RateLimiter(db);
    const decisions = [];
    for (let i = 0; i < 205; i++) decisions.push(await limiter.consume('test:sequential', 200));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(200);
    expect(decisions.slice(200).every((d) => !d.allowed && d.remaining === 0 && d.resetSeconds >= 1)).toBe(true);
    // 50 claims of 4 granted the 200, the 51st found the window used up: 51 upserts, not 205.
    expect(await windowCount('test:sequential')).toBe(204);
  });

  it('never allows more than the limit when requests race', async () => {
    const limiter = new RateLimiter(db);
    const decisions = await Promise.all(Array.from({ length: 400 }, () => limiter.consume('test:racing', 300)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(300);
  });

  it('shares one limit between replicas: together never more, and at most one block each less', async () => {
    const [a, b] = [new RateLimiter(db), new RateLimiter(db)];
    const limit = 500; // blocks of 10
    const decisions = await Promise.all(Array.from({ length: 700 }, (_, i) => (i % 2 ? a : b).consume('test:replicas', limit)));
    const allowed = decisions.filter((d) => d.allowed).length;
    expect(allowed).toBeLessThanOrEqual(limit);
    expect(allowed).toBeGreaterThanOrEqual(limit - 2 * claimBlock(limit));
  });

  it('counts a per-key limit below 100/min with one upsert per request, as before', async () => {
    const limiter = new RateLimiter(db);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await limiter.consume('test:small', 3)).allowed);
    expect(statuses).toEqual([true, true, true, false]);
    expect(await windowCount('test:small')).toBe(4);
  });
});
