import { estimateFromSpread } from './akash.estimate';

const H100 = { min: 1.18, med: 1.5, max: 2.4 };

describe('estimateFromSpread', () => {
  it('quotes near the top of the spread when one provider is free: its bid is the one that settles', () => {
    const { usdPerGpuHour, quantile } = estimateFromSpread(H100, 1);
    expect(quantile).toBeCloseTo(0.98, 10);
    // 1.5 + (2.4 − 1.5) × 0.96
    expect(usdPerGpuHour.toFixed()).toBe('2.364');
  });

  it('comes down towards the median and below as more providers are free to bid', () => {
    const quotes = [1, 2, 4, 8, 16].map((k) => estimateFromSpread(H100, k).usdPerGpuHour.toNumber());
    expect([...quotes].sort((a, b) => b - a)).toEqual(quotes);
    expect(quotes[3]).toBeLessThan(H100.med); // 8 free: the cheapest of them is below the median 98 % of the time
    expect(quotes[4]).toBeGreaterThanOrEqual(H100.min);
  });

  it('is the median when the Console does not say how many providers are free', () => {
    expect(estimateFromSpread(H100, undefined)).toEqual({ usdPerGpuHour: expect.anything(), quantile: 0.5 });
    expect(estimateFromSpread(H100, undefined).usdPerGpuHour.toFixed()).toBe('1.5');
    expect(estimateFromSpread(H100, 0).usdPerGpuHour.toFixed()).toBe('1.5');
  });

  it('quotes at the confidence asked for', () => {
    expect(estimateFromSpread(H100, 1, 0.95).usdPerGpuHour.toFixed()).toBe('2.31');
  });

  it('reads a spread that is out of order as the median alone', () => {
    expect(estimateFromSpread({ min: 1.6, med: 1.5, max: 2.4 }, 1).usdPerGpuHour.toFixed()).toBe('1.5');
  });
});
