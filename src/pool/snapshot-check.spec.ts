import type { Offer } from '../../adapters/sdk';
import { checkSnapshot, type PriceNormalizer } from './snapshot-check';

const now = new Date('2026-12-05T09:00:00Z');
const offer = (offerId: string, amount: string): Offer => ({
  network: 'akash',
  offerId,
  provider: { id: 'p1' },
  gpu: { label: 'h100', count: 2 },
  price: { amount, asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm', source: 'spec' },
  observedAt: now.toISOString(),
  raw: { offerId },
});
const resolveGpu = () => ({ ok: true as const, id: 'nvidia-h100-sxm-80gb', family: 'h100', vramGb: 80 });
/** Prices the offer at its own amount, unless the spec says what the normalizer answers. */
const normalizeTo =
  (usd?: string): PriceNormalizer =>
  ({ price }) => ({ ok: true, usdPerGpuHour: usd ?? price.amount, usdPerHour: usd ?? price.amount, provenance: {}, stale: false });
const check = (offers: Offer[], normalize = normalizeTo()) =>
  checkSnapshot({ network: 'akash', offers, quarantined: [], resolveGpu, normalize, now, offerTtlMs: 60_000 });

describe('checkSnapshot prices', () => {
  it('accepts positive plain decimals and quarantines zero, negative and malformed amounts', () => {
    const { accepted, quarantined } = check([
      offer('a', '0.001'),
      offer('b', '12'),
      offer('c', '0.000'),
      offer('d', '0'),
      offer('e', '-1.5'),
      offer('f', '1e3'),
      offer('g', '.5'),
    ]);
    expect(accepted.map((o) => [o.offerId, o.usdPerGpuHourMicros])).toEqual([
      ['a', 1_000],
      ['b', 12_000_000],
    ]);
    expect(quarantined.map((q) => [q.offerId, q.reason])).toEqual([
      ['c', 'non-positive or malformed price "0.000"'],
      ['d', 'non-positive or malformed price "0"'],
      ['e', 'non-positive or malformed price "-1.5"'],
      ['f', 'non-positive or malformed price "1e3"'],
      ['g', 'non-positive or malformed price ".5"'],
    ]);
  });

  it('quarantines an offer whose normalized USD price is not above zero', () => {
    for (const usd of ['0.00000000', '0', '-0.5', '-1e-9']) {
      const { accepted, quarantined } = check([offer('a', '0.0000001')], normalizeTo(usd));
      expect(accepted).toEqual([]);
      expect(quarantined.map((q) => q.reason)).toEqual([`normalized price ${usd} USD/GPU-hour is not positive`]);
    }
    expect(check([offer('a', '0.0000001')], normalizeTo('1e-9')).accepted).toHaveLength(1);
  });
});
