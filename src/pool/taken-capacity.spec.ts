import { TakenCapacity } from './taken-capacity';

const T0 = Date.parse('2026-11-25T06:00:00Z');
const offer = (observedAtMs: number, offerId = 'p1/h100') => ({ network: 'render', offerId, observedAt: new Date(observedAtMs).toISOString() });

describe('TakenCapacity', () => {
  it('counts what jobs took from an offer after it was observed, and forgets it once the offer is observed again', () => {
    const taken = new TakenCapacity();
    taken.take('render', 'p1/h100', 2, T0 + 1_000);
    taken.take('render', 'p1/h100', 1, T0 + 2_000);
    taken.take('render', 'p2/h100', 4, T0 + 2_000);
    expect(taken.takenFrom(offer(T0))).toBe(3);
    // The next sync at T0+1.5 s already counts the first job.
    expect(taken.takenFrom(offer(T0 + 1_500))).toBe(1);
    expect(taken.takenFrom(offer(T0 + 3_000))).toBe(0);
    expect(taken.takenFrom({ ...offer(T0), network: 'akash' })).toBe(0);
  });

  it('gives back what a failed submit took, and moves a placement to the offer the network chose, as of then', () => {
    const taken = new TakenCapacity();
    const failed = taken.take('akash', 'p1/h100', 1, T0 + 1_000);
    taken.giveBack(failed);
    taken.giveBack(failed);
    expect(taken.takenFrom({ ...offer(T0), network: 'akash' })).toBe(0);
    expect(taken.size).toBe(0);

    const routed = taken.take('akash', 'p1/h100', 2, T0 + 1_000);
    taken.placed(routed, 'p2/h100', T0 + 5_000);
    expect(taken.takenFrom({ ...offer(T0), network: 'akash' })).toBe(0);
    // Placed after a sync at T0+4 s that could not have counted it yet.
    expect(taken.takenFrom({ ...offer(T0 + 4_000, 'p2/h100'), network: 'akash' })).toBe(2);
  });
});
