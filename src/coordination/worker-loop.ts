import { Clock, systemClock } from '../common/clock';
import { InFlightWork } from './in-flight-work';

/** The timer a loop waits on between rounds: the real one, or a test's that moves only when told. */
export interface LoopTimer {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real timer. It keeps the process alive, like the intervals the loops used before: stop() clears it. */
export const systemTimer: LoopTimer = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface WorkerLoopOptions<R> {
  /** One round of the loop's work. A round that throws is reported to `onError` and the loop goes on. */
  round: () => Promise<R>;
  /** Time between rounds, read before each wait (a function can add jitter). */
  everyMs: number | (() => number);
  /**
   * 'start' (the default): rounds start every `everyMs`, at once after a round that ran longer — a steady beat
   * (dispatcher, reconciler). 'end': the wait starts when a round ends — a pause between runs (offer sync).
   */
  spacing?: 'start' | 'end';
  /** How long until the first round when the loop starts (default 0: at once when spacing is 'end', else everyMs). */
  firstAfterMs?: number;
  /** A round that threw, while the loop is not stopping. */
  onError?: (err: unknown) => void;
  clock?: Clock;
  timer?: LoopTimer;
}

/**
 * The skeleton every background worker shares: start a loop of rounds, never two rounds at once, track the
 * work the rounds start in the background, and on shutdown stop starting anything and wait for what is in
 * flight (so nothing runs against a closed database pool).
 *
 *   const loop = new WorkerLoop({ round: () => this.round(), everyMs: 250, onError: (e) => log(e) });
 *   loop.start();                 // when the process runs workers
 *   await loop.tick();            // one round now (tests, admin); undefined when one is running or stopping
 *   loop.track(promise);          // work a round started and does not await (a submit)
 *   await loop.stop();            // beforeApplicationShutdown: no new rounds, drain the work in flight
 */
export class WorkerLoop<R = void> {
  private readonly inFlight = new InFlightWork();
  private readonly clock: Clock;
  private readonly timer: LoopTimer;
  private handle: unknown;
  private running = false;
  private stopping = false;

  constructor(private readonly opts: WorkerLoopOptions<R>) {
    this.clock = opts.clock ?? systemClock;
    this.timer = opts.timer ?? systemTimer;
  }

  /** True once stop() was called: rounds and long work check it to give up early. */
  get stopped(): boolean {
    return this.stopping;
  }

  /** Work started and not finished: rounds, and what they track. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Starts the beat; a second call does nothing. */
  start(): void {
    if (this.stopping || this.handle !== undefined) return;
    const first = this.opts.firstAfterMs ?? (this.opts.spacing === 'end' ? 0 : this.every());
    this.schedule(first);
  }

  /**
   * Runs one round now unless one is running or the loop is stopping (then resolves undefined at once). A
   * round's failure goes to onError, never to the caller.
   */
  async tick(): Promise<R | undefined> {
    if (this.running || this.stopping) return undefined;
    this.running = true;
    try {
      return await this.opts.round();
    } catch (err) {
      if (!this.stopping) this.opts.onError?.(err);
      return undefined;
    } finally {
      this.running = false;
    }
  }

  /** Keeps `work` (started by a round, not awaited by it) in what stop() waits for. */
  track<T>(work: Promise<T>): Promise<T> {
    return this.inFlight.track(work);
  }

  /** Stops the beat and waits for the round and the tracked work in flight, work they start meanwhile included. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.handle !== undefined) this.timer.clearTimeout(this.handle);
    this.handle = undefined;
    await this.drain();
  }

  /** Waits until nothing the loop tracks is running (without stopping it). */
  drain(): Promise<void> {
    return this.inFlight.drain();
  }

  private every(): number {
    return typeof this.opts.everyMs === 'function' ? this.opts.everyMs() : this.opts.everyMs;
  }

  private schedule(ms: number): void {
    this.handle = this.timer.setTimeout(() => void this.inFlight.track(this.beat()), Math.max(0, ms));
  }

  private async beat(): Promise<void> {
    this.handle = undefined;
    if (this.stopping) return;
    const startedAt = this.clock.now();
    await this.tick();
    if (this.stopping) return;
    const every = this.every();
    this.schedule(this.opts.spacing === 'end' ? every : every - (this.clock.now() - startedAt));
  }
}
