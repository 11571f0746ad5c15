import { ApiKeyCache } from './api-key.cache';
import type { AuthenticatedKey } from './api-key.service';

const key = (keyId: string): AuthenticatedKey => ({ context: { accountId: 'acct', keyId, scopes: ['read'] }, rateLimitPerMinute: null });

describe('ApiKeyCache', () => {
  it('answers within its time-to-live and forgets afterwards', () => {
    const cache = new ApiKeyCache(5_000);
    cache.set('h1', key('k1'), null, 1_000);
    expect(cache.get('h1', 5_999)?.context.keyId).toBe('k1');
    expect(cache.get('h1', 6_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('never answers for a key past its own expiry, even inside the time-to-live', () => {
    const cache = new ApiKeyCache(5_000);
    cache.set('h1', key('k1'), new Date(2_000), 1_000);
    expect(cache.get('h1', 1_999)).toBeDefined();
    expect(cache.get('h1', 2_000)).toBeUndefined();
  });

  it('evicts a revoked key by id', () => {
    const cache = new ApiKeyCache(5_000);
    cache.set('h1', key('k1'), null, 0);
    cache.set('h2', key('k2'), null, 0);
    cache.evictKey('k1');
    expect(cache.get('h1', 1)).toBeUndefined();
    expect(cache.get('h2', 1)).toBeDefined();
  });

  it('keeps at most maxEntries, dropping the oldest, and caches nothing when the time-to-live is 0', () => {
    const cache = new ApiKeyCache(5_000, 2);
    for (const k of ['a', 'b', 'c']) cache.set(k, key(k), null, 0);
    expect([cache.get('a', 1), cache.get('b', 1), cache.get('c', 1)].map((v) => v?.context.keyId)).toEqual([undefined, 'b', 'c']);
    const off = new ApiKeyCache(0);
    off.set('a', key('a'), null, 0);
    expect(off.get('a', 0)).toBeUndefined();
  });
});
