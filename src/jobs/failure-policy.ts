import type { AdapterError, AdapterErrorJson } from '../../adapters/sdk';
import type { AttemptRow } from './job.repository';

/**
 * Whether a failed placement ends the job instead of failing over. Only errors that say the job itself or
 * the account is at fault stop at once (a bad request, missing authorization); anything else — including a
 * non-retryable problem with one offer (unsupported, not found, conflict) — blocks its scope and the job is
 * routed again, within the attempt cap and deadline.
 */
export function stopsTheJob(error: Pick<AdapterError, 'code' | 'retryable'>): boolean {
  return !error.retryable && (error.code === 'bad_request' || error.code === 'unauthorized' || error.code === 'forbidden');
}

/**
 * Whether a failure says something about the network, provider or offer, so that its scope is kept out of
 * routing for every job for a while. A job that was refused as invalid (bad_request) or whose own workload
 * exited non-zero says nothing about where it ran: blocking there would let one user's broken job take
 * capacity away from everyone.
 */
export function blocksScope(error: Pick<AdapterError, 'code'>, workloadExitCode?: number): boolean {
  if (workloadExitCode !== undefined && workloadExitCode !== 0) return false;
  return error.code !== 'bad_request';
}

/**
 * Whether a failed submit may still have reached the network (a timeout, a lost or garbled answer, a 5xx):
 * the placement may exist upstream, so the same idempotency key is tried once more before failing over.
 * Refusals (4xx, no capacity, a network known to be down before the request left) cannot have placed it.
 */
export function mayHavePlaced(error: Pick<AdapterError, 'code' | 'status'>): boolean {
  if (error.code === 'timeout' || error.code === 'bad_response') return true;
  if (error.code === 'internal' || error.code === 'unavailable') return error.status === undefined || error.status >= 500;
  return false;
}

/**
 * What a job's next attempt ranks last, from its earlier attempts: each provider that failed or lost it
 * (`network/providerId`), and a whole network (`network/*`) when its error said no provider there took it.
 */
export function avoidedBy(attempts: ReadonlyArray<Pick<AttemptRow, 'network' | 'provider_id' | 'outcome' | 'error'>>): Set<string> {
  const avoid = new Set<string>();
  for (const a of attempts) {
    if (!a.outcome || a.outcome === 'succeeded') continue;
    avoid.add(`${a.network}/${a.provider_id}`);
    if ((a.error as Partial<AdapterErrorJson> | null)?.failover === 'network') avoid.add(`${a.network}/*`);
  }
  return avoid;
}
