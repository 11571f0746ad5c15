// The documented shape of a quote (POST /v1/quotes): the OpenAPI document is generated from it.
import { z } from 'zod';
import { jobSpecSchema } from './job-spec.schema';

export const quoteSchema = z.object({
  spec: jobSpecSchema,
  warnings: z.array(z.string()),
  format: z.string(),
  decision: z.object({ explanation: z.string(), candidates: z.array(z.unknown()), dropped: z.record(z.string(), z.number()) }).catchall(z.unknown()),
  estimate: z.unknown(),
});
