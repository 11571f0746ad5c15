import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AdapterContext, AdapterPlugin, NetworkAdapter, RunningSimulator } from '../../adapters/sdk';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LoadedPlugin, PluginLoadError } from './plugin-loader';
import { describeConfigIssues, pluginConfigFromEnv } from './plugin-config';
import { networkSeed } from './network-seed';

export const LOADED_PLUGINS = Symbol('LOADED_PLUGINS');

export interface NetworkHandle {
  id: string;
  displayName: string;
  pluginVersion: string;
  specifier: string;
  adapter: NetworkAdapter;
  /** True when the adapter talks to a built-in simulator, not the real network. */
  simulated: boolean;
  /** Control API of the simulator (fault injection, stats), when simulated. */
  simulatorControlUrl?: string;
  /** The plugin's `supplyRequirements`: what supply must carry to be listed. */
  supplyRequirements?: string;
}

/** The loaded networks: one adapter each, pointed at the real network or at its simulator on loopback. */
@Injectable()
export class NetworkRegistry implements OnApplicationShutdown {
  private readonly logger = new Logger('networks');
  private readonly handles = new Map<string, NetworkHandle>();
  private readonly simulators: RunningSimulator[] = [];
  private readonly listeners: Array<() => void> = [];
  private started = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOADED_PLUGINS) private readonly plugins: LoadedPlugin[],
  ) {}

  /** Creates every adapter; called once the HTTP server listens (the native network may be this service). */
  async start(selfUrl: string): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const loaded of this.plugins) {
      const handle = await this.createNetwork(loaded, selfUrl);
      this.handles.set(handle.id, handle);
      this.logger.log(
        handle.simulated
          ? `${handle.id}: SIMULATED network (built-in simulator on ${handle.simulatorControlUrl}); not the real ${handle.displayName}`
          : `${handle.id}: connected to the configured ${handle.displayName} endpoint`,
      );
    }
    for (const listener of this.listeners) listener();
  }

  /** Networks that run, or will once started, on their built-in simulators: the demo world. Known before start(). */
  simulatedNetworks(): string[] {
    return this.plugins
      .filter(({ plugin }) => plugin.id !== 'native' && this.simulates(plugin, pluginConfigFromEnv(plugin.id, this.config.env)))
      .map(({ plugin }) => plugin.id);
  }

  /** A network runs on its simulator when it has one, no real endpoint is configured, and SIMULATORS=auto. */
  private simulates(plugin: LoadedPlugin['plugin'], fromEnv: Record<string, unknown>): boolean {
    const hasEndpoint = plugin.endpointKeys.some((key) => fromEnv[key] !== undefined);
    return !hasEndpoint && this.config.simulation.simulators === 'auto' && Boolean(plugin.startSimulator);
  }

  onStarted(listener: () => void): void {
    if (this.started && this.handles.size === this.plugins.length) listener();
    else this.listeners.push(listener);
  }

  list(): NetworkHandle[] {
    return [...this.handles.values()];
  }

  /** Job document formats the loaded plugins bring (e.g. Akash SDL). */
  jobFormats(): Array<{ network: string; format: NonNullable<AdapterPlugin['jobFormats']>[number] }> {
    return this.plugins.flatMap((p) => (p.plugin.jobFormats ?? []).map((format) => ({ network: p.plugin.id, format })));
  }

  get(id: string): NetworkHandle | undefined {
    return this.handles.get(id);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const handle of this.handles.values()) await handle.adapter.close?.().catch(() => undefined);
    for (const sim of this.simulators.splice(0)) await sim.close().catch(() => undefined);
  }

  private async createNetwork(loaded: LoadedPlugin, selfUrl: string): Promise<NetworkHandle> {
    const plugin = loaded.plugin as AdapterPlugin<Record<string, unknown>>;
    const fromEnv: Record<string, unknown> = pluginConfigFromEnv(plugin.id, this.config.env);
    // The native network's coordinator runs inside this service unless NATIVE_BASE_URL points elsewhere.
    if (plugin.id === 'native' && fromEnv.baseUrl === undefined) fromEnv.baseUrl = selfUrl;
    const hasEndpoint = plugin.endpointKeys.some((key) => fromEnv[key] !== undefined);
    let simulator: RunningSimulator | undefined;
    if (this.simulates(plugin, fromEnv) && plugin.startSimulator) {
      simulator = await plugin.startSimulator({
        seed: networkSeed(this.config.simulation.seed, plugin.id),
        port: 0,
        host: '127.0.0.1',
        jobFailureRate: this.config.simulation.jobFailureRate,
        supplyScale: this.config.simulation.supplyScale,
      });
      this.simulators.push(simulator);
    }
    const raw = simulator ? { ...fromEnv, ...simulator.config } : fromEnv;
    const parsed = plugin.configSchema.safeParse(raw);
    if (!parsed.success) {
      const hint = hasEndpoint ? '' : ' (no real endpoint is configured and no simulator was started)';
      throw new PluginLoadError(loaded.specifier, `invalid configuration: ${describeConfigIssues(parsed.error.issues)}${hint}`);
    }
    const context: AdapterContext = { logger: this.adapterLogger(plugin.id), now: () => new Date(), simulated: Boolean(simulator) };
    let adapter: NetworkAdapter;
    try {
      adapter = await plugin.create(parsed.data, context);
    } catch (err) {
      throw new PluginLoadError(loaded.specifier, `create() failed: ${(err as Error).message}`);
    }
    return {
      id: plugin.id,
      displayName: plugin.displayName,
      pluginVersion: plugin.version,
      specifier: loaded.specifier,
      adapter,
      simulated: Boolean(simulator),
      simulatorControlUrl: simulator?.controlUrl,
      supplyRequirements: plugin.supplyRequirements,
    };
  }

  private adapterLogger(id: string): AdapterContext['logger'] {
    const logger = new Logger(`network:${id}`);
    const fmt = (m: string, f?: Record<string, unknown>) => (f ? `${m} ${JSON.stringify(f)}` : m);
    return {
      debug: (m, f) => logger.debug(fmt(m, f)),
      info: (m, f) => logger.log(fmt(m, f)),
      warn: (m, f) => logger.warn(fmt(m, f)),
      error: (m, f) => logger.error(fmt(m, f)),
    };
  }
}
