// API keys: create (shown once), authenticate, list, revoke. Authentication asks Postgres and then remembers the
// answer for API_KEY_CACHE_MS (api-key.cache.ts); a revocation evicts it on every replica through the change feed.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFoundProblem } from '../common/problem';
import { ChangeFeed } from '../coordination/change-feed';
import { ACCOUNTS_CONFIG, AccountsConfig } from './accounts.config';
import { ApiKeyCache } from './api-key.cache';
import { generateApiKey, hashApiKey, isPlausibleApiKey, NewApiKeyMaterial } from './api-key.codec';
import { unauthorized } from './problems';
import { AccountContext, isScope, Scope } from './scopes';

const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyView {
  id: string;
  accountId: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  rateLimitPerMinute: number | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

export interface CreatedApiKey extends ApiKeyView {
  /** The secret. Returned once; only its hash is stored. */
  key: string;
}

export interface NewApiKey {
  name: string;
  scopes: Scope[];
  expiresAt?: Date | null;
  rateLimitPerMinute?: number | null;
}

export interface AuthenticatedKey {
  context: AccountContext;
  rateLimitPerMinute: number | null;
}

interface KeyRow {
  id: string;
  account_id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rate_limit_per_minute: number | null;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toView(row: KeyRow): ApiKeyView {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes.filter(isScope),
    rateLimitPerMinute: row.rate_limit_per_minute,
    expiresAt: iso(row.expires_at),
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
    createdAt: row.created_at.toISOString(),
  };
}

@Injectable()
export class ApiKeyService implements OnModuleInit {
  private readonly cache: ApiKeyCache;

  constructor(
    private readonly db: DataSource,
    private readonly feed: ChangeFeed,
    @Inject(ACCOUNTS_CONFIG) config: AccountsConfig,
  ) {
    this.cache = new ApiKeyCache(config.apiKeyCacheMs);
  }

  async onModuleInit(): Promise<void> {
    await this.feed.subscribe((event) => {
      if (event.type === 'api_key_revoked') this.cache.evictKey(event.keyId);
    });
  }

  /** Creates a key for an account. `material` is for ADMIN_API_KEY; otherwise a random key is made. */
  async create(
    accountId: string,
    spec: NewApiKey,
    manager: EntityManager = this.db.manager,
    material: NewApiKeyMaterial = generateApiKey(),
  ): Promise<CreatedApiKey> {
    const rows: KeyRow[] = await manager.query(
      `INSERT INTO api_keys (id, account_id, name, prefix, hash, scopes, rate_limit_per_minute, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [randomUUID(), accountId, spec.name, material.prefix, material.hash, spec.scopes, spec.rateLimitPerMinute ?? null, spec.expiresAt ?? null],
    );
    return { ...toView(rows[0]!), key: material.key };
  }

  /** Resolves a presented key to its account, or throws 401 saying why (never whether a key exists). */
  /** Whether this replica already knows the key as valid (no database work needed to accept it). */
  isKnown(presented: string): boolean {
    return isPlausibleApiKey(presented) && this.cache.get(hashApiKey(presented), Date.now()) !== undefined;
  }

  async authenticate(presented: string): Promise<AuthenticatedKey> {
    if (!isPlausibleApiKey(presented)) throw unauthorized('invalid');
    const hash = hashApiKey(presented);
    const cached = this.cache.get(hash, Date.now());
    if (cached) return cached;
    const rows: Array<KeyRow & { now: Date }> = await this.db.query(`SELECT k.*, now() AS now FROM api_keys k WHERE k.hash = $1`, [hash]);
    const row = rows[0];
    if (!row) throw unauthorized('invalid');
    if (row.revoked_at) throw unauthorized('revoked');
    if (row.expires_at && row.expires_at.getTime() <= row.now.getTime()) throw unauthorized('expired');
    if (!row.last_used_at || row.now.getTime() - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
      await this.db.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [row.id]);
    }
    const key: AuthenticatedKey = {
      context: { accountId: row.account_id, keyId: row.id, scopes: row.scopes.filter(isScope) },
      rateLimitPerMinute: row.rate_limit_per_minute,
    };
    this.cache.set(hash, key, row.expires_at, Date.now());
    return key;
  }

  async listForAccount(accountId: string): Promise<ApiKeyView[]> {
    const rows: KeyRow[] = await this.db.query(`SELECT * FROM api_keys WHERE account_id = $1 ORDER BY created_at, id`, [accountId]);
    return rows.map(toView);
  }

  /** Revokes a key (idempotent). `visibleTo` limits which account's keys the caller may touch. */
  async revoke(keyId: string, visibleTo?: string): Promise<ApiKeyView> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [KeyRow[], number] = await this.db.query(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())
        WHERE id::text = $1 AND ($2::uuid IS NULL OR account_id = $2::uuid) RETURNING *`,
      [keyId, visibleTo ?? null],
    );
    if (!rows[0]) throw notFoundProblem('API key', keyId);
    this.cache.evictKey(rows[0].id);
    await this.feed.publish({ type: 'api_key_revoked', keyId: rows[0].id });
    return toView(rows[0]);
  }

  /** Whether any usable admin key exists (for the first-start bootstrap). */
  async activeAdminKeyExists(manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM api_keys WHERE 'admin' = ANY(scopes) AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) LIMIT 1`,
    );
    return rows.length > 0;
  }

  async hashExists(manager: EntityManager, key: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM api_keys WHERE hash = $1`, [hashApiKey(key)]);
    return rows.length > 0;
  }
}
