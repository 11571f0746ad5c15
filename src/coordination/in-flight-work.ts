/**
 * The work a background loop has started and not finished. Shutdown stops the loop, then drains this before
 * the database closes, so no query runs against a closed pool and nothing half-done is left behind.
 */
export class InFlightWork {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /** Waits until nothing is running, including work started while it waited. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running]);
  }
}
