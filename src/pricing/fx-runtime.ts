// Everything the FX service needs at run time, built once at boot: the config, the sources, and the
// oracle simulators when no real oracle endpoint is configured (demo mode, tests), started through the factory the
// simulation wiring hands in (src/simulation/oracle-simulators.ts): pricing itself never imports a simulator.
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { buildFxSources, FxSourceSet } from './fx/fx-sources.factory';
import type { OracleSimulatorOptions, RunningOracleSimulators } from './fx/simulators';
import { PricingConfig, resolvePricingConfig } from './pricing.config';

export const FX_RUNTIME = Symbol('FX_RUNTIME');

/** Starts the built-in oracle simulators; without one, FX never falls back to simulators. */
export type StartOracleSimulators = (options: OracleSimulatorOptions) => Promise<RunningOracleSimulators>;

export interface FxRuntime {
  config: PricingConfig;
  sourceSet: FxSourceSet;
  /** True when FX comes from the built-in oracle simulators. */
  simulated: boolean;
  now(): Date;
  close(): Promise<void>;
}

export async function createFxRuntime(
  app: Pick<AppConfig, 'env' | 'simulation'>,
  startOracleSimulators?: StartOracleSimulators,
  now: () => Date = () => new Date(),
): Promise<FxRuntime> {
  const logger = new Logger('FX');
  const envOnly = resolvePricingConfig(app.env);
  let simulators: RunningOracleSimulators | undefined;
  if (startOracleSimulators && !envOnly.endpointsConfigured && envOnly.simulators === 'auto' && app.simulation.simulators === 'auto') {
    simulators = await startOracleSimulators({ seed: app.simulation.seed, now });
    logger.warn(
      `FX is SIMULATED: no oracle endpoint configured (SOLANA_RPC_URL, HERMES_URL/HERMES_API_KEY, EVM_RPC_URL), ` +
        `so token prices come from oracle simulators on loopback (solana ${simulators.urls.solanaRpc}, hermes ${simulators.urls.hermes}, evm ${simulators.urls.evmRpc})`,
    );
  }
  const config = simulators ? resolvePricingConfig(app.env, simulators.config) : envOnly;
  const sourceSet = buildFxSources(config, {
    now,
    onRejection: (r) => logger.warn(`FX ${r.source} rejected ${r.asset}: ${r.reason}`),
  });
  for (const u of sourceSet.unavailable) logger.warn(`FX source ${u.source} is listed for ${u.asset} but its endpoint is not configured; skipped`);
  return {
    config,
    sourceSet,
    simulated: Boolean(simulators),
    now,
    async close() {
      await Promise.all(sourceSet.sources.map((s) => s.close?.()));
      await simulators?.close();
    },
  };
}
