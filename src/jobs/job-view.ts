import Decimal from 'decimal.js';
import { publicSpec } from '../routing/job-spec.schema';
import { attemptCost } from '../billing/attempt-cost';
import type { AttemptRow, EventRow, JobRow } from './job.repository';

/** The public JSON shape of a job: spec as understood, state, attempts with their routing decisions, cost. */
export function jobView(job: JobRow, attempts: AttemptRow[] = [], now = new Date(), runningEndpoints: string[] = []) {
  const running = attempts.find((a) => a.id === job.current_attempt_id && !a.outcome && a.started_at);
  const accruing = running ? attemptCost(running.usd_per_hour, running.started_at, now) : '0';
  return {
    id: job.id,
    state: job.state,
    stateReason: job.state_reason,
    spec: publicSpec(job.spec),
    warnings: job.warnings,
    attempts: attempts.map((a) => attemptView(a, a.id === running?.id ? runningEndpoints : undefined)),
    cost: { usd: new Decimal(job.cost_usd).plus(accruing).toFixed(6), final: job.finished_at !== null },
    maxAttempts: job.max_attempts,
    deadlineAt: job.deadline_at,
    cancelRequested: job.cancel_requested,
    createdAt: job.created_at,
    updatedAt: job.updated_at,
    finishedAt: job.finished_at,
    links: { self: `/v1/jobs/${job.id}`, events: `/v1/jobs/${job.id}/events`, logs: `/v1/jobs/${job.id}/logs` },
  };
}

/** An attempt; the running one with the service endpoints (URLs, ports) its network reported. */
export function attemptView(a: AttemptRow, endpoints?: string[]) {
  const decision = a.decision as { explanation?: string; candidates?: unknown[]; dropped?: Record<string, number>; policy?: unknown };
  return {
    n: a.n,
    id: a.id,
    network: a.network,
    providerId: a.provider_id,
    offerId: a.offer_id,
    region: a.region,
    gpuModel: a.gpu_model,
    state: a.state,
    quotedUsdPerHour: a.quoted_usd_per_hour,
    usdPerHour: a.usd_per_hour,
    nativePrice: a.native_price,
    placement: a.placement ? { placementId: (a.placement as { placementId?: string }).placementId, ...(endpoints ? { endpoints } : {}) } : null,
    submittedAt: a.submitted_at,
    startedAt: a.started_at,
    finishedAt: a.finished_at,
    costUsd: a.cost_usd,
    error: a.error,
    routing: { explanation: decision.explanation, policy: decision.policy, candidates: decision.candidates, dropped: decision.dropped },
  };
}

export function eventView(e: EventRow) {
  return { id: e.id, at: e.at, type: e.type, from: e.from_state, to: e.to_state, reason: e.reason, data: e.data };
}
