import { z } from 'zod';
import { text, usdAmount } from '../common/schema-primitives';

const decimal = usdAmount('2.50');
const csv = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

export const offersQuerySchema = z
  .object({
    gpu: csv.optional(),
    minCount: z.coerce.number().int().min(1).optional(),
    minVramGb: z.coerce.number().min(0).optional(),
    region: z.string().max(64).optional(),
    country: z.string().max(8).optional(),
    network: csv.optional(),
    maxUsdPerGpuHour: decimal.optional(),
    minScore: z.coerce.number().min(0).max(1).optional(),
    firmOnly: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    sort: z.enum(['price', 'score', 'freshness']).default('price'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: text().max(512).optional(),
  })
  .strict();

export type OffersQuery = z.infer<typeof offersQuerySchema>;
