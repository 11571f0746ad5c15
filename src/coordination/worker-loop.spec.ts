import { ManualClock } from '../common/manual-clock.spec-helpers';
import { WorkerLoop } from './worker-loop';

/** A round the spec finishes when it wants, after moving the clock. */
function controlledRounds(clock: ManualClock) {
  const started: number[] = [];
  let finish: (() => void) | undefined;
  return {
    started,
    finish: () => finish?.(),
    round: () => {
      started.push(clock.now());
      return new Promise<void>((resolve) => (finish = resolve));
    },
  };
}

describe('WorkerLoop', () => {
  it("with spacing 'start', starts a round every everyMs, and at once after a round that ran longer", async () => {
    const clock = new ManualClock(0);
    const rounds = controlledRounds(clock);
    const loop = new WorkerLoop({ round: rounds.round, everyMs: 100, clock, timer: clock });
    loop.start();
    await clock.advance(99);
    expect(rounds.started).toEqual([]);
    await clock.advance(1);
    expect(rounds.started).toEqual([100]);
    await clock.advance(30);
    rounds.finish(); // a 30 ms round: the next starts 100 ms after this one started
    await clock.advance(70);
    expect(rounds.started).toEqual([100, 200]);
    await clock.advance(250);
    rounds.finish(); // a 250 ms round: the next one starts at once, never two at once
    await clock.advance(0);
    expect(rounds.started).toEqual([100, 200, 450]);
    rounds.finish();
    await loop.stop();
  });

  it("with spacing 'end', waits everyMs (read each time: jitter) after each round ends, the first round at once", async () => {
    const clock = new ManualClock(0);
    const rounds = controlledRounds(clock);
    const waits = [50, 70];
    const loop = new WorkerLoop({ round: rounds.round, everyMs: () => waits.shift() ?? 1_000, spacing: 'end', clock, timer: clock });
    loop.start();
    await clock.advance(0);
    expect(rounds.started).toEqual([0]);
    await clock.advance(500);
    rounds.finish();
    await clock.advance(49);
    expect(rounds.started).toEqual([0]);
    await clock.advance(1);
    expect(rounds.started).toEqual([0, 550]);
    rounds.finish();
    await clock.advance(70);
    expect(rounds.started).toEqual([0, 550, 620]);
    rounds.finish();
    await loop.stop();
  });

  it('tick() runs one round now and answers undefined while another runs or once stopped', async () => {
    const clock = new ManualClock(0);
    const rounds = controlledRounds(clock);
    const loop = new WorkerLoop<void>({ round: rounds.round, everyMs: 100, clock, timer: clock });
    const first = loop.tick();
    await expect(loop.tick()).resolves.toBeUndefined();
    rounds.finish();
    await first;
    expect(rounds.started).toHaveLength(1);
    await loop.stop();
    await expect(loop.tick()).resolves.toBeUndefined();
    expect(rounds.started).toHaveLength(1);
  });

  it('reports a failed round and keeps beating; a round that fails while stopping is not reported', async () => {
    const clock = new ManualClock(0);
    const errors: string[] = [];
    let n = 0;
    const loop = new WorkerLoop({
      round: async () => {
        n++;
        throw new Error(`round ${n}`);
      },
      everyMs: 10,
      onError: (e) => errors.push((e as Error).message),
      clock,
      timer: clock,
    });
    loop.start();
    await clock.advance(30);
    expect(errors).toEqual(['round 1', 'round 2', 'round 3']);
    await loop.stop();
    await clock.advance(100);
    expect(n).toBe(3);
    expect(clock.timers).toBe(0);
  });

  it('stop() ends the beat and waits for the round and the work it tracked, work started meanwhile included', async () => {
    const clock = new ManualClock(0);
    const done: string[] = [];
    let releaseSubmit!: () => void;
    const loop: WorkerLoop = new WorkerLoop({
      round: async () => {
        // A round that starts a submit in the background and does not wait for it.
        void loop.track(
          new Promise<void>((r) => (releaseSubmit = r))
            .then(() => loop.track(Promise.resolve().then(() => done.push('follow-up'))))
            .then(() => done.push('submit')),
        );
      },
      everyMs: 10,
      clock,
      timer: clock,
    });
    loop.start();
    await clock.advance(10);
    expect(loop.inFlightCount).toBeGreaterThan(0);
    const stopped = loop.stop().then(() => done.push('stopped'));
    expect(loop.stopped).toBe(true);
    await clock.advance(0);
    expect(done).toEqual([]);
    releaseSubmit();
    await stopped;
    expect(done).toEqual(['follow-up', 'submit', 'stopped']);
    expect(clock.timers).toBe(0);
  });
});
