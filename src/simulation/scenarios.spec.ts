import { mergedPlan, SCENARIO_NAMES, SCENARIOS } from './scenarios';
import { networkSeed } from '../plugins/network-seed';
import { envLinesFor } from './simulator-env';
import { demoFails, demoRunMs } from './demo-executor';
import { faultPlanSchema } from '../../adapters/sdk';

describe('scenarios', () => {
  it('maps each scenario to a fault plan every simulator accepts', () => {
    for (const name of SCENARIO_NAMES)
      for (const net of ['akash', 'render', 'filecoin']) expect(faultPlanSchema.safeParse(SCENARIOS[name].plan(net)).success).toBe(true);
  });

  it('uses each network own flag for a provider that loses jobs', () => {
    expect(mergedPlan('akash', ['lose-jobs']).flags).toEqual({ loseLeases: true });
    expect(mergedPlan('render', ['lose-jobs']).flags).toEqual({ loseJobs: true });
  });

  it('merges several scenarios: the worse of each setting, flags together; none means no faults', () => {
    expect(mergedPlan('render', ['slow', 'outage', 'price-spike'])).toEqual({
      latencyMs: 2000,
      jitterMs: 1500,
      errorRate: 1,
      errorStatus: 503,
      flags: { priceMultiplier: 2.5 },
    });
    expect(faultPlanSchema.parse(mergedPlan('akash', []))).toEqual(faultPlanSchema.parse({}));
  });
});

describe('simulator env lines', () => {
  it('turns a simulator config into the <ID>_<KEY> variables the host reads, quoting JSON', () => {
    expect(envLinesFor('akash', { baseUrl: 'http://127.0.0.1:1', bidWaitMs: 1500 })).toEqual(['AKASH_BASE_URL=http://127.0.0.1:1', 'AKASH_BID_WAIT_MS=1500']);
    expect(envLinesFor('filecoin', { fallbackPrices: { 'RTX 4090': '0.08' } })).toEqual([`FILECOIN_FALLBACK_PRICES='{"RTX 4090":"0.08"}'`]);
  });

  it('gives each network its own seed from SIM_SEED, the same on every run', () => {
    expect(networkSeed(42, 'akash')).toBe(networkSeed(42, 'akash'));
    expect(new Set(['akash', 'render', 'filecoin'].map((id) => networkSeed(42, id))).size).toBe(3);
    expect(networkSeed(43, 'akash')).toBe(networkSeed(42, 'akash') + 1);
  });
});

describe('demo jobs', () => {
  const o = { secondsPerHour: 10, maxJobSeconds: 120, failRate: 0.03 };
  it('run their duration scaled, capped, 30 s without one', () => {
    expect(demoRunMs(6, o)).toBe(60_000);
    expect(demoRunMs(100, o)).toBe(120_000);
    expect(demoRunMs(undefined, o)).toBe(30_000);
  });
  it('fail for a seeded few leases, always the same ones', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `lease-${i}`);
    const failing = ids.filter((id) => demoFails(id, 0.03)).length;
    expect(failing).toBeGreaterThan(30);
    expect(failing).toBeLessThan(90);
    expect(demoFails('lease-7', 0.03)).toBe(demoFails('lease-7', 0.03));
  });
});
