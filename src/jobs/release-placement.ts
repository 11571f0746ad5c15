// Closing a placement that failed or was lost before its job moves on. A lost placement may still hold
// resources at its network (an Akash deployment whose provider closed the lease keeps its escrow: the
// user's deposit, locked), so the network is asked to close it, a few times, whatever the network.

/** Tries before giving up, and the pause before the next try (× the try number). */
export const RELEASE_TRIES = 3;
export const RELEASE_PAUSE_MS = 250;

/** Calls `close` until it succeeds or RELEASE_TRIES have failed; the last error, or undefined when closed. */
export async function releasePlacement(close: () => Promise<void>, pauseMs = RELEASE_PAUSE_MS): Promise<Error | undefined> {
  for (let tried = 1; ; tried++) {
    try {
      await close();
      return undefined;
    } catch (err) {
      if (tried >= RELEASE_TRIES) return err as Error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * tried));
    }
  }
}
