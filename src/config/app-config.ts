import { displayableConfigValue } from '../common/redact';
import { appConfigSchema } from './app-config.schema';
import { parseEnv } from './env-config';

/** The host's configuration, parsed and validated once at boot. */
export interface AppConfig {
  http: { port: number; host: string; bodyLimitBytes: number; shutdownTimeoutMs: number };
  role: 'all' | 'api' | 'worker';
  logLevel: string;
  database: {
    url?: string;
    dataDir: string;
    inMemory: boolean;
    migrationsRun: boolean;
    /** The URL is an embedded PGlite server (one session): one connection, in-process locks and change feed. */
    singleSession: boolean;
  };
  networks: string[];
  /**
   * jobFailureRate: share of placed simulated jobs that end badly on their own; undefined = each simulator's default.
   * supplyScale: the simulated networks' supply this many times over (1 or undefined = the world as the seed builds it).
   */
  simulation: { seed: number; simulators: 'auto' | 'off'; jobFailureRate?: number; supplyScale?: number };
  workers: { sync: boolean; dispatch: boolean };
  jobs: {
    dispatchIntervalMs: number;
    dispatchBatch: number;
    dispatchConcurrency: number;
    reconcileIntervalMs: number;
    usageAccrualMs: number;
    statusLostAfterMs: number;
    maxAttempts: number;
    deadlineMs: number;
    claimTtlMs: number;
    blockTtlMs: number;
  };
  pool: { syncIntervalMs: number; syncTimeoutMs: number; offerTtlMs: number; probeIntervalMs: number; breakerFailures: number; breakerHalfOpenMs: number };
  /** The raw environment, for plugins that read their own `<ID>_*` variables. */
  env: Record<string, string | undefined>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadAppConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const c = parseEnv(appConfigSchema, env, {
    fail: (problems) => new ConfigError(problems.map((p) => `${p.key}=${displayableConfigValue(p.key, p.value)}: ${p.message}`)),
  });
  return {
    http: { port: c.PORT, host: c.HOST, bodyLimitBytes: c.BODY_LIMIT_BYTES, shutdownTimeoutMs: c.SHUTDOWN_TIMEOUT_MS },
    role: c.ROLE,
    logLevel: c.LOG_LEVEL,
    database: {
      url: c.DATABASE_URL,
      dataDir: c.DATA_DIR,
      inMemory: c.DATABASE_IN_MEMORY,
      migrationsRun: c.MIGRATIONS_RUN,
      singleSession: c.DATABASE_SINGLE_SESSION,
    },
    networks: c.NETWORKS,
    simulation: { seed: c.SIM_SEED, simulators: c.SIMULATORS, jobFailureRate: c.SIM_JOB_FAILURE_RATE, supplyScale: c.SIM_SUPPLY_SCALE },
    workers: { sync: c.SYNC_ENABLED, dispatch: c.DISPATCH_ENABLED },
    jobs: {
      dispatchIntervalMs: c.DISPATCH_INTERVAL_MS,
      dispatchBatch: c.DISPATCH_BATCH,
      dispatchConcurrency: c.DISPATCH_CONCURRENCY,
      reconcileIntervalMs: c.RECONCILE_INTERVAL_MS,
      usageAccrualMs: c.USAGE_ACCRUAL_MS,
      statusLostAfterMs: c.STATUS_LOST_AFTER_MS,
      maxAttempts: c.JOB_MAX_ATTEMPTS,
      deadlineMs: c.JOB_DEADLINE_MS,
      claimTtlMs: c.JOB_CLAIM_TTL_MS,
      blockTtlMs: c.BLOCK_TTL_MS,
    },
    pool: {
      syncIntervalMs: c.SYNC_INTERVAL_MS,
      syncTimeoutMs: c.SYNC_TIMEOUT_MS,
      offerTtlMs: c.OFFER_TTL_MS,
      probeIntervalMs: c.PROBE_INTERVAL_MS,
      breakerFailures: c.BREAKER_FAILURES,
      breakerHalfOpenMs: c.BREAKER_HALF_OPEN_MS,
    },
    env,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
