// How a running attempt's cost reaches the ledger while it runs: one charge per completed accrual period, then
// the remainder when it ends. Each charge is the difference of the rounded cost-so-far at the period's two
// edges, so the charges of an attempt always add up to exactly attemptCost() of its whole run, and each has an
// idempotency reference (`usage:<attemptId>:<period>`, the remainder `usage:<attemptId>`): charging twice, from
// two replicas or after a restart, records nothing twice.
import Decimal from 'decimal.js';
import { attemptCost } from './attempt-cost';

export interface UsageCharge {
  reference: string;
  usd: string;
}

/** The charges for the periods completed by `now` (period k covers [start + k·P, start + (k+1)·P)), from `fromPeriod` on. */
export function periodCharges(attemptId: string, usdPerHour: string, startedAt: Date, now: Date, periodMs: number, fromPeriod = 0): UsageCharge[] {
  const completed = Math.floor(Math.max(0, now.getTime() - startedAt.getTime()) / periodMs);
  const charges: UsageCharge[] = [];
  for (let k = fromPeriod; k < completed; k++) {
    const usd = costUntil(usdPerHour, startedAt, (k + 1) * periodMs).minus(costUntil(usdPerHour, startedAt, k * periodMs));
    charges.push({ reference: `${periodChargePrefix(attemptId)}${k}`, usd: usd.toFixed() });
  }
  return charges;
}

/** Every charge of an attempt that ran from `startedAt` to `finishedAt`: the completed periods and the remainder. */
export function finalCharges(attemptId: string, usdPerHour: string, startedAt: Date, finishedAt: Date, periodMs: number): UsageCharge[] {
  const charges = periodCharges(attemptId, usdPerHour, startedAt, finishedAt, periodMs);
  const total = new Decimal(attemptCost(usdPerHour, startedAt, finishedAt));
  const covered = costUntil(usdPerHour, startedAt, charges.length * periodMs);
  charges.push({ reference: `usage:${attemptId}`, usd: total.minus(covered).toFixed() });
  return charges;
}

/** The prefix of the references of an attempt's period charges. */
export const periodChargePrefix = (attemptId: string): string => `usage:${attemptId}:`;

/**
 * The end of the last period already charged for an attempt, from its charges' references; undefined when none.
 * A period is only charged once the network said the attempt was running at its end.
 */
export function chargedThrough(references: string[], startedAt: Date, periodMs: number): Date | undefined {
  let periods = 0;
  for (const r of references) {
    const k = Number(r.slice(r.lastIndexOf(':') + 1));
    if (Number.isInteger(k) && k + 1 > periods) periods = k + 1;
  }
  return periods ? new Date(startedAt.getTime() + periods * periodMs) : undefined;
}

function costUntil(usdPerHour: string, startedAt: Date, elapsedMs: number): Decimal {
  return new Decimal(attemptCost(usdPerHour, startedAt, new Date(startedAt.getTime() + elapsedMs)));
}
