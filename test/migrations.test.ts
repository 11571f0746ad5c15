import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options';
import { ENTITIES } from '../src/entities';
import { MIGRATIONS } from '../migrations';
import { createTestDatabase, TestDatabase } from './support/test-database';

async function tables(ds: DataSource): Promise<string[]> {
  const rows: Array<{ table_name: string }> = await ds.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.table_name);
}

describe('migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    // Outside an app, Nest's default logger would print every migration step into the test output.
    Logger.overrideLogger(['warn', 'error']);
    // An empty database, not the migrated template the other suites start from: this suite runs the migrations.
    db = await createTestDatabase({ empty: true });
    ds = await new DataSource(dataSourceOptions(db.url, { embedded: db.embedded, entities: ENTITIES })).initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('go up, all the way down, and up again', async () => {
    await ds.runMigrations({ transaction: 'each' });
    const afterUp = await tables(ds);
    expect(afterUp).toEqual(expect.arrayContaining(['offers', 'networks', 'sync_runs']));

    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables(ds)).toEqual([]);

    await ds.runMigrations({ transaction: 'each' });
    expect(await tables(ds)).toEqual(afterUp);
  });

  it('leave nothing for the entities to change (no schema drift)', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });
});
