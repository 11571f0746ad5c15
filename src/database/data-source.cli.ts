// The DataSource the TypeORM CLI uses (npm run migration:*). Needs DATABASE_URL; to work on the embedded
// database, start the service once and point DATABASE_URL at a real server for generation.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { dataSourceOptions } from './data-source.options';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required for migration commands, e.g. postgres://postgres@127.0.0.1:5432/switchyard');
  process.exit(1);
}

export default new DataSource(dataSourceOptions(url, { embedded: false, entities: ENTITIES }));
