// The health score (pure): every part visible, each in [0, 1], weighted into one number, with a state and a
// reason. "Available" counts from a network are never trusted alone: probes, sync freshness, upstream
// signals and Switchyard's own placement record all count.
import type { BreakerState } from './network-breakers';

export interface HealthInputs {
  probe: { samples: number; successRate: number; latencyMs: number | null };
  sync: { lastOkAt: Date | null; lastAttemptOk: boolean | null; intervalMs: number; ttlMs: number };
  breaker: BreakerState;
  upstream: { offers: number; onlineShare: number | null; meanUptime: number | null; verifiedShare: number | null };
  record: { placements: number; successRate: number | null; medianTimeToRunningMs: number | null };
  now: Date;
}

export interface HealthParts {
  probe: number;
  freshness: number;
  upstream: number;
  record: number;
  breaker: number;
}

export interface NetworkHealth {
  score: number;
  state: 'healthy' | 'degraded' | 'down';
  reason: string;
  parts: HealthParts;
  inputs: Omit<HealthInputs, 'now'>;
}

const WEIGHTS: Omit<HealthParts, 'breaker'> = { probe: 0.3, freshness: 0.25, upstream: 0.2, record: 0.25 };
/** With no evidence yet, a part counts as this (neither trusted nor condemned). */
const NEUTRAL = 0.75;

export function scoreNetworkHealth(input: HealthInputs): NetworkHealth {
  const probe = input.probe.samples === 0 ? NEUTRAL : input.probe.successRate * latencyFactor(input.probe.latencyMs);
  const freshness = freshnessOf(input);
  const upstream = upstreamOf(input.upstream);
  const record = input.record.placements === 0 || input.record.successRate === null ? NEUTRAL : input.record.successRate;
  const breaker = input.breaker === 'open' ? 0 : input.breaker === 'half-open' ? 0.5 : 1;
  const weighted = probe * WEIGHTS.probe + freshness * WEIGHTS.freshness + upstream * WEIGHTS.upstream + record * WEIGHTS.record;
  const score = round4(weighted * breaker);
  const parts = { probe: round4(probe), freshness: round4(freshness), upstream: round4(upstream), record: round4(record), breaker };
  const { now: _now, ...inputs } = input;
  return { score, ...stateOf(input, score, parts), parts, inputs };
}

function stateOf(input: HealthInputs, score: number, parts: HealthParts): { state: NetworkHealth['state']; reason: string } {
  if (input.breaker === 'open') return { state: 'down', reason: 'circuit breaker open after repeated failures' };
  // Half-open lets the next sync test the network; new jobs wait for that test to pass rather than being it.
  if (input.breaker === 'half-open') return { state: 'down', reason: 'circuit breaker half-open: the next sync tests whether the network recovered' };
  if (parts.freshness === 0 && input.upstream.offers === 0) return { state: 'down', reason: 'no successful sync within the offer TTL' };
  if (input.probe.samples >= 3 && input.probe.successRate < 0.2) return { state: 'down', reason: `probes failing (${pct(input.probe.successRate)} succeed)` };
  if (score < 0.35) return { state: 'down', reason: `score ${score} below 0.35 (${weakest(parts)})` };
  if (score < 0.7) return { state: 'degraded', reason: `score ${score} below 0.7 (${weakest(parts)})` };
  return { state: 'healthy', reason: 'all signals good' };
}

function latencyFactor(ms: number | null): number {
  if (ms === null) return 1;
  if (ms <= 500) return 1;
  if (ms >= 10_000) return 0.3;
  return 1 - (0.7 * (ms - 500)) / 9_500;
}

function freshnessOf(input: HealthInputs): number {
  if (!input.sync.lastOkAt) return input.sync.lastAttemptOk === false ? 0 : NEUTRAL;
  const age = input.now.getTime() - input.sync.lastOkAt.getTime();
  if (age <= input.sync.intervalMs * 2) return input.sync.lastAttemptOk === false ? 0.7 : 1;
  if (age >= input.sync.ttlMs) return 0;
  return 1 - (age - input.sync.intervalMs * 2) / (input.sync.ttlMs - input.sync.intervalMs * 2);
}

function upstreamOf(u: HealthInputs['upstream']): number {
  const parts = [u.onlineShare, u.meanUptime, u.verifiedShare === null ? null : 0.5 + 0.5 * u.verifiedShare].filter((x): x is number => x !== null);
  if (u.offers === 0 || parts.length === 0) return NEUTRAL;
  return parts.reduce((a, b) => a + b, 0) / parts.length;
}

function weakest(parts: HealthParts): string {
  const [name, value] = Object.entries(parts).sort((a, b) => a[1] - b[1])[0];
  return `weakest: ${name} ${value}`;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const pct = (x: number) => `${Math.round(x * 100)}%`;
