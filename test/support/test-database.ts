// A fresh database per test file: a throw-away database on the PostgreSQL server named by
// TEST_DATABASE_URL when it is set (CI), otherwise an in-memory embedded PGlite.
//
// An embedded database starts already migrated, from a template: the data directory of a PGlite on which every
// migration ran once, kept as a tarball under node_modules/.cache and loaded into each new PGlite. That spares each
// file initdb and all the migrations (seconds each on a loaded 2-core machine). The template's name carries a hash
// of migrations/ and of the PGlite version, so a changed migration makes a new one; the first worker to miss it
// builds it while the others wait. The service still runs its migrations at boot and finds none pending.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export interface TestDatabase {
  url: string;
  embedded: boolean;
  drop(): Promise<void>;
}

export const usingRealPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** `empty`: no migrations run yet (the migrations suite runs them itself); otherwise the schema is up to date. */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres(opts.empty ? {} : { loadDataDir: await migratedTemplate() });
    return { url: embedded.url, embedded: true, drop: () => embedded.stop() };
  }
  const base = new URL(serverUrl);
  const name = `${base.pathname.slice(1) || 'switchyard'}_${randomBytes(4).toString('hex')}`.replace(/[^a-z0-9_]/gi, '_');
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    async drop() {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

const REPO = path.resolve(__dirname, '../..');
const CACHE = path.join(REPO, 'node_modules', '.cache', 'switchyard-tests');
/** A builder that died (killed worker) leaves its lock behind: after this long, another one takes over. */
const STALE_LOCK_MS = 120_000;

/** The migrated PGlite data directory (tarball), built on the first call for these migrations. */
async function migratedTemplate(): Promise<Blob> {
  const file = path.join(CACHE, `pglite-migrated-${templateKey()}.tar`);
  const lock = `${file}.lock`;
  fs.mkdirSync(CACHE, { recursive: true });
  for (;;) {
    if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
    try {
      fs.mkdirSync(lock);
    } catch {
      // Another worker is building it.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    try {
      if (!fs.existsSync(file)) await buildTemplate(file);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

async function buildTemplate(file: string): Promise<void> {
  const pg = await startEmbeddedPostgres({});
  try {
    const ds = await new DataSource({ ...dataSourceOptions(pg.url, { embedded: true, entities: [] }), logger: undefined, logging: false }).initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    const tar = Buffer.from(await (await pg.dump()).arrayBuffer());
    // Written aside and renamed: a reader never sees half a file.
    const partial = `${file}.${process.pid}.${randomBytes(3).toString('hex')}`;
    fs.writeFileSync(partial, tar);
    fs.renameSync(partial, file);
  } finally {
    await pg.stop();
  }
}

/** Changes with any file under migrations/ and with the PGlite version. */
function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(fs.readFileSync(path.join(REPO, 'node_modules', '@electric-sql', 'pglite', 'package.json')));
  const dir = path.join(REPO, 'migrations');
  for (const name of fs.readdirSync(dir).sort()) hash.update(name).update(fs.readFileSync(path.join(dir, name)));
  return hash.digest('hex').slice(0, 16);
}
