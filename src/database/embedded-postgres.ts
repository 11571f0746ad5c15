// Embedded PostgreSQL: PGlite (real Postgres compiled to WASM) behind its socket server on loopback, so the
// service talks to it with the same `pg` driver, SQL and migrations as to a PostgreSQL server.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  /** The whole data directory as an uncompressed tarball, to start another server from (`loadDataDir`). */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

/**
 * `loadDataDir` starts an in-memory server from a tarball that `dump()` wrote (the tests start each file's
 * database from one already migrated, instead of running initdb and every migration again).
 */
export async function startEmbeddedPostgres(options: { dataDir?: string; loadDataDir?: Blob }): Promise<EmbeddedPostgres> {
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = path.resolve(options.dataDir, 'pglite');
    fs.mkdirSync(dataDir, { recursive: true });
  }
  const db = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  // One connection: PGlite is a single session, and a multiplexer would interleave transactions.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  return {
    url,
    dump: () => db.dumpDataDir('none'),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
