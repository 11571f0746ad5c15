import { AdapterError } from '../../adapters/sdk';
import { blockDurationMs, NO_CAPACITY_FIRST_BLOCK_MS } from './block-duration';

const TTL = 300_000;

describe('blockDurationMs', () => {
  const noCapacity = new AdapterError('no_capacity', 'the GPU is still held by the last job');

  it('blocks an offer without capacity for seconds the first time, not for the whole TTL', () => {
    expect(blockDurationMs(noCapacity, 0, TTL)).toBe(NO_CAPACITY_FIRST_BLOCK_MS);
    expect(NO_CAPACITY_FIRST_BLOCK_MS).toBeLessThanOrEqual(10_000);
  });

  it('doubles with each repeat, up to the TTL', () => {
    expect([1, 2, 3].map((n) => blockDurationMs(noCapacity, n, TTL))).toEqual([10_000, 20_000, 40_000]);
    expect(blockDurationMs(noCapacity, 10, TTL)).toBe(TTL);
    expect(blockDurationMs(noCapacity, 1_000, TTL)).toBe(TTL);
  });

  it('keeps other failures out for the TTL', () => {
    expect(blockDurationMs(new AdapterError('unavailable', 'down'), 0, TTL)).toBe(TTL);
    expect(blockDurationMs(new AdapterError('internal', 'provider broke'), 0, TTL)).toBe(TTL);
  });
});
