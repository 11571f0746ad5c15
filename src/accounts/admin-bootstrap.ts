// First start: make sure an admin key exists. ADMIN_API_KEY (stored hashed) when configured; otherwise,
// if no usable admin key exists, generate one and print it once. An advisory lock keeps two replicas
// starting together from both doing it.
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ACCOUNTS_CONFIG, AccountsConfig } from './accounts.config';
import { AccountsService } from './accounts.service';
import { generateApiKey, materialFor } from './api-key.codec';
import { ApiKeyService } from './api-key.service';

const OPERATOR_ACCOUNT = 'operator';

@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('accounts');
  /** The key generated at this start (first start only), for the start banner of an interactive `npm start`. */
  generatedKey?: string;

  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsService,
    private readonly keys: ApiKeyService,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const generated = await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('switchyard.accounts.admin-bootstrap'))`);
      const configured = this.config.adminApiKey;
      if (configured) {
        if (await this.keys.hashExists(m, configured)) return undefined;
        await this.keys.create(await this.operatorAccount(m), { name: 'ADMIN_API_KEY', scopes: ['admin'] }, m, materialFor(configured));
        this.logger.log('registered ADMIN_API_KEY as an admin key (stored as a hash)');
        return undefined;
      }
      if (await this.keys.activeAdminKeyExists(m)) return undefined;
      return this.keys.create(await this.operatorAccount(m), { name: 'bootstrap admin key', scopes: ['admin'] }, m, generateApiKey());
    });
    if (generated) {
      this.generatedKey = generated.key;
      // The ONE sanctioned print of a secret: nobody could log in otherwise. It happens once (no admin key
      // existed); afterwards only the hash is kept. Set ADMIN_API_KEY to choose the key yourself instead.
      this.logger.warn(
        `No admin API key existed, so one was generated. It is shown ONCE, here, and stored only as a hash; ` +
          `keep it in a secret store: ${generated.key}  (key id ${generated.id}, account ${generated.accountId})`,
      );
    }
  }

  private async operatorAccount(m: EntityManager): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(`SELECT id FROM accounts WHERE name = $1 ORDER BY created_at LIMIT 1`, [OPERATOR_ACCOUNT]);
    if (rows[0]) return rows[0].id;
    return (await this.accounts.create({ name: OPERATOR_ACCOUNT }, m)).id;
  }
}
