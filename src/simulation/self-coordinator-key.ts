// When the native network's coordinator is this very service (NATIVE_BASE_URL unset), the native adapter
// calls this service's own market API, which the access guard closes to callers without a key. Unless the
// operator set NATIVE_API_KEY, give the in-process adapter a key of an internal account limited to reading and the native market (read, nodes:operate): made at
// boot, never printed. Keys of earlier boots that nobody has used for an hour are revoked then (a live
// replica's adapter uses its own at every sync, so another replica's key is never revoked under it).
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { ApiKeyService } from '../accounts/api-key.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { nativeCoordinatorIsSelf } from './simulation.config';

const ACCOUNT_NAME = 'switchyard-internal';
const KEY_NAME = 'native adapter (in-process coordinator)';
const IDLE_MS = 3_600_000;

@Injectable()
export class SelfCoordinatorKey {
  private readonly logger = new Logger('networks');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly keys: ApiKeyService,
  ) {}

  /** Call before the networks start: the registry reads NATIVE_API_KEY from `config.env`. */
  async ensure(): Promise<void> {
    if (!nativeCoordinatorIsSelf(this.config) || this.config.env.NATIVE_API_KEY) return;
    const accountId = await this.internalAccount();
    for (const key of await this.keys.listForAccount(accountId)) {
      const idle = Date.now() - Date.parse(key.lastUsedAt ?? key.createdAt) > IDLE_MS;
      if (key.name === KEY_NAME && !key.revokedAt && idle) await this.keys.revoke(key.id);
    }
    const created = await this.keys.create(accountId, { name: KEY_NAME, scopes: ['read', 'nodes:operate'], rateLimitPerMinute: 1_000_000 });
    this.config.env = { ...this.config.env, NATIVE_API_KEY: created.key };
    this.logger.log(`native: the coordinator is this service; its adapter uses an internal key (read, nodes:operate) (id ${created.id})`);
  }

  private async internalAccount(): Promise<string> {
    const rows: Array<{ id: string }> = await this.db.query('SELECT id FROM accounts WHERE name = $1 ORDER BY created_at LIMIT 1', [ACCOUNT_NAME]);
    return rows[0]?.id ?? (await this.accounts.create({ name: ACCOUNT_NAME })).id;
  }
}
