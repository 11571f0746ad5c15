import Decimal from 'decimal.js';
import { toMicros } from './money';

describe('toMicros', () => {
  const byDecimal = (usd: string) => new Decimal(usd).mul(1_000_000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();

  it('rounds half up to whole micro-USD', () => {
    expect(toMicros('1.5')).toBe(1_500_000);
    expect(toMicros('0.0000005')).toBe(1);
    expect(toMicros('0.00000049999')).toBe(0);
    expect(toMicros('2.1234565')).toBe(2_123_457);
    expect(toMicros('2.12345649999999')).toBe(2_123_456);
    expect(toMicros('999999999.9999995')).toBe(1_000_000_000_000_000);
    expect(toMicros('0')).toBe(0);
    expect(toMicros('007.25')).toBe(7_250_000);
  });

  it('gives what decimal.js gives, for plain prices and for the amounts it leaves to decimal.js', () => {
    let seed = 42;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    const digits = (n: number) => Array.from({ length: n }, () => String(next() % 10)).join('');
    const samples = ['1e-7', '5e-7', '-1.5', '-0.0000005', '1234567890.5', '0.000000500000000001', '12.3456785000000000001'];
    for (let i = 0; i < 5_000; i++) samples.push(`${digits(1 + (next() % 9))}${next() % 4 ? `.${digits(1 + (next() % 13))}` : ''}`);
    for (const usd of samples) expect([usd, toMicros(usd)]).toEqual([usd, byDecimal(usd)]);
  });
});
