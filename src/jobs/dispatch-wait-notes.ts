import type { Logger } from '@nestjs/common';
import type { JobRepository } from './job.repository';

/**
 * Writes a job's waits during dispatch into its timeline, so a user sees what it waits for and for how long:
 * a place at its network (this worker's submits there are at DISPATCH_CONCURRENCY) and its turn at the network
 * (an adapter that takes our orders one at a time, e.g. one Akash order per GPU). Jobs that never wait get no lines.
 */
export class WaitNotes {
  private queuedAt?: number;
  private turnAt?: number;

  constructor(
    private readonly jobs: Pick<JobRepository, 'note'>,
    private readonly jobId: string,
    private readonly network: string,
    private readonly logger: Pick<Logger, 'warn'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** It has to wait for a place at its network, behind `ahead` others. */
  queued(ahead: number): void {
    this.queuedAt = this.now();
    this.write(`waiting for a place at ${this.network}: this worker's submits there are at their limit, ${ahead} queued ahead`, {
      wait: 'place',
      network: this.network,
      ahead,
    });
  }

  /** It has its place at the network. */
  placed(): void {
    if (this.queuedAt === undefined) return;
    const waitedMs = this.now() - this.queuedAt;
    this.write(`got a place at ${this.network} after ${seconds(waitedMs)}`, { wait: 'place', network: this.network, waitedMs });
  }

  /** SubmitRequest.onWaiting: the network makes it wait for its turn, or the turn came. */
  turn(waiting: boolean): void {
    if (waiting) {
      this.turnAt = this.now();
      this.write(`waiting for its turn at ${this.network}: our orders there go one at a time per GPU`, { wait: 'turn', network: this.network });
    } else if (this.turnAt !== undefined) {
      const waitedMs = this.now() - this.turnAt;
      this.write(`its turn at ${this.network} came after ${seconds(waitedMs)}`, { wait: 'turn', network: this.network, waitedMs });
    }
  }

  private write(reason: string, data: Record<string, unknown>): void {
    this.jobs.note(this.jobId, reason, data).catch((err) => this.logger.warn(`job ${this.jobId}: could not record a wait: ${(err as Error).message}`));
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
