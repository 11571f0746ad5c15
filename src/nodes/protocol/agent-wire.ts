// The agent ↔ coordinator wire shapes (JSON), validated with zod on both sides.
import { z } from 'zod';
import { challengeSchema } from './challenge';
import { isSolanaAddress } from './node-keys';

export const DECIMAL = /^\d{1,12}(\.\d{1,18})?$/;

export const gpuDeviceSchema = z.object({
  index: z.number().int().min(0).max(255),
  /** Verbatim nvidia-smi name, e.g. "NVIDIA GeForce RTX 4090". */
  model: z.string().trim().min(1).max(120),
  vramMb: z.number().int().positive().max(4_000_000),
  driverVersion: z.string().max(40).optional(),
  cudaVersion: z.string().max(40).optional(),
  /** Percent, 0–100. */
  utilizationPct: z.number().min(0).max(100).optional(),
});
export type GpuDevice = z.infer<typeof gpuDeviceSchema>;

export const nodePriceSchema = z.object({
  /** Asking price per GPU-hour as a decimal string. */
  amount: z
    .string()
    .regex(DECIMAL, 'a decimal string such as "0.45"')
    .refine((s) => Number(s) > 0, 'must be more than 0'),
  /** 'USD', or a token (e.g. 'USDC', 'SOL') the host converts with its FX sources. */
  asset: z.string().trim().min(1).max(16).default('USD'),
});
export type NodePrice = z.infer<typeof nodePriceSchema>;

export const payoutWalletSchema = z.string().refine(isSolanaAddress, 'must be a base58 Solana address (32 bytes)');

export const registerBodySchema = z.object({
  enrolmentCode: z.string().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(80).optional(),
  price: nodePriceSchema,
  payoutWallet: payoutWalletSchema,
  agentVersion: z.string().min(1).max(40),
  executor: z.enum(['docker', 'process']),
  gpus: z.array(gpuDeviceSchema).min(1).max(64),
});
export type RegisterBody = z.infer<typeof registerBodySchema>;

export const heartbeatBodySchema = z.object({
  agentVersion: z.string().min(1).max(40),
  gpus: z.array(gpuDeviceSchema).min(1).max(64),
  /** Leases the agent is running right now. */
  leases: z.array(z.string()).max(64).default([]),
});
export type HeartbeatBody = z.infer<typeof heartbeatBodySchema>;

export const settingsBodySchema = z
  .object({ price: nodePriceSchema.optional(), payoutWallet: payoutWalletSchema.optional(), name: z.string().trim().min(1).max(80).optional() })
  .refine((b) => b.price || b.payoutWallet || b.name, 'set at least one of price, payoutWallet, name');

export const leaseStatusBodySchema = z.object({ state: z.literal('running'), message: z.string().max(500).optional() });
export const leaseLogsBodySchema = z.object({ lines: z.array(z.string().max(8_192)).min(1).max(500) });
export const leaseFinishBodySchema = z.object({
  exitCode: z.number().int().nullable(),
  state: z.enum(['succeeded', 'failed', 'cancelled']),
  message: z.string().max(500).optional(),
});

/** The job as the agent runs it (a subset of the public job spec). */
export const agentJobSchema = z
  .object({
    name: z.string().optional(),
    image: z.string(),
    command: z.array(z.string()).optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    ports: z.array(z.number()).optional(),
    resources: z
      .object({
        gpu: z.object({ count: z.number().int().min(0) }).passthrough(),
        cpu: z.number().optional(),
        memoryGb: z.number().optional(),
        diskGb: z.number().optional(),
      })
      .passthrough(),
    durationHours: z.number().optional(),
  })
  .passthrough();
export type AgentJob = z.infer<typeof agentJobSchema>;

export const workLeaseSchema = z.object({
  leaseId: z.string(),
  job: agentJobSchema,
  gpus: z.number().int().positive(),
  /** GPU indexes on this node reserved for the lease. */
  gpuIndexes: z.array(z.number().int()),
  ackDeadline: z.string(),
});
export type WorkLease = z.infer<typeof workLeaseSchema>;

export const workResponseSchema = z.object({ lease: workLeaseSchema.nullable(), challenge: challengeSchema.nullable() });
export const heartbeatResponseSchema = z.object({
  nodeId: z.string(),
  state: z.string(),
  heartbeatIntervalMs: z.number(),
  challenge: challengeSchema.nullable(),
  /** Leases the agent said it runs that the coordinator no longer wants (cancelled or expired). */
  stopLeases: z.array(z.string()),
  /** Why the node is blocked, suspended or flagged, for its operator; null when it is not. */
  reason: z.string().nullable().default(null),
});
export const renewResponseSchema = z.object({ leaseId: z.string(), state: z.string(), expiresAt: z.string().nullable(), cancel: z.boolean() });
export const ackResponseSchema = z.object({ leaseId: z.string(), state: z.string(), expiresAt: z.string().nullable(), renewEveryMs: z.number() });
