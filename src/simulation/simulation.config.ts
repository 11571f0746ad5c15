// The demo world's own settings (DEMO_*), parsed once from the environment.
import { z } from 'zod';
import type { AppConfig } from '../config/app-config';
import { declaredBy, envProblemList, parseEnv } from '../config/env-config';

const schema = z.object({
  /** Built-in demo agents started in process when the native network runs in demo mode; 0 = none. */
  DEMO_AGENTS: z.coerce.number().int().min(0).max(8).default(3),
  /** How many real seconds one hour of a job's durationHours lasts on a demo agent. */
  DEMO_SECONDS_PER_HOUR: z.coerce.number().positive().max(3600).default(10),
  /** Longest a demo agent's job runs, in seconds, whatever its duration. */
  DEMO_MAX_JOB_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  /** Share of demo jobs that exit 1, as real workloads sometimes do (drawn per lease from its id). */
  DEMO_FAIL_RATE: z.coerce.number().min(0).max(1).default(0.03),
});

export interface SimulationConfig {
  demoAgents: number;
  secondsPerHour: number;
  maxJobSeconds: number;
  failRate: number;
  /** Native network loaded, its coordinator is this service (NATIVE_BASE_URL unset) and SIMULATORS=auto. */
  nativeDemo: boolean;
}

export const SIMULATION_CONFIG = Symbol('SIMULATION_CONFIG');

export function loadSimulationConfig(config: Pick<AppConfig, 'env' | 'networks' | 'simulation'>): SimulationConfig {
  const c = parseEnv(schema, config.env, { owns: declaredBy(schema), fail: (problems) => envProblemList('Invalid demo configuration', problems) });
  return {
    demoAgents: c.DEMO_AGENTS,
    secondsPerHour: c.DEMO_SECONDS_PER_HOUR,
    maxJobSeconds: c.DEMO_MAX_JOB_SECONDS,
    failRate: c.DEMO_FAIL_RATE,
    nativeDemo: nativeCoordinatorIsSelf(config) && config.simulation.simulators === 'auto',
  };
}

/** The native network is loaded and its coordinator is this service (the registry points the adapter at itself). */
export function nativeCoordinatorIsSelf(config: Pick<AppConfig, 'env' | 'networks'>): boolean {
  return config.networks.includes('native') && !config.env.NATIVE_BASE_URL;
}
