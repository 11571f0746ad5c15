import { z } from 'zod';
import { text } from '../common/schema-primitives';

export const jobsQuerySchema = z
  .object({
    state: z.enum(['pending', 'routing', 'submitted', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: text().max(512).optional(),
  })
  .strict();
