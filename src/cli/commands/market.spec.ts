import { historyChart, since } from './market';

describe('compare --history in the terminal', () => {
  it('charts the cheapest median per network and bucket, with a legend', () => {
    const points = [
      { network: 'akash', gpuModel: 'h100-sxm', start: '2026-12-01T00:00:00.000Z', minUsd: '1.5', medianUsd: '1.60' },
      { network: 'akash', gpuModel: 'h100-pcie', start: '2026-12-01T00:00:00.000Z', minUsd: '1.4', medianUsd: '1.45' },
      { network: 'akash', gpuModel: 'h100-sxm', start: '2026-12-02T00:00:00.000Z', minUsd: '1.7', medianUsd: '1.80' },
      { network: 'filecoin', gpuModel: 'h100-sxm', start: '2026-12-02T00:00:00.000Z', minUsd: '1.2', medianUsd: '1.25' },
    ];
    const text = historyChart({ points });
    expect(text).toContain('2 buckets');
    // The y axis spans the cheapest medians drawn: 1.25 (filecoin) to 1.80 (akash); akash's first bucket is its cheaper model.
    expect(text).toMatch(/1\.80/);
    expect(text).toMatch(/1\.25/);
    expect(text).not.toMatch(/1\.60/);
    expect(text).toMatch(/akash\s+filecoin/);
  });

  it('says so when there is too little history for a chart', () => {
    expect(historyChart({ points: [{ network: 'akash', gpuModel: 'x', start: '2026-12-01T00:00:00.000Z', minUsd: '1', medianUsd: '1' }] })).toMatch(
      /needs two buckets/,
    );
  });

  it('reads windows like 24h and 7d, and refuses others', () => {
    const sevenDays = Date.now() - Date.parse(since('7d'));
    expect(Math.abs(sevenDays - 7 * 86_400_000)).toBeLessThan(5_000);
    expect(() => since('a week')).toThrow(/24h or 7d/);
  });
});
