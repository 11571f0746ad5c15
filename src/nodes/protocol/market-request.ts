// What a market client sends the coordinator (POST /v1/native/placements); the answers' shapes are in
// adapters/native/native.wire.ts, which the native adapter validates them with.
import { z } from 'zod';
import { agentJobSchema } from './agent-wire';

export const placementRequestSchema = z.object({
  offerId: z.string().min(1).max(200),
  gpus: z.number().int().positive().max(64).optional(),
  job: agentJobSchema,
});
