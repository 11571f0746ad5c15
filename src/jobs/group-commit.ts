// Group commit: work that arrives for one key while that key's statement is in flight waits here and goes
// together in the next statement — one lock and one commit for many items under load, no added wait when idle.
// Job intake groups by account (every new job takes its hold on its account's row, so one account's jobs are
// stored one transaction at a time whatever the number of connections); the dispatcher groups its attempt
// writes, submitted marks and offer-record reads by network. When a batch fails (for intake: it does not fit the
// account's budget as a whole, or one job in it cannot be stored), each of its items is tried alone, so every
// item gets the answer it would have got by itself.

/** Runs one key's items together, all or none (throws when they do not go together, or on any failure). */
export type StoreBatch<J, R> = (key: string, items: J[]) => Promise<R[]>;

interface Waiting<J, R> {
  job: J;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export class GroupCommit<J, R> {
  private readonly queues = new Map<string, Array<Waiting<J, R>>>();

  constructor(
    private readonly store: StoreBatch<J, R>,
    private readonly maxBatch = 200,
  ) {}

  add(key: string, job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) {
        queue.push({ job, resolve, reject });
        return;
      }
      this.queues.set(key, [{ job, resolve, reject }]);
      void this.drain(key);
    });
  }

  /** Runs the key's waiting items, batch after batch, until none is left. */
  private async drain(key: string): Promise<void> {
    const queue = this.queues.get(key)!;
    while (queue.length) {
      const batch = queue.splice(0, this.maxBatch);
      await this.storeBatch(key, batch);
    }
    this.queues.delete(key);
  }

  private async storeBatch(key: string, batch: Array<Waiting<J, R>>): Promise<void> {
    try {
      const results = await this.store(
        key,
        batch.map((w) => w.job),
      );
      batch.forEach((w, i) => w.resolve(results[i]!));
      return;
    } catch (err) {
      if (batch.length === 1) {
        batch[0]!.reject(err);
        return;
      }
    }
    // Together they failed: alone, in order, each gets its own answer.
    for (const w of batch) {
      try {
        w.resolve((await this.store(key, [w.job]))[0]!);
      } catch (err) {
        w.reject(err);
      }
    }
  }
}
