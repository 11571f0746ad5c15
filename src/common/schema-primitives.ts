// The zod building blocks every request schema uses, so that what reaches Postgres is always storable:
// text without NUL or lone UTF-16 surrogates (Postgres refuses both in text and jsonb), real UUIDs,
// bounded money and bounded ISO-8601 times.
import { z } from 'zod';

export const NUL_REASON = 'must not contain NUL (U+0000)';
export const SURROGATE_REASON = 'must not contain a lone UTF-16 surrogate';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text, or undefined when it can. */
export function unstorableTextReason(value: string): string | undefined {
  if (value.includes('\u0000')) return NUL_REASON;
  if (LONE_SURROGATE.test(value)) return SURROGATE_REASON;
  return undefined;
}

/** A string Postgres can store: no NUL, no lone surrogate. */
export const text = () =>
  z.string().superRefine((value, ctx) => {
    const reason = unstorableTextReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

/** An RFC 9562 UUID (the ids this API issues). */
export const uuid = () => z.uuid({ message: 'must be a UUID' });

export function isUuid(value: string): boolean {
  return uuid().safeParse(value).success;
}

/**
 * USD as a decimal string, bounded so that it fits the routing's integer micro-dollars exactly
 * (at most 9 digits before the point and 6 after).
 */
export const usdAmount = (example = '2.00') =>
  z
    .string({ message: `must be a decimal string such as "${example}" (money is never a JSON number)` })
    .regex(/^\d+(\.\d+)?$/, `must be a decimal string such as "${example}"`)
    .regex(/^\d{1,9}(\.\d+)?$/, 'must be at most 999999999 (9 digits before the point)')
    .regex(/^\d+(\.\d{1,6})?$/, 'must have at most 6 digits after the point');

/** Times this API accepts: ISO-8601 (a date, or a date-time with an offset), between these bounds. */
export const EARLIEST_TIME = new Date('2000-01-01T00:00:00Z');
export const LATEST_TIME = new Date('2200-01-01T00:00:00Z');

export const isoTime = () =>
  z
    .union([z.iso.datetime({ offset: true }), z.iso.date()], { message: 'must be an ISO-8601 time such as 2026-01-31T12:00:00Z' })
    .transform((v) => new Date(v))
    .refine(
      (d) => d >= EARLIEST_TIME && d < LATEST_TIME,
      `must be between ${EARLIEST_TIME.toISOString().slice(0, 10)} and ${LATEST_TIME.toISOString().slice(0, 10)}`,
    );
