// The abort signal of one submit. Work at the network gets a fixed time (SUBMIT_TIMEOUT_MS); a wait for a turn
// the adapter holds the submit back for (an Akash order per GPU at a time) sends nothing and may last until the
// job's deadline instead: a queue that is merely long must not look like a network that hangs.
export interface SubmitSignal {
  signal: AbortSignal;
  /** For SubmitRequest.onWaiting: switches the clock between the wait and the work. */
  waiting(waiting: boolean): void;
  /** Stops the clock once the submit is over. */
  dispose(): void;
}

export function submitSignal(workMs: number, deadline: Date, now: () => number = Date.now): SubmitSignal {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const abortIn = (ms: number, why: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new DOMException(why, 'TimeoutError')), Math.max(0, ms));
    timer.unref();
  };
  const work = () => abortIn(workMs, `the network took longer than ${workMs} ms`);
  work();
  return {
    signal: controller.signal,
    waiting: (waiting) => (waiting ? abortIn(deadline.getTime() - now(), 'the job reached its deadline while waiting for its turn') : work()),
    dispose: () => clearTimeout(timer),
  };
}
