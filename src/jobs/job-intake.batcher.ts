// Group commit for job intake. Every new job takes its hold on its account's row, so one account's jobs are
// stored one transaction at a time whatever the number of connections. While an account's transaction is in
// flight, the jobs arriving for it wait here and go together in the next one: one lock and one commit for many
// jobs under load, no added wait when idle. When a batch fails (it does not fit the account's budget as a whole,
// or one job in it cannot be stored), each of its jobs is tried alone, so every job gets the answer it would
// have got by itself.

/** Stores jobs of one account together, all or none (throws when they do not fit together, or on any failure). */
export type StoreBatch<J, R> = (accountId: string, jobs: J[]) => Promise<R[]>;

interface Waiting<J, R> {
  job: J;
  resolve(result: R): void;
  reject(err: unknown): void;
}

export class JobIntakeBatcher<J, R> {
  private readonly queues = new Map<string, Array<Waiting<J, R>>>();

  constructor(
    private readonly store: StoreBatch<J, R>,
    private readonly maxBatch = 200,
  ) {}

  add(accountId: string, job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.queues.get(accountId);
      if (queue) {
        queue.push({ job, resolve, reject });
        return;
      }
      this.queues.set(accountId, [{ job, resolve, reject }]);
      void this.drain(accountId);
    });
  }

  /** Stores the account's waiting jobs, batch after batch, until none is left. */
  private async drain(accountId: string): Promise<void> {
    const queue = this.queues.get(accountId)!;
    while (queue.length) {
      const batch = queue.splice(0, this.maxBatch);
      await this.storeBatch(accountId, batch);
    }
    this.queues.delete(accountId);
  }

  private async storeBatch(accountId: string, batch: Array<Waiting<J, R>>): Promise<void> {
    try {
      const results = await this.store(
        accountId,
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
        w.resolve((await this.store(accountId, [w.job]))[0]!);
      } catch (err) {
        w.reject(err);
      }
    }
  }
}
