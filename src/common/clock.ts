/** Time as the service sees it: injected, so loops and decisions can be tested with a clock the test moves. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The Nest injection token for the service's clock. */
export const CLOCK = Symbol('CLOCK');

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };
