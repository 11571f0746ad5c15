import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { AdapterError, classifyError, PlacementRef, PlacementStatus } from '../../adapters/sdk';
import { attemptCost } from '../billing/attempt-cost';
import { SETTLE_GRACE_MS, SettlementService } from '../billing/settlement.service';
import { CLOCK, Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { WorkerLoop } from '../coordination/worker-loop';
import { NetworkRegistry } from '../plugins/network-registry';
import { TakenCapacity } from '../pool/taken-capacity';
import { BlockListService } from './block-list.service';
import { blocksScope, stopsTheJob } from './failure-policy';
import { AttemptRow, JobRepository, JobRow } from './job.repository';
import { releasePlacement } from './release-placement';

const STATUS_TIMEOUT_MS = 15_000;
/** A cancel whose upstream close failed is tried again after this long. */
const CANCEL_RETRY_MS = 10_000;
/** A placement's status, when answered, is recorded as seen at most this often (or a tenth of STATUS_LOST_AFTER_MS). */
const SEEN_EVERY_MS = 60_000;
/** How often the sweep runs. */
const SETTLE_EVERY_MS = 60_000;

/**
 * Follows placements until they finish: records running, success and cost; on failure or loss blocks the
 * failing scope and hands the job back to the dispatcher (failover), up to the attempt cap and deadline. What
 * attempts cost reaches the ledger through billing (SettlementService): this decides when, billing charges.
 */
@Injectable()
export class ReconcilerService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('reconciler');
  private readonly loop: WorkerLoop;
  /** Attempts whose status the network answered in this round and that are due a status_seen_at update. */
  private readonly seenThisRound: string[] = [];
  /** When the settlement sweep last ran (0: on the first round). */
  private settledAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobRepository,
    private readonly registry: NetworkRegistry,
    private readonly blocks: BlockListService,
    private readonly billing: SettlementService,
    private readonly taken: TakenCapacity,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.loop = new WorkerLoop({
      round: () => this.round(),
      everyMs: () => this.config.jobs.reconcileIntervalMs,
      onError: (err) => this.logger.error(`reconcile round failed: ${(err as Error).message}`),
      clock,
    });
  }

  start(): void {
    if (this.config.role === 'api' || !this.config.workers.dispatch) return;
    this.loop.start();
  }

  /** Stops following and waits for the round in flight before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One round now (unless one is running or the service is stopping). */
  async tick(): Promise<void> {
    await this.loop.tick();
  }

  private async round(): Promise<void> {
    const cancels = await this.jobs.claimCancellations(50, CANCEL_RETRY_MS);
    await Promise.all(
      cancels.map((job) =>
        this.cancel(job).catch((e) => this.logger.warn(`cancel of ${job.id} failed, tried again in ${CANCEL_RETRY_MS / 1000} s: ${(e as Error).message}`)),
      ),
    );
    const due = await this.jobs.claimForReconcile(100, this.config.jobs.reconcileIntervalMs);
    await Promise.all(due.map((job) => this.follow(job).catch((e) => this.logger.warn(`job ${job.id}: status check failed: ${(e as Error).message}`))));
    // The placements whose status was answered this round, recorded in one statement.
    await this.jobs.markStatusSeen(this.seenThisRound.splice(0));
    if (this.clock.now() - this.settledAt >= SETTLE_EVERY_MS) {
      this.settledAt = this.clock.now();
      await this.settleEndedAttempts();
    }
  }

  private async follow(job: JobRow): Promise<void> {
    const attempt = job.current_attempt_id ? await this.jobs.attempt(job.current_attempt_id) : undefined;
    if (!attempt?.placement) return;
    const handle = this.registry.get(attempt.network);
    if (!handle) return this.unreadable(job, attempt, `network ${attempt.network} is not loaded`);
    let status: PlacementStatus;
    try {
      status = await handle.adapter.status(attempt.placement as unknown as PlacementRef, { signal: AbortSignal.timeout(STATUS_TIMEOUT_MS) });
    } catch (err) {
      const error = classifyError(err);
      if (error.code !== 'not_found') return this.unreadable(job, attempt, `${error.code}: ${error.message}`); // look again next round
      status = { state: 'lost', message: 'the network no longer knows this placement', error: error.toJSON() };
    }
    if (status.notice) await this.jobs.noteOnce(job.id, attempt.id, status.notice);
    const now = new Date(this.clock.now());
    const seenEvery = Math.min(SEEN_EVERY_MS, this.config.jobs.statusLostAfterMs / 10);
    if (!attempt.status_seen_at || now.getTime() - new Date(attempt.status_seen_at).getTime() >= seenEvery) this.seenThisRound.push(attempt.id);
    switch (status.state) {
      case 'pending':
      case 'starting':
        if (now > new Date(job.deadline_at)) await this.giveUp(job, attempt, 'deadline passed while waiting for the placement to start', now);
        return;
      case 'running': {
        const started = attempt.started_at ?? (status.startedAt ? new Date(status.startedAt) : now);
        if (job.state === 'submitted') await this.jobs.markRunning(job, attempt, started, status.endpoints);
        const usage = await this.billing.accrueWhileRunning(job, attempt, started, now);
        if (usage.exhausted) return this.stopForBalance(job, { ...attempt, started_at: started }, usage.balanceUsd, now);
        // Networks that run services (an Akash lease, a persistent Render job) keep going until closed: the
        // job's durationHours is when Switchyard closes the placement and counts the job done.
        const hours = (job.spec as { durationHours?: number }).durationHours;
        if (hours !== undefined && now.getTime() - started.getTime() >= hours * 3_600_000)
          await this.completeAfterDuration(job, { ...attempt, started_at: started }, now);
        return;
      }
      case 'succeeded': {
        const started = attempt.started_at ?? (status.startedAt ? new Date(status.startedAt) : null);
        const finished = status.finishedAt ? new Date(status.finishedAt) : now;
        if (!attempt.started_at && started) await this.jobs.markRunning(job, attempt, started);
        await this.endAttempt(
          job,
          { ...attempt, started_at: started },
          { attemptState: 'succeeded', costUsd: attemptCost(attempt.usd_per_hour, started, finished), finishedAt: finished },
          {
            jobState: 'succeeded',
            reason: `completed on ${attempt.network}/${attempt.provider_id}${status.exitCode !== undefined ? ` (exit ${status.exitCode})` : ''}`,
            from: ['submitted', 'running'],
          },
        );
        return;
      }
      case 'failed':
      case 'lost':
        await this.failOver(job, attempt, await this.released(job, attempt, status), now);
        return;
      case 'cancelled':
        await this.failOver(job, attempt, status, now);
        return;
    }
  }

  private async failOver(job: JobRow, attempt: AttemptRow, status: PlacementStatus, now: Date): Promise<void> {
    const lost = status.state === 'lost' || status.state === 'cancelled';
    const error =
      status.error !== undefined
        ? new AdapterError(status.error.code, status.error.message, { retryable: status.error.retryable, scope: status.error.scope })
        : new AdapterError(lost ? 'unavailable' : 'internal', status.message ?? `placement ${status.state}`, { scope: 'provider', retryable: true });
    if (blocksScope(error, status.exitCode)) {
      await this.blocks.blockFor(error, { network: attempt.network, offerId: attempt.offer_id, providerId: attempt.provider_id, region: attempt.region });
    }
    // One end time for the cost and the record: the ledger's charges of an attempt add up to its recorded cost.
    const finished = status.finishedAt ? new Date(status.finishedAt) : now;
    const cost = attemptCost(attempt.usd_per_hour, attempt.started_at, finished);
    // A job that ran and exited non-zero failed on its own: running it elsewhere would fail the same way.
    const exitedWithError = status.exitCode !== undefined && status.exitCode !== 0;
    const canRetry = !exitedWithError && !stopsTheJob(error) && job.attempts < job.max_attempts && now < new Date(job.deadline_at);
    const what = `${status.state} on ${attempt.network}/${attempt.provider_id}: ${error.code}${status.message ? ` (${status.message})` : ''}`;
    await this.endAttempt(
      job,
      attempt,
      { attemptState: lost ? 'lost' : 'failed', error: error.toJSON(), costUsd: cost, finishedAt: finished },
      canRetry
        ? { jobState: 'pending', reason: `attempt ${attempt.n} ${what}; ${error.scope} blocked, failing over`, from: ['submitted', 'running'] }
        : {
            jobState: 'failed',
            reason: `attempt ${attempt.n} ${what}; ${exitedWithError ? `the job exited with code ${status.exitCode}` : stopsTheJob(error) ? 'the job itself was refused' : 'no attempts or time left'}`,
            from: ['submitted', 'running'],
          },
    );
  }

  /** Stops a running job once its account has no money left: the placement is closed and the job fails, charged until now. */
  private async stopForBalance(job: JobRow, attempt: AttemptRow, balanceUsd: string, now: Date): Promise<void> {
    await this.cancelUpstream(attempt);
    await this.endAttempt(
      job,
      attempt,
      { attemptState: 'cancelled', costUsd: attemptCost(attempt.usd_per_hour, attempt.started_at, now), finishedAt: now },
      {
        jobState: 'failed',
        reason: `stopped: the account's balance ran out (${balanceUsd} USD); placement on ${attempt.network} closed`,
        from: ['submitted', 'running'],
      },
    );
  }

  /** Ends the attempt and, in the same transaction, charges the rest of what it cost; all its charges add up to its cost. */
  private async endAttempt(...args: Parameters<JobRepository['endAttempt']>): Promise<boolean> {
    const [job, attempt, outcome, next] = args;
    const ended = await this.jobs.endAttempt(job, attempt, outcome, next, async (em) => {
      if (attempt.started_at) await this.billing.chargeAtEnd(em, job, attempt, attempt.started_at, outcome.finishedAt);
    });
    if (ended) {
      this.billing.ended(attempt.id);
      this.taken.release(attempt.id);
    }
    return ended;
  }

  /**
   * Has billing finish the charges of ended attempts left unsettled (the charge after the end failed, or the
   * process stopped in between), reading and marking them in the jobs' attempt records. Returns how many.
   */
  async settleEndedAttempts(graceMs = SETTLE_GRACE_MS): Promise<number> {
    return this.billing.settleEndedAttempts(this.jobs, graceMs);
  }

  private async completeAfterDuration(job: JobRow, attempt: AttemptRow, now: Date): Promise<void> {
    await this.cancelUpstream(attempt);
    await this.endAttempt(
      job,
      attempt,
      { attemptState: 'succeeded', costUsd: attemptCost(attempt.usd_per_hour, attempt.started_at, now), finishedAt: now },
      {
        jobState: 'succeeded',
        reason: `ran its requested duration on ${attempt.network}/${attempt.provider_id}; placement closed`,
        from: ['submitted', 'running'],
      },
    );
  }

  /**
   * A status that could not be read is looked at again next round, until: a placement the network has not
   * answered for STATUS_LOST_AFTER_MS is taken as lost (closed if possible, charged up to when it was last seen
   * running, failed over); one never seen running fails at the job's deadline.
   */
  private async unreadable(job: JobRow, attempt: AttemptRow, why: string): Promise<void> {
    const now = new Date(this.clock.now());
    const seen = new Date(attempt.status_seen_at ?? attempt.submitted_at);
    if (now.getTime() - seen.getTime() >= this.config.jobs.statusLostAfterMs) {
      const closed = await this.closeUnreadable(job, attempt);
      const minutes = Math.round((now.getTime() - seen.getTime()) / 60_000);
      const message = `the network has not answered its status for ${minutes} min (${why}); last seen ${seen.toISOString()}${closed ? '' : `; it may remain on ${attempt.network}`}`;
      // The job is charged up to when it was last seen (running, if it had started), not for the silence.
      const finishedAt = attempt.started_at ? await this.lastSeenRunning(attempt, seen, now) : now;
      await this.failOver(job, attempt, { state: 'lost', message, finishedAt: finishedAt.toISOString() }, now);
      return;
    }
    if (job.state !== 'submitted' || now <= new Date(job.deadline_at)) return;
    const closed = await this.closeUnreadable(job, attempt);
    const reason = `deadline passed while the placement's status could not be read (${why})${closed ? '' : `; it may remain on ${attempt.network}`}`;
    await this.endAttempt(job, attempt, { attemptState: 'cancelled', costUsd: '0', finishedAt: now }, { jobState: 'failed', reason, from: ['submitted'] });
  }

  /**
   * When a started attempt was last known running: its recorded sighting (written at most every few rounds), or
   * the end of the last period already charged if later, since a period is charged only once the network said it
   * ran to its end. The attempt's cost then covers every charge it already has.
   */
  private async lastSeenRunning(attempt: AttemptRow, seen: Date, now: Date): Promise<Date> {
    const started = new Date(attempt.started_at!);
    const charged = await this.billing.chargedThrough(attempt, started);
    const last = charged && charged > seen ? charged : seen;
    return last > started ? last : now;
  }

  /** Tries to close a placement whose status cannot be read; whether that worked. */
  private async closeUnreadable(job: JobRow, attempt: AttemptRow): Promise<boolean> {
    // Without the network's plugin nothing can close it.
    if (!this.registry.get(attempt.network)) return false;
    try {
      await this.cancelUpstream(attempt);
      return true;
    } catch (err) {
      this.logger.warn(`job ${job.id}: could not close placement ${attempt.id} on ${attempt.network}: ${(err as Error).message}`);
      return false;
    }
  }

  private async giveUp(job: JobRow, attempt: AttemptRow, reason: string, now: Date): Promise<void> {
    await this.cancelUpstream(attempt);
    await this.endAttempt(
      job,
      attempt,
      { attemptState: 'cancelled', costUsd: '0', finishedAt: now },
      { jobState: 'failed', reason, from: ['submitted', 'running'] },
    );
  }

  private async cancel(job: JobRow): Promise<void> {
    if (job.state === 'pending') {
      await this.jobs.finishWithoutAttempt(job, ['pending'], 'cancelled', 'cancelled by the user before it was placed');
      return;
    }
    const attempt = job.current_attempt_id ? await this.jobs.attempt(job.current_attempt_id) : undefined;
    if (!attempt) return;
    await this.cancelUpstream(attempt);
    const now = new Date(this.clock.now());
    await this.endAttempt(
      job,
      attempt,
      { attemptState: 'cancelled', costUsd: attemptCost(attempt.usd_per_hour, attempt.started_at, now), finishedAt: now },
      { jobState: 'cancelled', reason: `cancelled by the user; placement on ${attempt.network} closed`, from: ['submitted', 'running'] },
    );
  }

  /** Closes a failed or lost placement at its network before the job moves on (see release-placement.ts); the status, noting a close that failed. */
  private async released(job: JobRow, attempt: AttemptRow, status: PlacementStatus): Promise<PlacementStatus> {
    if (!this.registry.get(attempt.network)) return status;
    const failed = await releasePlacement(() => this.cancelUpstream(attempt));
    if (!failed) return status;
    this.logger.warn(`job ${job.id}: could not close ${status.state} placement of attempt ${attempt.n} on ${attempt.network}: ${failed.message}`);
    return { ...status, message: `${status.message ?? status.state}; closing it failed (${failed.message}), it may remain on ${attempt.network}` };
  }

  private async cancelUpstream(attempt: AttemptRow): Promise<void> {
    const handle = this.registry.get(attempt.network);
    if (!handle || !attempt.placement) return;
    await handle.adapter.cancel(attempt.placement as unknown as PlacementRef, { signal: AbortSignal.timeout(STATUS_TIMEOUT_MS) });
  }
}
