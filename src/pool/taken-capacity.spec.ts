import { TakenCapacity } from './taken-capacity';

const T0 = Date.parse('2026-11-25T06:00:00Z');
const offer = (observedAtMs: number, offerId = 'p1/h100', network = 'render') => ({ network, offerId, observedAt: new Date(observedAtMs).toISOString() });

describe('TakenCapacity', () => {
  it('counts what attempts took from an offer after it was observed, and forgets it once the offer is observed again', () => {
    const taken = new TakenCapacity();
    taken.take('a1', 'render', 'p1/h100', 2, T0 + 1_000);
    taken.take('a2', 'render', 'p1/h100', 1, T0 + 2_000);
    taken.take('a3', 'render', 'p2/h100', 4, T0 + 2_000);
    expect(taken.takenFrom(offer(T0))).toBe(3);
    // The next sync at T0+1.5 s already counts the first attempt.
    expect(taken.takenFrom(offer(T0 + 1_500))).toBe(1);
    expect(taken.takenFrom(offer(T0 + 3_000))).toBe(0);
    expect(taken.takenFrom(offer(T0, 'p1/h100', 'akash'))).toBe(0);
  });

  it('has a new version whenever what is taken changes, and only then', () => {
    const taken = new TakenCapacity();
    const v0 = taken.version;
    taken.take('a1', 'akash', 'p1/h100', 1, T0);
    const v1 = taken.version;
    expect(v1).not.toBe(v0);
    taken.release('nobody');
    expect(taken.version).toBe(v1);
    taken.release('a1');
    expect(taken.version).not.toBe(v1);
  });

  it('gives the GPUs back when the attempt fails to place or ends, once', () => {
    const taken = new TakenCapacity();
    taken.take('a1', 'akash', 'p1/h100', 1, T0 + 1_000);
    taken.take('a2', 'akash', 'p1/h100', 1, T0 + 1_000);
    taken.release('a1');
    taken.release('a1');
    expect(taken.takenFrom(offer(T0, 'p1/h100', 'akash'))).toBe(1);
    expect(taken.attemptIds()).toEqual(['a2']);
    taken.release('a2');
    expect(taken.size).toBe(0);
  });

  it('moves a placement to the offer the network chose, as of then', () => {
    const taken = new TakenCapacity();
    taken.take('a1', 'akash', 'p1/h100', 2, T0 + 1_000);
    taken.placed('a1', 'p2/h100', T0 + 5_000);
    expect(taken.takenFrom(offer(T0, 'p1/h100', 'akash'))).toBe(0);
    // Placed after a sync at T0+4 s that could not have counted it yet.
    expect(taken.takenFrom(offer(T0 + 4_000, 'p2/h100', 'akash'))).toBe(2);
    // An attempt this replica does not hold (placed by a resubmit after a restart) records nothing.
    taken.placed('a9', 'p2/h100', T0 + 5_000);
    expect(taken.size).toBe(1);
  });

  it('forgets takings older than any sync would still be missing', () => {
    const taken = new TakenCapacity();
    taken.take('old', 'render', 'p1/h100', 1, T0);
    taken.take('new', 'render', 'p1/h100', 1, T0 + 9 * 60_000);
    taken.forgetStale(T0 + 11 * 60_000);
    expect(taken.attemptIds()).toEqual(['new']);
  });
});
