import type { Clock } from './clock';

interface Pending {
  at: number;
  run: () => void;
  id: number;
}

/**
 * A clock and timer for specs that moves only when told: `advance(ms)` runs, in time order, every timer due
 * by then (letting the promises each one starts settle before the next), so a loop's rounds can be stepped.
 */
export class ManualClock implements Clock {
  private pending: Pending[] = [];
  private nextId = 1;

  constructor(private t = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.t;
  }

  setTimeout(run: () => void, ms: number): number {
    const id = this.nextId++;
    this.pending.push({ at: this.t + Math.max(0, ms), run, id });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  /** Timers waiting to run. */
  get timers(): number {
    return this.pending.length;
  }

  /** Moves time on by `ms`, running the timers that come due on the way. */
  async advance(ms: number): Promise<void> {
    const until = this.t + ms;
    for (;;) {
      await settle();
      const next = [...this.pending].sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next || next.at > until) break;
      this.pending = this.pending.filter((p) => p !== next);
      this.t = next.at;
      next.run();
    }
    this.t = until;
    await settle();
  }
}

/** Lets every promise chain that can move without a timer move. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
