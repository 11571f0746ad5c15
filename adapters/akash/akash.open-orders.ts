// How many of our own deployments may be open for bids at once, per GPU. An Akash provider reserves the GPUs
// it bids with until the order is won, lost or closed, so a burst of our own orders for the same GPU takes the
// free capacity of every bidding provider at once: the later orders see no bid from the cheapest providers and
// settle above the quote. Orders beyond the limit wait their turn (first come, first served) and keep their
// place until their caller gives up (its AbortSignal).
import { AdapterError } from '../sdk';

interface Waiter {
  grant: () => void;
}

export class OpenOrders {
  private readonly open = new Map<string, number>();
  private readonly queues = new Map<string, Waiter[]>();

  constructor(private readonly perGpu: number) {}

  /**
   * Waits for a free slot for this GPU; the returned function gives it back (once; later calls do nothing).
   * `onWaiting(true)` when it has to wait, `onWaiting(false)` when the wait ends either way.
   */
  async acquire(gpu: string, signal: AbortSignal, onWaiting?: (waiting: boolean) => void): Promise<() => void> {
    if (signal.aborted) throw aborted(gpu);
    if ((this.open.get(gpu) ?? 0) < this.perGpu) {
      this.open.set(gpu, (this.open.get(gpu) ?? 0) + 1);
      return this.releaser(gpu);
    }
    onWaiting?.(true);
    try {
      await this.turn(gpu, signal);
    } finally {
      onWaiting?.(false);
    }
    // The slot was handed over by its releaser: the count did not drop in between.
    return this.releaser(gpu);
  }

  private turn(gpu: string, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.leaveQueue(gpu, waiter);
        reject(aborted(gpu));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const queue = this.queues.get(gpu);
      if (queue) queue.push(waiter);
      else this.queues.set(gpu, [waiter]);
    });
  }

  /** Orders open and waiting for a GPU: the orders ahead of the next one (the quote counts them), and tests. */
  load(gpu: string): { open: number; waiting: number } {
    return { open: this.open.get(gpu) ?? 0, waiting: this.queues.get(gpu)?.length ?? 0 };
  }

  private releaser(gpu: string): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queues.get(gpu)?.[0];
      if (next) {
        this.leaveQueue(gpu, next);
        return next.grant();
      }
      const open = (this.open.get(gpu) ?? 1) - 1;
      if (open > 0) this.open.set(gpu, open);
      else this.open.delete(gpu);
    };
  }

  private leaveQueue(gpu: string, waiter: Waiter): void {
    const queue = this.queues.get(gpu);
    const at = queue?.indexOf(waiter) ?? -1;
    if (at >= 0) queue!.splice(at, 1);
    if (queue?.length === 0) this.queues.delete(gpu);
  }
}

function aborted(gpu: string): AdapterError {
  return new AdapterError('aborted', `akash: gave up waiting for a turn to open an order for ${gpu}`);
}
