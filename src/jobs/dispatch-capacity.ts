// What one worker's dispatcher may take on, per network. A job claimed for routing holds a routing place until
// its network is chosen; its submit then holds a place at that network only, so a slow or queued network fills
// its own places and never those of the others. A submit that the adapter holds back for its turn (an Akash
// order per GPU at a time) gives its place back while it waits. Pure bookkeeping: no clock, no database.

export interface NetworkPlace {
  /** The adapter holds the submit back for its turn: the place goes to the next submit for this network. */
  pause(): void;
  /** The turn came: work at the network goes on at once, over the limit for a moment if need be. */
  resume(): void;
  /** The submit is over (once; later calls do nothing). */
  release(): void;
}

export class DispatchCapacity {
  private routing = 0;
  private held = 0;
  private readonly working = new Map<string, number>();
  private readonly queues = new Map<string, Array<() => void>>();

  /**
   * `perNetwork`: submits working at one network at once, and jobs being routed at once (DISPATCH_CONCURRENCY).
   * `maxHeld`: jobs this worker holds claimed in all, waiting ones included (their claims are renewed).
   */
  constructor(
    readonly perNetwork: number,
    readonly maxHeld: number,
  ) {}

  /** How many more jobs a round may claim now. */
  room(): number {
    return Math.max(0, Math.min(this.perNetwork - this.routing, this.maxHeld - this.held));
  }

  /** A job was claimed: it is being routed. */
  claimed(): void {
    this.held++;
    this.routing++;
  }

  /** Its routing is over (it goes on to a network, or back to waiting in the database). */
  routed(): void {
    this.routing--;
  }

  /** Its dispatch is over, however it ended. */
  done(): void {
    this.held--;
  }

  /** Waits for a place at the network; `onQueued` is told when the job has to wait for one. */
  async place(network: string, onQueued?: (ahead: number) => void): Promise<NetworkPlace> {
    if ((this.working.get(network) ?? 0) < this.perNetwork) this.add(network, 1);
    else {
      const queue = this.queues.get(network) ?? [];
      this.queues.set(network, queue);
      onQueued?.(queue.length);
      // The place is handed over by the submit that gives it back: the count does not drop in between.
      await new Promise<void>((resolve) => queue.push(resolve));
    }
    let holding = true;
    let released = false;
    return {
      pause: () => {
        if (holding && !released) this.giveBack(network);
        holding = false;
      },
      resume: () => {
        if (!holding && !released) this.add(network, 1);
        holding = true;
      },
      release: () => {
        if (released) return;
        released = true;
        if (holding) this.giveBack(network);
      },
    };
  }

  /** Submits working at a network, and submits queued for a place there. */
  load(network: string): { working: number; queued: number } {
    return { working: this.working.get(network) ?? 0, queued: this.queues.get(network)?.length ?? 0 };
  }

  get heldJobs(): number {
    return this.held;
  }

  private add(network: string, n: number): void {
    this.working.set(network, (this.working.get(network) ?? 0) + n);
  }

  private giveBack(network: string): void {
    // Over the limit after a resume: this place ends instead of passing on.
    if ((this.working.get(network) ?? 0) > this.perNetwork) return this.add(network, -1);
    const queue = this.queues.get(network);
    const next = queue?.shift();
    if (queue?.length === 0) this.queues.delete(network);
    if (next) return next();
    this.add(network, -1);
  }
}
