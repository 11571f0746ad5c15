// The demo world: scenarios for simulated networks (admin API), built-in demo agents for the native
// network, and the in-process key the native adapter needs when the coordinator is this service.
import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import type { LoadedPlugin } from '../plugins/plugin-loader';
import { pluginConfigFromEnv } from '../plugins/plugin-config';
import { DEMO_FLEET } from '../health/demo-fleet';
import { PoolModule } from '../pool/pool.module';
import { DemoAgentsService } from './demo-agents.service';
import { ScenarioService } from './scenario.service';
import { ScenariosController } from './scenarios.controller';
import { SelfCoordinatorKey } from './self-coordinator-key';
import { loadSimulationConfig, SIMULATION_CONFIG } from './simulation.config';

/** The registry's rule, decided before it runs: a plugin is simulated when it has a simulator and no endpoint is configured. */
export function willSimulateAny(config: Pick<AppConfig, 'env' | 'simulation'>, plugins: LoadedPlugin[]): boolean {
  if (config.simulation.simulators !== 'auto') return false;
  return plugins.some(({ plugin }) => {
    const env = pluginConfigFromEnv(plugin.id, config.env);
    return plugin.startSimulator !== undefined && !plugin.endpointKeys.some((k) => env[k] !== undefined);
  });
}

@Module({})
export class SimulationModule {
  /** `nodes` is the NodesModule AppModule registers (the same dynamic module, so the same instance): the demo agents use its registry and market. */
  static forRoot(runtime: { config: AppConfig; plugins: LoadedPlugin[] }, nodes: DynamicModule): DynamicModule {
    const { config } = runtime;
    return {
      module: SimulationModule,
      // Global so that lower modules can take what they own an interface for (health's DEMO_FLEET) without importing this one.
      global: true,
      // AccountsModule is global.
      imports: [PoolModule, nodes],
      // The scenarios API exists only where something is simulated: elsewhere the route is a plain 404.
      controllers: willSimulateAny(config, runtime.plugins) ? [ScenariosController] : [],
      providers: [
        { provide: SIMULATION_CONFIG, useValue: loadSimulationConfig(config) },
        ScenarioService,
        DemoAgentsService,
        { provide: DEMO_FLEET, useExisting: DemoAgentsService },
        SelfCoordinatorKey,
      ],
      exports: [ScenarioService, DemoAgentsService, SelfCoordinatorKey, DEMO_FLEET],
    };
  }
}
