// The coordinator's own settings, parsed once from the environment (NODES_*).
import { z } from 'zod';
import { envProblemList, parseEnv } from '../config/env-config';
import type { ChallengeTuning } from './challenge-sizing';

const ms = (d: number) => z.coerce.number().int().positive().default(d);

const schema = z.object({
  NODES_ENROLMENT: z.enum(['open', 'code']).default('code'),
  NODES_ADMIN_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
  NODES_SIGNATURE_WINDOW_MS: ms(60_000),
  NODES_HEARTBEAT_INTERVAL_MS: ms(15_000),
  NODES_MISSED_HEARTBEATS: z.coerce.number().int().min(1).default(3),
  NODES_MAX_GPUS_PER_NODE: z.coerce.number().int().min(1).max(64).default(8),
  NODES_CHALLENGE_INTERVAL_MS: ms(6 * 3_600_000),
  NODES_CHALLENGE_MAX_FAILURES: z.coerce.number().int().min(1).default(3),
  NODES_CHALLENGE_VRAM_FRACTION: z.coerce.number().min(0.01).max(0.9).default(0.4),
  NODES_CHALLENGE_WORK_MS: z.coerce.number().int().min(0).default(10_000),
  NODES_CHALLENGE_EFFICIENCY: z.coerce.number().min(0.05).max(1).default(0.4),
  NODES_CHALLENGE_SLACK_MS: ms(5_000),
  NODES_CHALLENGE_MAX_SIZE: z.coerce.number().int().min(8).max(65_536).default(65_536),
  NODES_CHALLENGE_MAX_ROUNDS: z.coerce.number().int().min(1).max(10_000).default(1_000),
  NODES_CHALLENGE_OPEN_ROWS: z.coerce.number().int().min(1).max(64).default(4),
  NODES_CHALLENGE_CHECK_ENTRIES: z.coerce.number().int().min(1).max(1_024).default(16),
  NODES_CHALLENGE_OPEN_TIMEOUT_MS: ms(20_000),
  NODES_PROBATION_MAX_USD: z
    .string()
    .regex(/^\d{1,9}(\.\d{1,6})?$/, 'a decimal string such as "25"')
    .default('25'),
  NODES_IMPLAUSIBLE_RUNTIME_FRACTION: z.coerce.number().min(0).max(1).default(0.001),
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
  /** Mean time between re-challenges; each one is drawn at random between half and one and a half of it. */
  challengeIntervalMs: number;
  challengeMaxFailures: number;
  challenge: ChallengeTuning & { openRows: number; checkEntries: number; openTimeoutMs: number };
  /** The most a job may be worth (USD: price × GPUs × hours) on a node that has never completed one. */
  probationMaxUsd: string;
  /** A job that succeeds in less than this share of its durationHours is implausible and suspends the node. */
  implausibleRuntimeFraction: number;
  leaseAckTimeoutMs: number;
  leaseTtlMs: number;
  sweepIntervalMs: number;
  enrolmentCodeTtlMs: number;
}

export const NODES_CONFIG = Symbol('NODES_CONFIG');

export function loadNodesConfig(env: Record<string, string | undefined>): NodesConfig {
  const c = parseEnv(schema, env, {
    owns: (key) => key.startsWith('NODES_'),
    fail: (problems) => envProblemList('Invalid node coordinator configuration', problems),
  });
  return {
    enrolment: c.NODES_ENROLMENT,
    adminToken: c.NODES_ADMIN_TOKEN,
    signatureWindowMs: c.NODES_SIGNATURE_WINDOW_MS,
    heartbeatIntervalMs: c.NODES_HEARTBEAT_INTERVAL_MS,
    missedHeartbeats: c.NODES_MISSED_HEARTBEATS,
    maxGpusPerNode: c.NODES_MAX_GPUS_PER_NODE,
    challengeIntervalMs: c.NODES_CHALLENGE_INTERVAL_MS,
    challengeMaxFailures: c.NODES_CHALLENGE_MAX_FAILURES,
    challenge: {
      vramFraction: c.NODES_CHALLENGE_VRAM_FRACTION,
      workMs: c.NODES_CHALLENGE_WORK_MS,
      efficiency: c.NODES_CHALLENGE_EFFICIENCY,
      slackMs: c.NODES_CHALLENGE_SLACK_MS,
      maxSize: c.NODES_CHALLENGE_MAX_SIZE,
      maxRounds: c.NODES_CHALLENGE_MAX_ROUNDS,
      openRows: c.NODES_CHALLENGE_OPEN_ROWS,
      checkEntries: c.NODES_CHALLENGE_CHECK_ENTRIES,
      openTimeoutMs: c.NODES_CHALLENGE_OPEN_TIMEOUT_MS,
    },
    probationMaxUsd: c.NODES_PROBATION_MAX_USD,
    implausibleRuntimeFraction: c.NODES_IMPLAUSIBLE_RUNTIME_FRACTION,
    leaseAckTimeoutMs: c.NODES_LEASE_ACK_TIMEOUT_MS,
    leaseTtlMs: c.NODES_LEASE_TTL_MS,
    sweepIntervalMs: c.NODES_SWEEP_INTERVAL_MS,
    enrolmentCodeTtlMs: c.NODES_ENROLMENT_CODE_TTL_MS,
  };
}
