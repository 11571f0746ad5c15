import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z.string().refine((v) => {
  try {
    const url = new URL(v);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'must be a postgres:// URL with a host, e.g. postgres://user:pass@127.0.0.1:5432/switchyard');

const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** A list where the word `none` means an empty list (an empty variable counts as unset). */
const csvOrNone = csv.transform((items) => (items.length === 1 && items[0] === 'none' ? [] : items));

/** Every environment variable the host reads (plugins read their own `<ID>_*` variables). */
export const appConfigSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  ROLE: z.enum(['all', 'api', 'worker']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_IN_MEMORY: bool.default(false),
  DATABASE_SINGLE_SESSION: bool.default(false),
  MIGRATIONS_RUN: bool.default(true),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  NETWORKS: csvOrNone.default(['akash', 'render', 'filecoin', 'native', '@switchyard/plugin-ionet']),
  SIM_SEED: z.coerce.number().int().default(42),
  SIM_JOB_FAILURE_RATE: z.coerce.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
  SIM_SUPPLY_SCALE: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(1_000, 'must be at most 1000').default(1),
  SIMULATORS: z.enum(['auto', 'off']).default('auto'),
  SYNC_ENABLED: bool.default(true),
  SYNC_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  SYNC_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  OFFER_TTL_MS: z.coerce.number().int().min(1_000).default(600_000),
  PROBE_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  BREAKER_FAILURES: z.coerce.number().int().min(1).default(3),
  BREAKER_HALF_OPEN_MS: z.coerce.number().int().min(100).default(30_000),
  DISPATCH_ENABLED: bool.default(true),
  DISPATCH_INTERVAL_MS: z.coerce.number().int().min(10).default(250),
  DISPATCH_BATCH: z.coerce.number().int().min(1).max(500).default(100),
  DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(5_000).default(200),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().min(10).default(1_000),
  USAGE_ACCRUAL_MS: z.coerce.number().int().min(100).default(900_000),
  JOB_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  JOB_DEADLINE_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  STATUS_LOST_AFTER_MS: z.coerce.number().int().min(1_000).default(1_800_000),
  JOB_CLAIM_TTL_MS: z.coerce.number().int().min(1_000).default(60_000),
  BLOCK_TTL_MS: z.coerce.number().int().min(1_000).default(300_000),
});

export type AppConfigInput = z.input<typeof appConfigSchema>;
