import type { ZodType } from 'zod';
import { FieldError, validationProblem } from './problem';

/** Parses input with a zod schema; a failure becomes a 400 problem naming each bad field and why. */
export function parseOrProblem<T>(schema: ZodType<T>, input: unknown, prefix = ''): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(body)',
    reason: issue.message,
  }));
  throw validationProblem(errors);
}
