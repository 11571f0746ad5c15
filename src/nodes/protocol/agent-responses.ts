// What the coordinator answers an agent, where agent-wire.ts has no schema yet: registration, a challenge's
// verdict, accepted log lines. Part of the published protocol document (protocol-document.ts).
import { z } from 'zod';
import { challengeSchema } from './challenge';

/** A node as the coordinator shows it (GET /v1/nodes/{id} and registration answers). */
export const nodeViewSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    state: z.string(),
    price: z.object({ amount: z.string(), asset: z.string(), per: z.literal('gpu-hour') }),
    payoutWallet: z.string(),
    verification: z.object({
      verifiedAt: z.string().nullable(),
      kind: z.enum(['gpu', 'cpu']).nullable(),
      note: z.string().nullable(),
      nextChallengeAt: z.string().nullable(),
    }),
    flagReason: z.string().nullable(),
    blockedReason: z.string().nullable(),
    registeredAt: z.string(),
  })
  .passthrough();

export const registerResponseSchema = z.object({ node: nodeViewSchema, challenge: challengeSchema.nullable(), created: z.boolean() });
export const challengeVerdictSchema = z.object({ challengeId: z.string(), passed: z.boolean(), reason: z.string() });
export const logsAcceptedSchema = z.object({ accepted: z.number().int().min(0) });
