import { aggregateFxQuotes, fxQuoteView } from './fx-aggregate';
import type { FxQuote } from './fx-quote';

const now = new Date('2026-11-24T12:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
const q = (source: string, usd: string, ageS = 5, confidence = '0.001', asset: FxQuote['asset'] = 'FIL'): FxQuote => ({
  asset,
  usd,
  source,
  publishTime: ago(ageS),
  confidence,
  observedAt: now.toISOString(),
});
const policy = { maxAgeS: 300, maxConfidenceRatio: '0.02' };

describe('aggregateFxQuotes', () => {
  it('takes the median of the sources that answered and records the spread', () => {
    const out = aggregateFxQuotes('FIL', [q('pyth-hermes', '4.00'), q('chainlink', '4.10'), q('pyth-solana', '3.90')], policy, now)!;
    expect(out.usd).toBe('4');
    // (4.10 − 3.90) / 4.00 = 0.05
    expect(out.spread).toBe('0.05');
    expect(out.source).toBe('median(pyth-hermes,chainlink,pyth-solana)');
    expect(out.stale).toBe(false);
    expect(out.sources.every((s) => s.used)).toBe(true);
  });

  it('averages the two middle prices for an even count, and keeps the oldest publish time', () => {
    const out = aggregateFxQuotes('FIL', [q('pyth-hermes', '4.00', 10), q('chainlink', '4.02', 90)], policy, now)!;
    expect(out.usd).toBe('4.01');
    expect(out.publishTime).toBe(ago(90));
    // 0.02 / 4.01 = 0.004987531… → 6 decimals
    expect(out.spread).toBe('0.004988');
  });

  it('leaves out a source older than the maximum age, saying so', () => {
    const out = aggregateFxQuotes('FIL', [q('pyth-hermes', '4.00', 10), q('chainlink', '9.99', 7200)], policy, now)!;
    expect(out.usd).toBe('4');
    expect(out.source).toBe('pyth-hermes');
    expect(out.sources.find((s) => s.source === 'chainlink')).toMatchObject({ used: false, reason: 'stale: published 7200 s ago (max 300 s)' });
  });

  it('leaves out a source whose confidence interval is too wide', () => {
    // 0.2 / 4.0 = 5 % > 2 %
    const out = aggregateFxQuotes('FIL', [q('pyth-hermes', '4.0', 5, '0.2'), q('chainlink', '4.1', 5, '0')], policy, now)!;
    expect(out.source).toBe('chainlink');
    expect(out.sources[0]).toMatchObject({ used: false, reason: 'confidence 5 % of price exceeds 2 %' });
  });

  it('keeps the freshest answer marked stale when every source is too old', () => {
    const out = aggregateFxQuotes('AKT', [q('pyth-hermes', '2.10', 4000, '0.001', 'AKT'), q('static', '2.00', 9000, '0', 'AKT')], policy, now)!;
    expect(out).toMatchObject({ usd: '2.1', stale: true, source: 'pyth-hermes' });
  });

  it('returns nothing when no source answered usably', () => {
    expect(aggregateFxQuotes('AKT', [], policy, now)).toBeUndefined();
    expect(aggregateFxQuotes('AKT', [q('pyth-hermes', '2', 5, '1', 'AKT')], policy, now)).toBeUndefined();
  });

  it('refuses a publish time from the future', () => {
    const future = { ...q('pyth-hermes', '4'), publishTime: new Date(now.getTime() + 3_600_000).toISOString() };
    expect(aggregateFxQuotes('FIL', [future], policy, now)).toBeUndefined();
  });

  it('turns a fresh quote stale in the caller view once it passes its maximum age', () => {
    const out = aggregateFxQuotes('FIL', [q('pyth-hermes', '4', 100)], policy, now)!;
    expect(out.staleAfter).toBe(new Date(now.getTime() + 200_000).toISOString());
    expect(fxQuoteView(out, now).stale).toBe(false);
    expect(fxQuoteView(out, new Date(now.getTime() + 201_000)).stale).toBe(true);
  });

  it('lets a source keep its own maximum age (a Chainlink round is current for its heartbeat)', () => {
    const p = { ...policy, sourceMaxAgeS: { chainlink: 7200 } };
    const out = aggregateFxQuotes('FIL', [q('pyth-hermes', '4.00', 10), q('chainlink', '4.02', 3000)], p, now)!;
    expect(out.source).toBe('median(pyth-hermes,chainlink)');
    // Stale when the first input runs out: Hermes at 10 s old + 300 s.
    expect(out.staleAfter).toBe(new Date(now.getTime() + 290_000).toISOString());
  });
});
