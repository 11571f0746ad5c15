// A node's state and health score, computed from its record and the clock (pure).
import type { NodesConfig } from './nodes.config';
import type { NodeEntity } from './entities/node.entity';

export type NodeState = 'online' | 'offline' | 'flagged' | 'blocked' | 'unverified';

export interface NodeHealth {
  /** 0–1 weighted: heartbeat freshness 0.4, challenge results 0.4, uptime 0.2. */
  score: number;
  heartbeatFreshness: number;
  challengePassRate: number;
  uptime: number;
  lastHeartbeatAt: string | null;
  challengesPassed: number;
  challengesFailed: number;
  consecutiveFailures: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const clamp = (n: number) => Math.max(0, Math.min(1, n));

export function isOnline(node: Pick<NodeEntity, 'lastHeartbeatAt'>, now: Date, config: Pick<NodesConfig, 'heartbeatIntervalMs' | 'missedHeartbeats'>): boolean {
  return node.lastHeartbeatAt !== null && now.getTime() - node.lastHeartbeatAt.getTime() <= config.heartbeatIntervalMs * config.missedHeartbeats;
}

export function nodeState(node: NodeEntity, now: Date, config: NodesConfig): NodeState {
  if (node.blockedReason) return 'blocked';
  if (node.flagReason) return 'flagged';
  if (!isOnline(node, now, config)) return 'offline';
  if (!node.verifiedAt) return 'unverified';
  return 'online';
}

export function nodeHealth(node: NodeEntity, now: Date, config: NodesConfig): NodeHealth {
  const offlineAfter = config.heartbeatIntervalMs * config.missedHeartbeats;
  const age = node.lastHeartbeatAt ? now.getTime() - node.lastHeartbeatAt.getTime() : Infinity;
  const heartbeatFreshness = age <= config.heartbeatIntervalMs ? 1 : clamp(1 - (age - config.heartbeatIntervalMs) / offlineAfter);
  const answered = node.challengesPassed + node.challengesFailed;
  const challengePassRate = answered === 0 ? 0 : node.challengesPassed / answered;
  const uptime = uptimeOf(node, now, config);
  return {
    score: round(0.4 * heartbeatFreshness + 0.4 * challengePassRate + 0.2 * uptime),
    heartbeatFreshness: round(heartbeatFreshness),
    challengePassRate: round(challengePassRate),
    uptime: round(uptime),
    lastHeartbeatAt: node.lastHeartbeatAt?.toISOString() ?? null,
    challengesPassed: node.challengesPassed,
    challengesFailed: node.challengesFailed,
    consecutiveFailures: node.consecutiveFailures,
  };
}

/** Heartbeats received over heartbeats expected since the first one (up to now): a missed beat lowers it. */
export function uptimeOf(node: NodeEntity, now: Date, config: Pick<NodesConfig, 'heartbeatIntervalMs'>): number {
  if (!node.firstHeartbeatAt) return 0;
  const expected = 1 + Math.floor((now.getTime() - node.firstHeartbeatAt.getTime()) / config.heartbeatIntervalMs);
  return clamp(node.heartbeatCount / expected);
}

/** Same devices (index, model, VRAM)? Any change is a new claim: it must be verified again before it gets work. */
export function inventoryChange(
  accepted: Array<{ index: number; model: string; vramMb: number }>,
  reported: Array<{ index: number; model: string; vramMb: number }>,
): string | undefined {
  if (accepted.length !== reported.length) return `GPU count changed from ${accepted.length} to ${reported.length}`;
  const byIndex = new Map(accepted.map((g) => [g.index, g]));
  for (const r of reported) {
    const a = byIndex.get(r.index);
    if (!a) return `GPU ${r.index} is new`;
    if (a.model !== r.model) return `GPU ${r.index} changed from "${a.model}" to "${r.model}"`;
    if (a.vramMb !== r.vramMb) return `GPU ${r.index} (${r.model}) changed from ${a.vramMb} to ${r.vramMb} MiB`;
  }
  return undefined;
}
