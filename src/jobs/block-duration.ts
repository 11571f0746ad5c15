import type { AdapterError } from '../../adapters/sdk';

/** The first block of an offer that had no capacity: a job that still held its GPUs usually ends within seconds. */
export const NO_CAPACITY_FIRST_BLOCK_MS = 5_000;

/**
 * How long a failure keeps its scope out of routing. An offer without capacity starts short and doubles with each
 * repeat in the last `ttlMs` (5 s, 10 s, 20 s … up to the TTL), so jobs pinned there are not held back for minutes
 * by a GPU that was busy for a second; every other scope is kept out for the TTL (a network-scope block is lifted
 * sooner, when the network's sync or probe succeeds again: see BlockListService.liftNetwork).
 */
export function blockDurationMs(error: Pick<AdapterError, 'code' | 'scope'>, repeats: number, ttlMs: number): number {
  if (error.code !== 'no_capacity' || error.scope !== 'offer') return ttlMs;
  return Math.min(ttlMs, NO_CAPACITY_FIRST_BLOCK_MS * 2 ** Math.min(Math.max(0, repeats), 20));
}
