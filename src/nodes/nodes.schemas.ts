// The documented shapes of the operator node routes (GET /v1/nodes, GET /v1/nodes/{id},
// POST /v1/nodes/enrolment-codes); the OpenAPI document is generated from these. Written from
// NodeRegistryService.view, node-state.ts and issueEnrolmentCode.
import { z } from 'zod';
import { gpuDeviceSchema } from './protocol/agent-wire';

const unit = z.number().min(0).max(1);

export const nodeViewSchema = z.object({
  id: z.string().describe("The node's Ed25519 public key, base58."),
  name: z.string().nullable(),
  state: z.enum(['online', 'offline', 'flagged', 'blocked', 'unverified']),
  executor: z.string(),
  agentVersion: z.string(),
  inventory: z.array(gpuDeviceSchema).describe('The GPUs the node offers (verified, within the cap).'),
  reportedInventory: z.array(gpuDeviceSchema).describe('The GPUs the agent last reported.'),
  price: z.object({ amount: z.string().describe('Decimal string.'), asset: z.string(), per: z.literal('gpu-hour') }),
  payoutWallet: z.string(),
  verification: z.object({
    verifiedAt: z.string().nullable(),
    kind: z.enum(['gpu', 'cpu']).nullable(),
    note: z.string().nullable(),
    nextChallengeAt: z.string().nullable(),
  }),
  simulated: z.boolean().describe('A built-in demo agent with simulated GPUs (never a real node).'),
  flagReason: z.string().nullable(),
  blockedReason: z.string().nullable(),
  health: z.object({
    score: unit.describe('Weighted: heartbeat freshness 0.4, challenge results 0.4, uptime 0.2.'),
    heartbeatFreshness: unit,
    challengePassRate: unit,
    uptime: unit,
    lastHeartbeatAt: z.string().nullable(),
    challengesPassed: z.number().int(),
    challengesFailed: z.number().int(),
    consecutiveFailures: z.number().int(),
  }),
  registeredAt: z.string(),
});

export const nodeListSchema = z.object({ nodes: z.array(nodeViewSchema) });

export const enrolmentCodeSchema = z.object({
  id: z.string().uuid(),
  code: z.string().describe('Shown once: only its hash is kept.'),
  expiresAt: z.string(),
});
