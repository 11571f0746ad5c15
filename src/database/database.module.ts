import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, EntityList } from './data-source.options';
import { DATABASE_RUNTIME } from './database-runtime';

@Module({})
export class DatabaseModule {
  static forRoot(database: { url: string; embedded: boolean; migrationsRun: boolean; entities: EntityList }): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(database.url, database), retryAttempts: 3, retryDelay: 500 })],
      providers: [{ provide: DATABASE_RUNTIME, useValue: { url: database.url, embedded: database.embedded } }],
      exports: [DATABASE_RUNTIME],
    };
  }
}
