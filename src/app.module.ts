import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ProblemFilter } from './common/problem.filter';
import { DatabaseModule } from './database/database.module';
import { ENTITIES } from './entities';
import { CatalogModule } from './catalog/catalog.module';
import { CoordinationModule } from './coordination/coordination.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { LoadedPlugin } from './plugins/plugin-loader';
import { PluginsModule } from './plugins/plugins.module';
import { PoolModule } from './pool/pool.module';
import { RoutingModule } from './routing/routing.module';
import { PricingModule } from './pricing/pricing.module';
import { NodesModule } from './nodes/nodes.module';
import { AccountsModule } from './accounts/accounts.module';
import { BillingModule } from './billing/billing.module';
import { startOracleSimulators } from './simulation/oracle-simulators';
import { SimulationModule } from './simulation/simulation.module';

export interface AppRuntime {
  config: AppConfig;
  databaseUrl: string;
  embeddedDatabase: boolean;
  plugins: LoadedPlugin[];
}

@Module({})
export class AppModule {
  static forRoot(runtime: AppRuntime): DynamicModule {
    const { config } = runtime;
    const nodes = NodesModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        DatabaseModule.forRoot({
          url: runtime.databaseUrl,
          embedded: runtime.embeddedDatabase,
          migrationsRun: config.database.migrationsRun,
          entities: ENTITIES,
        }),
        ConfigModule.forRoot(config),
        ScheduleModule.forRoot(),
        CoordinationModule,
        PluginsModule.forRoot(runtime.plugins),
        CatalogModule,
        PoolModule,
        HealthModule,
        JobsModule,
        RoutingModule,
        PricingModule.forRoot(config, startOracleSimulators),
        nodes,
        AccountsModule.forRoot(config),
        BillingModule,
        SimulationModule.forRoot(runtime, nodes),
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
