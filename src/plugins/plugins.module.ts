import { DynamicModule, Global, Module } from '@nestjs/common';
import { LoadedPlugin } from './plugin-loader';
import { LOADED_PLUGINS, NetworkRegistry } from './network-registry';

@Global()
@Module({})
export class PluginsModule {
  static forRoot(plugins: LoadedPlugin[]): DynamicModule {
    return {
      module: PluginsModule,
      providers: [{ provide: LOADED_PLUGINS, useValue: plugins }, NetworkRegistry],
      exports: [NetworkRegistry],
    };
  }
}
