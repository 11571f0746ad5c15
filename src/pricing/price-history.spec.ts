import { bucketPriceHistory, PriceHistoryRow } from './price-history';

const row = (at: string, min: string, med: string, max: string, network = 'akash'): PriceHistoryRow => ({
  at,
  network,
  gpuModel: 'nvidia-h100-sxm-80gb',
  minUsd: min,
  medianUsd: med,
  maxUsd: max,
});

describe('bucketPriceHistory', () => {
  const rows = [
    row('2026-11-24T10:05:00Z', '1.9', '2.1', '2.6'),
    row('2026-11-24T10:35:00Z', '1.7', '2.3', '2.4'),
    row('2026-11-24T10:55:00Z', '1.8', '2.0', '3.1'),
    row('2026-11-24T11:10:00Z', '1.6', '1.9', '2.2'),
    row('2026-11-24T10:20:00Z', '2.5', '2.7', '2.9', 'render'),
  ];

  it('reports min of mins, median of medians, max of maxes and the count per hour and network', () => {
    expect(bucketPriceHistory(rows, 'hour')).toEqual([
      {
        network: 'akash',
        gpuModel: 'nvidia-h100-sxm-80gb',
        start: '2026-11-24T10:00:00.000Z',
        end: '2026-11-24T11:00:00.000Z',
        minUsd: '1.7',
        medianUsd: '2.1',
        maxUsd: '3.1',
        count: 3,
      },
      {
        network: 'akash',
        gpuModel: 'nvidia-h100-sxm-80gb',
        start: '2026-11-24T11:00:00.000Z',
        end: '2026-11-24T12:00:00.000Z',
        minUsd: '1.6',
        medianUsd: '1.9',
        maxUsd: '2.2',
        count: 1,
      },
      {
        network: 'render',
        gpuModel: 'nvidia-h100-sxm-80gb',
        start: '2026-11-24T10:00:00.000Z',
        end: '2026-11-24T11:00:00.000Z',
        minUsd: '2.5',
        medianUsd: '2.7',
        maxUsd: '2.9',
        count: 1,
      },
    ]);
  });

  it('puts a whole day in one bucket, with the median of an even count averaged', () => {
    const [akash] = bucketPriceHistory(rows, 'day');
    // medians 2.1, 2.3, 2.0, 1.9 → sorted 1.9, 2.0, 2.1, 2.3 → (2.0 + 2.1) / 2 = 2.05
    expect(akash).toMatchObject({ start: '2026-11-24T00:00:00.000Z', medianUsd: '2.05', count: 4 });
  });

  it('starts weeks on Monday (2026-11-24 is a Tuesday)', () => {
    expect(bucketPriceHistory(rows, 'week')[0]).toMatchObject({ start: '2026-11-23T00:00:00.000Z', end: '2026-11-30T00:00:00.000Z' });
  });
});
