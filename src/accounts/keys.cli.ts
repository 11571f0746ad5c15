// `npm run keys:create -- --name acme [--scopes read,jobs] [--account <uuid>] [--max-usd-per-hour 50]
//  [--max-usd-per-job 200] [--expires-at 2027-01-01T00:00:00Z]`
// Creates an account (unless --account names one) and an API key, against DATABASE_URL or, without it,
// the embedded database in DATA_DIR (stop the service first: PGlite data may only be opened by one process).
// The key is printed once to stdout, which is the point of this command; it is stored only as a hash.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../config/app-config';
import { ChangeFeed } from '../coordination/change-feed';
import { dataSourceOptions } from '../database/data-source.options';
import { ENTITIES } from '../entities';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { loadAccountsConfig } from './accounts.config';
import { AccountsService } from './accounts.service';
import { ApiKeyService } from './api-key.service';
import { LedgerService } from '../billing/ledger.service';
import { isScope, Scope } from './scopes';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      scopes: { type: 'string', default: 'read,jobs' },
      account: { type: 'string' },
      'max-usd-per-hour': { type: 'string' },
      'max-usd-per-job': { type: 'string' },
      'expires-at': { type: 'string' },
    },
  });
  const scopes = values
    .scopes!.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = scopes.filter((s) => !isScope(s));
  if (!values.name && !values.account) throw new Error('give --name <account name> (a new account) or --account <uuid> (an existing one)');
  if (bad.length || scopes.length === 0) throw new Error(`unknown scopes: ${bad.join(', ')} (known: read, jobs, nodes:operate, admin)`);
  const expiresAt = values['expires-at'] ? new Date(values['expires-at']) : null;
  if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new Error('--expires-at must be an ISO date-time');

  const config = loadAppConfig();
  const embedded = config.database.url ? undefined : await startEmbeddedPostgres({ dataDir: config.database.dataDir });
  const url = config.database.url ?? embedded!.url;
  const db = await new DataSource(dataSourceOptions(url, { embedded: Boolean(embedded), migrationsRun: true, entities: ENTITIES })).initialize();
  try {
    const accountsConfig = loadAccountsConfig(config.env);
    const ledger = new LedgerService(db);
    const accounts = new AccountsService(db, ledger, accountsConfig);
    const keys = new ApiKeyService(db, new ChangeFeed(db, { url, embedded: Boolean(embedded) }), accountsConfig);
    const account = values.account
      ? await accounts.get(values.account)
      : await accounts.create({ name: values.name!, maxUsdPerHour: values['max-usd-per-hour'], maxUsdPerJob: values['max-usd-per-job'] });
    const created = await keys.create(account.id, { name: values.name ?? 'cli', scopes: scopes as Scope[], expiresAt });
    process.stdout.write(
      JSON.stringify(
        {
          account: { id: account.id, name: account.name, balanceUsd: account.balanceUsd },
          key: { id: created.id, prefix: created.prefix, scopes: created.scopes, expiresAt: created.expiresAt },
        },
        null,
        2,
      ) + `\n\nAPI key (shown once, stored only as a hash):\n${created.key}\n`,
    );
  } finally {
    await db.destroy();
    await embedded?.stop();
  }
}

main().catch((err) => {
  console.error(`keys:create failed: ${(err as Error).message}`);
  process.exit(1);
});
