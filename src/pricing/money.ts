// Decimal arithmetic for money. Prices cross the wire and the database as decimal strings; in code they
// are `Money` values (a decimal.js clone with 40 significant digits), never JS floats.
import Decimal from 'decimal.js';

export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
export type Money = Decimal;

const DECIMAL_STRING = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** True for plain decimal strings such as "12", "0.0034", "-1.5" (no exponent, no leading zeros, no spaces). */
export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL_STRING.test(value);
}

/** Parses a decimal string into Money; throws on floats, exponents and anything else. */
export function parseMoney(value: string): Money {
  if (!isDecimalString(value)) throw new Error(`not a decimal string: ${JSON.stringify(value)}`);
  return new Money(value);
}

/** Money from a decimal string, bigint or safe integer (never a fractional JS number). */
export function money(value: string | bigint | number | Money): Money {
  if (value instanceof Decimal) return new Money(value);
  if (typeof value === 'bigint') return new Money(value.toString());
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`refusing a non-integer JS number as money: ${value}`);
    return new Money(value);
  }
  return parseMoney(value);
}

/** Plain decimal string without exponent, rounded to `places` decimals (half-even), trailing zeros dropped. */
export function formatMoney(value: Money, places = 8): string {
  const s = value.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN).toFixed();
  return s === '-0' ? '0' : s;
}

/** integer × 10^exponent, exactly (Pyth and Chainlink publish scaled integers). */
export function scaled(integer: bigint | string, exponent: number): Money {
  return new Money(integer.toString()).times(new Money(10).pow(exponent));
}

export function sum(values: readonly Money[]): Money {
  return values.reduce((acc, v) => acc.plus(v), new Money(0));
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly Money[]): Money {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : sorted[mid - 1].plus(sorted[mid]).div(2);
}

/** Nearest-rank percentile (p in (0, 100]) of a non-empty list: p90 of 10 values is the 9th smallest. */
export function percentile(values: readonly Money[], p: number): Money {
  if (values.length === 0) throw new Error('percentile of an empty list');
  const sorted = [...values].sort((a, b) => a.comparedTo(b));
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

export function minOf(values: readonly Money[]): Money {
  return Money.min(...values);
}

export function maxOf(values: readonly Money[]): Money {
  return Money.max(...values);
}

/** A plain amount short enough to read as micro-USD with integer arithmetic: below 10^9, at most 11 decimals. */
const PLAIN_USD = /^(\d{1,9})(?:\.(\d{1,11}))?$/;
const DIGIT_FIVE = 53;

/** An exact integer of micro-USD (rounded half up), used only to order and filter offers by price. */
export function toMicros(usd: string): number {
  // Every offer of a sync goes through here: a plain price is read from its digits (the same integer decimal.js
  // gives, at a fraction of the cost); anything else goes to decimal.js.
  const plain = PLAIN_USD.exec(usd);
  if (!plain) return new Decimal(usd).mul(1_000_000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  const fraction = (plain[2] ?? '').padEnd(7, '0');
  const micros = Number(plain[1]) * 1_000_000 + Number(fraction.slice(0, 6));
  return fraction.charCodeAt(6) >= DIGIT_FIVE ? micros + 1 : micros;
}
