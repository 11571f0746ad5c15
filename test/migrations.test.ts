import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options';
import { ENTITIES } from '../src/entities';
import { MIGRATIONS } from '../migrations';
import { OfferSnapshotExpiry1795610000000 } from '../migrations/1795610000000-OfferSnapshotExpiry';
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

  it('carry the offers’ publish time and expiry over to their network’s snapshot, and back down', async () => {
    const published = '2026-12-05T06:00:00.000Z';
    const expires = '2026-12-05T07:00:00.000Z';
    // Down to just before the migration under test (the ones after it need its schema).
    const undoThroughSnapshotExpiry = async () => {
      for (let i = MIGRATIONS.indexOf(OfferSnapshotExpiry1795610000000); i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    };
    await undoThroughSnapshotExpiry();
    await ds.query(`INSERT INTO networks (id, display_name, plugin_version) VALUES ('akash', 'Akash', '1'), ('render', 'Render', '1')`);
    for (const id of ['a1', 'a2'])
      await ds.query(
        `INSERT INTO offers (network, offer_id, provider_id, gpu_label, gpu_model, gpu_count, gpu_vram_gb, native_price, price_kind, usd_per_gpu_hour,
           usd_per_hour, provenance, signals, observed_at, published_at, expires_at)
         VALUES ('akash', $1, 'p', 'h100', 'nvidia-h100-sxm-80gb', 1, 80, '{}', 'firm', 1.5, 1.5, '{}', '{}', $2, $2, $3)`,
        [id, published, expires],
      );

    await ds.runMigrations({ transaction: 'each' });
    const snapshots = await ds.query(`SELECT id, snapshot_published_at, snapshot_expires_at FROM networks ORDER BY id`);
    expect(snapshots.map((n: Record<string, unknown>) => [n.id, iso(n.snapshot_published_at), iso(n.snapshot_expires_at)])).toEqual([
      ['akash', published, expires],
      ['render', null, null],
    ]);
    const columns = await ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'offers' AND column_name LIKE '%_at'`);
    expect(columns).toEqual([{ column_name: 'observed_at' }]);
    const [{ reloptions }] = await ds.query(`SELECT reloptions FROM pg_class WHERE relname = 'offers'`);
    expect(reloptions).toEqual(['fillfactor=50']);

    await undoThroughSnapshotExpiry();
    const offers = await ds.query(`SELECT offer_id, published_at, expires_at FROM offers ORDER BY offer_id`);
    expect(offers.map((o: Record<string, unknown>) => [o.offer_id, iso(o.published_at), iso(o.expires_at)])).toEqual([
      ['a1', published, expires],
      ['a2', published, expires],
    ]);
    await ds.runMigrations({ transaction: 'each' });
    await ds.query('DELETE FROM offers');
    await ds.query('DELETE FROM networks');
  });
});

function iso(value: unknown): string | null {
  return value === null ? null : new Date(value as string).toISOString();
}
