import { Logger } from '@nestjs/common';
import type { JobRepository } from './job.repository';

/**
 * Renews the routing claims of every job this worker has claimed, in one statement per round, while it routes
 * them and while the network calls run. A submit can outlast JOB_CLAIM_TTL_MS (an Akash bid window, a wait for its turn, a slow
 * network); an expired claim would let another worker resubmit the same attempt at the same time, and the two
 * would race on the network. A worker that dies stops renewing, so its jobs are still recovered one TTL later.
 * One statement for all of them: thousands of submits waiting for their turn cost one query a round, not one each.
 */
export class ClaimKeeper {
  private readonly logger = new Logger('dispatcher');
  private readonly held = new Map<string, { attemptId: string | null; n: number }>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly jobs: Pick<JobRepository, 'renewClaims'>,
    private readonly ttlMs: number,
  ) {}

  /**
   * Keeps the job's claim from the moment it is claimed (`attemptId` null: it is being routed) and while its
   * attempt is submitted (called again with the attempt); `release` lets it go.
   */
  hold(jobId: string, attemptId: string | null, n = 0): void {
    this.held.set(jobId, { attemptId, n });
    this.timer ??= setInterval(() => void this.renew(), Math.max(100, Math.floor(this.ttlMs / 3))).unref();
  }

  release(jobId: string): void {
    this.held.delete(jobId);
    if (this.held.size === 0) this.stop();
  }

  get size(): number {
    return this.held.size;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async renew(): Promise<void> {
    // In job id order, as the dispatcher's other statements that lock several jobs: no two deadlock.
    const held = [...this.held]
      .map(([jobId, h]) => ({ jobId, attemptId: h.attemptId, n: h.n }))
      .sort((a, b) => (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
    try {
      const kept = await this.jobs.renewClaims(held, this.ttlMs);
      for (const h of held) {
        if (kept.has(h.jobId) || this.held.get(h.jobId)?.attemptId !== h.attemptId) continue;
        this.logger.warn(`job ${h.jobId}: lost its claim while ${h.attemptId ? `submitting attempt ${h.n}` : 'routing it'}`);
      }
    } catch (err) {
      this.logger.warn(`could not renew ${held.length} claims: ${(err as Error).message}`);
    }
  }
}
