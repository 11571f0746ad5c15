import type { ZodType } from 'zod';
import { AdapterError } from './errors';

/** Validates an upstream payload; garbage becomes a `bad_response` AdapterError naming what was wrong. */
export function parseUpstream<T>(schema: ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new AdapterError('bad_response', `${what}: unexpected payload (${issues.join('; ')})`, {
    details: { issues },
  });
}

/** Like parseUpstream, but returns the reason instead of throwing: for per-record quarantine. */
export function checkUpstream<T>(schema: ZodType<T>, value: unknown): { ok: true; value: T } | { ok: false; reason: string } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, reason: issues.join('; ') };
}
