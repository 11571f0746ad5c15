import type { DataSourceOptions } from 'typeorm';
import { TypeOrmNestLogger } from './typeorm-logger';
import { MIGRATIONS } from '../../migrations';

/** One place that says how the service talks to Postgres; used by the app, the CLI and the tests. */
/** The service's entity classes (src/entities.ts); passed in, so that this folder imports no feature. */
export type EntityList = Array<new () => object>;

export function dataSourceOptions(url: string, opts: { embedded: boolean; migrationsRun?: boolean; entities: EntityList }): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: opts.entities,
    migrations: MIGRATIONS,
    migrationsRun: opts.migrationsRun ?? false,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    // The embedded server is a single session; a real server gets a pool.
    extra: { max: opts.embedded ? 1 : 10, application_name: 'switchyard' },
    logger: new TypeOrmNestLogger(),
    maxQueryExecutionTime: 1_000,
  };
}
