// The coordinator's own settings, parsed once from the environment (NODES_*).
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const ms = (d: number) => z.coerce.number().int().positive().default(d);

const schema = z.object({
  NODES_ENROLMENT: z.enum(['open', 'code']).default('code'),
  NODES_ADMIN_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  NODES_SIGNATURE_WINDOW_MS: ms(60_000),
  NODES_HEARTBEAT_INTERVAL_MS: ms(15_000),
  NODES_MISSED_HEARTBEATS: z.coerce.number().int().min(1).default(3),
  NODES_MAX_GPUS_PER_NODE: z.coerce.number().int().min(1).max(64).default(8),
  NODES_CHALLENGE_TIMEOUT_MS: ms(30_000),
  NODES_CHALLENGE_INTERVAL_MS: ms(6 * 3_600_000),
  NODES_CHALLENGE_ROUNDS: z.coerce.number().int().min(1).max(5_000_000).default(20_000),
  NODES_CHALLENGE_MEMORY_MB: z.coerce.number().int().min(1).max(1_000_000).default(64),
  NODES_CHALLENGE_MAX_FAILURES: z.coerce.number().int().min(1).default(3),
  NODES_ACCEPT_CPU_PROBES: bool.default(false),
  NODES_LEASE_ACK_TIMEOUT_MS: ms(30_000),
  NODES_LEASE_TTL_MS: ms(60_000),
  NODES_SWEEP_INTERVAL_MS: ms(5_000),
  NODES_ENROLMENT_CODE_TTL_MS: ms(7 * 24 * 3_600_000),
});

export interface NodesConfig {
  enrolment: 'open' | 'code';
  adminToken?: string;
  signatureWindowMs: number;
  heartbeatIntervalMs: number;
  missedHeartbeats: number;
  maxGpusPerNode: number;
  challengeTimeoutMs: number;
  challengeIntervalMs: number;
  challengeRounds: number;
  challengeMemoryMb: number;
  challengeMaxFailures: number;
  acceptCpuProbes: boolean;
  leaseAckTimeoutMs: number;
  leaseTtlMs: number;
  sweepIntervalMs: number;
  enrolmentCodeTtlMs: number;
}

export const NODES_CONFIG = Symbol('NODES_CONFIG');

export function loadNodesConfig(env: Record<string, string | undefined>): NodesConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('NODES_') && v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    throw new Error(`Invalid node coordinator configuration:\n${parsed.error.issues.map((i) => `  - ${String(i.path[0])}: ${i.message}`).join('\n')}`);
  }
  const c = parsed.data;
  return {
    enrolment: c.NODES_ENROLMENT,
    adminToken: c.NODES_ADMIN_TOKEN,
    signatureWindowMs: c.NODES_SIGNATURE_WINDOW_MS,
    heartbeatIntervalMs: c.NODES_HEARTBEAT_INTERVAL_MS,
    missedHeartbeats: c.NODES_MISSED_HEARTBEATS,
    maxGpusPerNode: c.NODES_MAX_GPUS_PER_NODE,
    challengeTimeoutMs: c.NODES_CHALLENGE_TIMEOUT_MS,
    challengeIntervalMs: c.NODES_CHALLENGE_INTERVAL_MS,
    challengeRounds: c.NODES_CHALLENGE_ROUNDS,
    challengeMemoryMb: c.NODES_CHALLENGE_MEMORY_MB,
    challengeMaxFailures: c.NODES_CHALLENGE_MAX_FAILURES,
    acceptCpuProbes: c.NODES_ACCEPT_CPU_PROBES,
    leaseAckTimeoutMs: c.NODES_LEASE_ACK_TIMEOUT_MS,
    leaseTtlMs: c.NODES_LEASE_TTL_MS,
    sweepIntervalMs: c.NODES_SWEEP_INTERVAL_MS,
    enrolmentCodeTtlMs: c.NODES_ENROLMENT_CODE_TTL_MS,
  };
}
