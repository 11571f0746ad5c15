// The one setting of the hyperscaler yardstick, parsed once with zod (README configuration table).
import { z } from 'zod';
import { DEFAULT_REFERENCE_MAX_AGE_DAYS } from './hyperscaler-reference';

const schema = z.object({
  /** A reference row older than this many days (since its catalog was read) is shown as stale, never as a saving. */
  HYPERSCALER_REFERENCE_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_REFERENCE_MAX_AGE_DAYS),
});

export function hyperscalerReferenceConfig(env: Record<string, string | undefined>): { maxAgeDays: number } {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: HYPERSCALER_REFERENCE_MAX_AGE_DAYS ${parsed.error.issues[0].message}`);
  }
  return { maxAgeDays: parsed.data.HYPERSCALER_REFERENCE_MAX_AGE_DAYS };
}
