import { HealthInputs, scoreNetworkHealth } from './health-score';

const NOW = new Date('2026-11-24T12:00:00Z');

function inputs(over: Partial<HealthInputs> = {}): HealthInputs {
  return {
    probe: { samples: 10, successRate: 1, latencyMs: 80 },
    sync: { lastOkAt: new Date(NOW.getTime() - 5_000), lastAttemptOk: true, intervalMs: 30_000, ttlMs: 120_000 },
    breaker: 'closed',
    upstream: { offers: 40, onlineShare: 1, meanUptime: 0.99, verifiedShare: 1 },
    record: { placements: 20, successRate: 0.95, medianTimeToRunningMs: 20_000 },
    now: NOW,
    ...over,
  };
}

describe('scoreNetworkHealth', () => {
  it('calls a network with good signals healthy', () => {
    expect(scoreNetworkHealth(inputs())).toMatchObject({ state: 'healthy', reason: 'all signals good' });
  });

  it('takes a network down while its breaker is open, and keeps it down while half-open until a sync passes', () => {
    expect(scoreNetworkHealth(inputs({ breaker: 'open' }))).toMatchObject({ state: 'down', score: 0 });
    // Good probes during an outage's half-open window must not send new jobs into it.
    const halfOpen = scoreNetworkHealth(inputs({ breaker: 'half-open' }));
    expect(halfOpen.state).toBe('down');
    expect(halfOpen.reason).toMatch(/half-open/);
    expect(halfOpen.parts.breaker).toBe(0.5);
  });

  it('takes a network down when its probes keep failing', () => {
    expect(scoreNetworkHealth(inputs({ probe: { samples: 5, successRate: 0.1, latencyMs: 100 } })).state).toBe('down');
  });
});
