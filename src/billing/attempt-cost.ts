import Decimal from 'decimal.js';

/** What an attempt cost: its agreed USD per hour × the time it ran (zero if it never started). */
export function attemptCost(usdPerHour: string, startedAt: Date | null, finishedAt: Date): string {
  if (!startedAt) return '0';
  const ms = Math.max(0, finishedAt.getTime() - startedAt.getTime());
  return new Decimal(usdPerHour).mul(ms).div(3_600_000).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toString();
}
