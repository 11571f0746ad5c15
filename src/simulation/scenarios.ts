// Demo and test scenarios, each a fault plan for a network's simulator (PUT <controlUrl>/__sim/faults).
// Pure: which plan a set of scenarios means for a network. Several scenarios can be on at once; their
// plans merge (the worse of each setting wins, flags add up).
import type { FaultPlanInput } from '../../adapters/sdk';

export const SCENARIO_NAMES = ['outage', 'slow', 'rate-limited', 'garbage', 'price-spike', 'lose-jobs'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const PRICE_SPIKE_MULTIPLIER = 2.5;

/** The simulator flag each network uses for "accepts jobs, then loses them". */
const LOSE_JOBS_FLAG: Record<string, string> = { akash: 'loseLeases', render: 'loseJobs', filecoin: 'loseJobs' };

export const SCENARIOS: Record<ScenarioName, { description: string; plan(network: string): FaultPlanInput }> = {
  outage: {
    description: 'every request to the network fails with 503 (the health probe too): its breaker opens and routing leaves it',
    plan: () => ({ errorRate: 1, errorStatus: 503 }),
  },
  slow: {
    description: 'every request takes 2–3.5 s: slower syncs and submits, a lower latency score',
    plan: () => ({ latencyMs: 2_000, jitterMs: 1_500 }),
  },
  'rate-limited': {
    description: 'every request answers 429 with Retry-After: 1',
    plan: () => ({ rateLimited: true }),
  },
  garbage: {
    description: 'every request answers 200 with JSON of the wrong shape: syncs fail validation, the last good snapshot stays until it expires',
    plan: () => ({ garbage: true }),
  },
  'price-spike': {
    description: `providers ask ${PRICE_SPIKE_MULTIPLIER}× their usual price (listed offers and new bids)`,
    plan: () => ({ flags: { priceMultiplier: PRICE_SPIKE_MULTIPLIER } }),
  },
  'lose-jobs': {
    description: 'jobs are accepted, then the provider loses them (placements end lost or vanish): jobs fail over',
    plan: (network) => ({ flags: { [LOSE_JOBS_FLAG[network] ?? 'loseJobs']: true } }),
  },
};

export function isScenarioName(value: string): value is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(value);
}

/** The one fault plan that applies every active scenario of a network at once. */
export function mergedPlan(network: string, active: Iterable<ScenarioName>): FaultPlanInput {
  const out: FaultPlanInput & { flags: Record<string, boolean | number | string> } = { flags: {} };
  for (const name of active) {
    const p = SCENARIOS[name].plan(network);
    if (p.latencyMs !== undefined) out.latencyMs = Math.max(out.latencyMs ?? 0, p.latencyMs);
    if (p.jitterMs !== undefined) out.jitterMs = Math.max(out.jitterMs ?? 0, p.jitterMs);
    if (p.errorRate !== undefined && p.errorRate >= (out.errorRate ?? 0)) {
      out.errorRate = p.errorRate;
      out.errorStatus = p.errorStatus;
    }
    for (const k of ['rateLimited', 'hang', 'malformed', 'garbage'] as const) if (p[k]) out[k] = true;
    Object.assign(out.flags, p.flags ?? {});
  }
  return out;
}
