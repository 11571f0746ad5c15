// The one setting of the hyperscaler yardstick, parsed once with zod (README configuration table).
import { z } from 'zod';
import { parseEnv } from '../config/env-config';
import { DEFAULT_REFERENCE_MAX_AGE_DAYS } from './hyperscaler-reference';

const schema = z.object({
  /** A reference row older than this many days (since its catalog was read) is shown as stale, never as a saving. */
  HYPERSCALER_REFERENCE_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_REFERENCE_MAX_AGE_DAYS),
});

export function hyperscalerReferenceConfig(env: Record<string, string | undefined>): { maxAgeDays: number } {
  // An empty value is refused here (not read as unset), as it always was.
  const c = parseEnv(schema, env, { keepEmpty: true, fail: ([first]) => new Error(`Invalid configuration: ${first.key} ${first.message}`) });
  return { maxAgeDays: c.HYPERSCALER_REFERENCE_MAX_AGE_DAYS };
}
