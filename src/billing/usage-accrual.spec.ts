import Decimal from 'decimal.js';
import { attemptCost } from './attempt-cost';
import { chargedThrough, finalCharges, periodChargePrefix, periodCharges } from './usage-accrual';

const START = new Date('2026-11-24T12:00:00Z');
const at = (ms: number) => new Date(START.getTime() + ms);
const MIN15 = 15 * 60_000;

describe('usage accrual', () => {
  it('charges each completed period once, with a reference per period', () => {
    expect(periodCharges('a1', '2.40', START, at(MIN15 - 1), MIN15)).toEqual([]);
    expect(periodCharges('a1', '2.40', START, at(2 * MIN15 + 5), MIN15)).toEqual([
      { reference: 'usage:a1:0', usd: '0.6' },
      { reference: 'usage:a1:1', usd: '0.6' },
    ]);
    expect(periodCharges('a1', '2.40', START, at(2 * MIN15 + 5), MIN15, 1).map((c) => c.reference)).toEqual(['usage:a1:1']);
  });

  it('adds up to exactly the attempt cost, rounding included, with the remainder charged at the end', () => {
    const rate = '1.2345677'; // rounds differently per period
    const finished = at(7 * 61_000 + 123);
    const charges = finalCharges('a2', rate, START, finished, 61_000);
    expect(charges).toHaveLength(8);
    expect(charges.at(-1)!.reference).toBe('usage:a2');
    const sum = charges.reduce((s, c) => s.plus(c.usd), new Decimal(0));
    expect(sum.toFixed()).toBe(new Decimal(attemptCost(rate, START, finished)).toFixed());
    expect(charges.every((c) => new Decimal(c.usd).gte(0))).toBe(true);
  });

  it('tells from the references already charged how far an attempt was charged', () => {
    const refs = periodCharges('a3', '2.40', START, at(3 * MIN15 + 1), MIN15).map((c) => c.reference);
    expect(refs.every((r) => r.startsWith(periodChargePrefix('a3')))).toBe(true);
    // Order does not matter, and a zero-cost period missing from the ledger leaves no gap in the answer.
    expect(chargedThrough([refs[2], refs[0]], START, MIN15)).toEqual(at(3 * MIN15));
    expect(chargedThrough([], START, MIN15)).toBeUndefined();
  });
});
