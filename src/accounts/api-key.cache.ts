// Authenticated keys remembered for a few seconds, so a request does not ask Postgres who it is. A revocation
// evicts the key at once on the replica that revoked it and, through the change feed, on every other replica;
// the time-to-live bounds what a lost notification could leave behind. Only successes are cached: a wrong or
// revoked key always goes to the database.
import type { AuthenticatedKey } from './api-key.service';

interface Entry {
  key: AuthenticatedKey;
  keyExpiresAtMs: number | null;
  cachedUntilMs: number;
}

export class ApiKeyCache {
  private readonly byHash = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get(hash: string, nowMs: number): AuthenticatedKey | undefined {
    const entry = this.byHash.get(hash);
    if (!entry) return undefined;
    if (entry.cachedUntilMs <= nowMs || (entry.keyExpiresAtMs !== null && entry.keyExpiresAtMs <= nowMs)) {
      this.byHash.delete(hash);
      return undefined;
    }
    return entry.key;
  }

  set(hash: string, key: AuthenticatedKey, keyExpiresAt: Date | null, nowMs: number): void {
    if (!this.enabled) return;
    // Maps iterate in insertion order: when full, the oldest entry goes.
    if (this.byHash.size >= this.maxEntries) this.byHash.delete(this.byHash.keys().next().value!);
    this.byHash.set(hash, { key, keyExpiresAtMs: keyExpiresAt?.getTime() ?? null, cachedUntilMs: nowMs + this.ttlMs });
  }

  evictKey(keyId: string): void {
    for (const [hash, entry] of this.byHash) if (entry.key.context.keyId === keyId) this.byHash.delete(hash);
  }

  get size(): number {
    return this.byHash.size;
  }
}
