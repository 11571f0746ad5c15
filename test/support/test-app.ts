import type { Logger } from 'pino';
import { loadAppConfig } from '../../src/config/app-config';
import { RunningSwitchyard, startSwitchyard } from '../../src/app.factory';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp extends RunningSwitchyard {
  database: TestDatabase;
}

/** Starts the whole service on a free port against a fresh test database. */
export async function startTestApp(env: Record<string, string> = {}, database?: TestDatabase, opts: { logger?: Logger } = {}): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const config = loadAppConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.url,
    DATABASE_SINGLE_SESSION: db.embedded ? 'true' : 'false',
    NETWORKS: 'none',
    SYNC_ENABLED: 'false',
    DISPATCH_ENABLED: 'false',
    ...env,
  });
  let running: RunningSwitchyard;
  try {
    running = await startSwitchyard(config, opts);
  } catch (err) {
    if (!database) await db.drop();
    throw err;
  }
  return {
    ...running,
    database: db,
    async close() {
      await running.close();
      if (!database) await db.drop();
    },
  };
}
