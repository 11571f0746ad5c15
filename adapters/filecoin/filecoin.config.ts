// The Filecoin plugin's configuration, from FILECOIN_<KEY> variables (see README.md for the table).
import { z } from 'zod';
import { isPositiveDecimal } from './filecoin.units';

/** FILECOIN_FALLBACK_PRICES arrives as a JSON string; a broken one is reported as an issue, not thrown. */
function parseJsonString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return {};
  try {
    return JSON.parse(value);
  } catch {
    return value; // the record schema below then says "expected record"
  }
}

const filPerGpuHour = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine(isPositiveDecimal, 'must be a positive decimal amount of FIL per GPU-hour');

export const filecoinConfigSchema = z.object({
  /** Bacalhau orchestrator base URL (real default port 1234). */
  bacalhauUrl: z.string().url(),
  bacalhauToken: z.string().min(1).optional(),
  bacalhauNamespace: z.string().min(1).default('default'),
  /** Lotus JSON-RPC endpoint (…/rpc/v1) or node base URL; Glif's public mainnet node by default. */
  lotusUrl: z.string().url().default('https://api.node.glif.io/rpc/v1'),
  lotusToken: z.string().min(1).optional(),
  timeoutMs: z.coerce.number().int().positive().default(10_000),
  maxAttempts: z.coerce.number().int().min(1).max(5).default(2),
  /** How long a miner's on-chain verification is trusted before Lotus is asked again. */
  verificationTtlMs: z.coerce
    .number()
    .int()
    .min(0)
    .default(15 * 60_000),
  /** FIL per GPU-hour keyed by a substring of the GPU label, for nodes that state no price. */
  fallbackPrices: z.preprocess(parseJsonString, z.record(z.string().min(1), filPerGpuHour)).default({}),
});

export type FilecoinConfig = z.infer<typeof filecoinConfigSchema>;
export type FilecoinConfigInput = z.input<typeof filecoinConfigSchema>;
