// Waiting on a condition instead of sleeping a guessed time: poll until `check` returns a value, or fail with a
// description of what was seen.

/** Polls `check` every `intervalMs` until it returns a value (not undefined); after `timeoutMs` throws `describe()`. */
export async function waitUntil<T>(
  check: () => Promise<T | undefined>,
  opts: { timeoutMs: number; intervalMs?: number; describe: () => Promise<string> | string },
): Promise<T> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${opts.timeoutMs} ms: ${await opts.describe()}`);
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 100));
  }
}
