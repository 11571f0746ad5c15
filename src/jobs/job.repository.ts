// Every read and write of jobs, attempts and events. State changes are conditional on the state the caller
// saw (no lost updates between replicas) and always write a job event in the same transaction.
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '../database/query-rows';
import { BUDGET_RULE, BUDGET_VERDICT, BudgetRuleRow, verdictOf, type JobHold } from '../billing/budget-rule';
import { HoldRefused, HoldsService } from '../billing/holds.service';
import type { Placement } from '../../adapters/sdk';
import { JobState, TERMINAL_JOB_STATES } from './entities/job.entity';
import { recordWinner } from './placement-winner';

export interface JobRow {
  id: string;
  account_id: string;
  idempotency_key: string | null;
  request_hash: string;
  spec: Record<string, unknown>;
  routing: Record<string, unknown>;
  warnings: string[];
  state: JobState;
  state_reason: string | null;
  attempts: number;
  max_attempts: number;
  deadline_at: Date;
  next_run_at: Date;
  claimed_until: Date | null;
  current_attempt_id: string | null;
  cancel_requested: boolean;
  cost_usd: string;
  held_usd: string;
  held_usd_per_hour: string;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

export interface AttemptRow {
  id: string;
  job_id: string;
  n: number;
  network: string;
  offer_id: string;
  provider_id: string;
  region: string | null;
  gpu_model: string;
  decision: Record<string, unknown>;
  offer_snapshot: Record<string, unknown>;
  placement: Record<string, unknown> | null;
  state: string;
  quoted_usd_per_hour: string;
  usd_per_hour: string;
  native_price: Record<string, unknown> | null;
  submitted_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  reached_running: boolean;
  status_seen_at: Date | null;
  outcome: string | null;
  error: Record<string, unknown> | null;
  cost_usd: string;
}

export interface EventRow {
  id: string;
  job_id: string;
  at: Date;
  type: string;
  from_state: string | null;
  to_state: string | null;
  reason: string;
  data: Record<string, unknown> | null;
}

export interface NewJob {
  accountId: string;
  idempotencyKey: string | null;
  requestHash: string;
  spec: unknown;
  routing: unknown;
  warnings: string[];
  maxAttempts: number;
  deadlineAt: Date;
  /** What the job holds of its account until it ends; null when it could not be priced (an empty pool). */
  hold: JobHold | null;
}

export interface NewAttempt {
  /** Chosen by the dispatcher when it routes, so the GPUs the attempt takes are counted before its row is written. */
  id: string;
  network: string;
  offerId: string;
  providerId: string;
  region: string | null;
  gpuModel: string;
  decision: unknown;
  offerSnapshot: unknown;
  quotedUsdPerHour: string;
}

/** A job routed to no offer: back to pending until `retryAt`, saying why (JobRepository.waitForCapacityMany). */
export interface CapacityWait {
  job: JobRow;
  reason: string;
  retryAt: Date;
  data?: Record<string, unknown>;
}

/** An attempt the network took, to be recorded as submitted (JobRepository.markSubmittedMany). */
export interface SubmittedAttempt {
  job: JobRow;
  attempt: AttemptRow;
  placement: Placement;
  agreed: { usdPerHour: string; nativePrice: unknown };
}

@Injectable()
export class JobRepository {
  private readonly logger = new Logger(JobRepository.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly holds: HoldsService,
  ) {}

  /**
   * Persists new jobs of one account, each with its first event and its hold on the account, in one
   * transaction; a job whose idempotency key is already stored comes back as that job (created: false). The new
   * jobs' holds are taken together by billing's budget rule (BUDGET_RULE), embedded after the insert so that
   * intake stays one statement; it locks the account row, so concurrent requests queue on it and none can take
   * what another already holds. HoldRefused, with the rule's verdict, when they do not fit together (the balance
   * less what is held, max_usd_per_hour counting what is held, or max_usd_per_job): nothing is stored then.
   */
  async createAll(accountId: string, jobs: NewJob[]): Promise<Array<{ job: JobRow; created: boolean }>> {
    const input = jobs.map((job) => ({ id: randomUUID(), job, hold: job.hold ?? { usd: '0', usdPerHour: '0', estimatedTotalUsd: null } }));
    const inserted = await this.dataSource.transaction(async (em) => {
      const rows: Array<JobRow & { budget: BudgetRuleRow | null }> = await em.query(
        `WITH input AS (
           SELECT * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $7::jsonb[], $8::int[], $9::timestamptz[], $10::numeric[], $11::numeric[], $12::boolean[], $13::numeric[])
             AS i(id, idempotency_key, request_hash, spec, routing, warnings, max_attempts, deadline_at, held_usd, held_usd_per_hour, guarded, estimated_total_usd)),
         job AS (
           INSERT INTO jobs (id, account_id, idempotency_key, request_hash, spec, routing, warnings, state, max_attempts, deadline_at, next_run_at, held_usd, held_usd_per_hour)
           SELECT id, $1, idempotency_key, request_hash, spec, routing, warnings, 'pending', max_attempts, deadline_at, now(), held_usd, held_usd_per_hour FROM input
           ON CONFLICT (account_id, idempotency_key) DO NOTHING RETURNING *),
         logged AS (INSERT INTO job_events (job_id, type, from_state, to_state, reason) SELECT id, 'state', NULL, 'pending', 'accepted' FROM job),
         request AS (
           SELECT $1::text AS account_id, COALESCE(SUM(i.held_usd), 0) AS usd, COALESCE(SUM(i.held_usd_per_hour), 0) AS per_hour, COALESCE(bool_or(i.guarded), false) AS guarded,
                  COALESCE(bool_or(i.guarded AND i.estimated_total_usd IS NULL), false) AS open_ended, COALESCE(MAX(i.estimated_total_usd) FILTER (WHERE i.guarded), 0) AS largest_total,
                  true AS take
           FROM job JOIN input i USING (id)),
         ${BUDGET_RULE}
         SELECT job.*, ${BUDGET_VERDICT} AS budget FROM (SELECT 1) one LEFT JOIN job ON true`,
        [
          accountId,
          input.map((i) => i.id),
          input.map((i) => i.job.idempotencyKey),
          input.map((i) => i.job.requestHash),
          input.map((i) => JSON.stringify(i.job.spec)),
          input.map((i) => JSON.stringify(i.job.routing)),
          input.map((i) => JSON.stringify(i.job.warnings)),
          input.map((i) => i.job.maxAttempts),
          input.map((i) => i.job.deadlineAt),
          input.map((i) => i.hold.usd),
          input.map((i) => i.hold.usdPerHour),
          input.map((i) => i.job.hold !== null),
          input.map((i) => i.hold.estimatedTotalUsd),
        ],
      );
      const budget = rows[0]?.budget;
      if (!budget?.taken) throw new HoldRefused(accountId, budget ? verdictOf(budget) : undefined);
      return new Map(rows.filter((r) => r.id !== null).map(({ budget: _budget, ...row }) => [row.id, row as JobRow]));
    });
    // The rest had their key taken already (by an earlier request, or another in this batch).
    const taken = input.filter((i) => !inserted.has(i.id)).map((i) => i.job.idempotencyKey);
    const existing: JobRow[] = taken.length
      ? await this.dataSource.query('SELECT * FROM jobs WHERE account_id = $1 AND idempotency_key = ANY($2::text[])', [accountId, taken])
      : [];
    const byKey = new Map(existing.map((row) => [row.idempotency_key, row]));
    return input.map((i) => {
      const row = inserted.get(i.id);
      return row ? { job: row, created: true } : { job: byKey.get(i.job.idempotencyKey)!, created: false };
    });
  }

  /**
   * Claims due pending jobs, and routing jobs whose claim expired (a worker died mid-dispatch), with
   * FOR UPDATE SKIP LOCKED: safe with any number of workers.
   */
  async claimForDispatch(limit: number, claimMs: number): Promise<JobRow[]> {
    // One statement (claim and its events together), so a claim costs one round trip whatever the batch size.
    return returnedRows<JobRow & { previous_state: JobState }>(
      await this.dataSource.query(
        // Two scans that each walk the (state, next_run_at) index and stop at the limit; one OR-ed scan had to
        // collect and sort every due job first (tens of milliseconds with a backlog of 10,000).
        `WITH recovered AS (
         SELECT id, state, next_run_at FROM jobs WHERE state = 'routing' AND claimed_until < now()
         LIMIT $1 FOR UPDATE SKIP LOCKED),
       fresh AS (
         SELECT id, state, next_run_at FROM jobs WHERE state = 'pending' AND next_run_at <= now()
         ORDER BY next_run_at LIMIT $1 FOR UPDATE SKIP LOCKED),
       due AS (SELECT id, state FROM (SELECT * FROM recovered UNION ALL SELECT * FROM fresh) d ORDER BY next_run_at LIMIT $1),
       claimed AS (
         UPDATE jobs j SET state = 'routing', claimed_until = now() + ($2 || ' milliseconds')::interval, updated_at = now()
         FROM due WHERE j.id = due.id RETURNING j.*, due.state AS previous_state),
       logged AS (
         INSERT INTO job_events (job_id, type, from_state, to_state, reason)
         SELECT id, 'state', previous_state, 'routing', CASE WHEN previous_state = 'routing' THEN 'recovered from an expired claim' ELSE 'claimed for routing' END
         FROM claimed)
       SELECT * FROM claimed`,
        [limit, String(claimMs)],
      ),
    );
  }

  /** Extends this worker's routing claims (while it routes a job, or submits its attempt) in one statement; returns the ids still its own. */
  async renewClaims(held: ReadonlyArray<{ jobId: string; attemptId: string | null }>, claimMs: number): Promise<Set<string>> {
    if (!held.length) return new Set();
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `UPDATE jobs j SET claimed_until = now() + ($3 || ' milliseconds')::interval
       FROM unnest($1::uuid[], $2::uuid[]) AS h(job_id, attempt_id)
       WHERE j.id = h.job_id AND j.state = 'routing' AND (h.attempt_id IS NULL OR j.current_attempt_id = h.attempt_id) RETURNING j.id`,
        [held.map((h) => h.jobId), held.map((h) => h.attemptId), String(claimMs)],
      ),
    );
    return new Set(rows.map((r) => r.id));
  }

  /** A line in the job's timeline that changes nothing (e.g. what it waits for while being dispatched). */
  async note(jobId: string, reason: string, data?: Record<string, unknown>): Promise<void> {
    await this.event(this.dataSource.manager, jobId, 'note', 'routing', 'routing', reason, data);
  }

  /** Claims submitted and running jobs that are due a status check; the claim is the pushed-back next_run_at. */
  async claimForReconcile(limit: number, intervalMs: number): Promise<JobRow[]> {
    return returnedRows<JobRow>(
      await this.dataSource.query(
        `WITH due AS (
         SELECT id FROM jobs WHERE state IN ('submitted', 'running') AND next_run_at <= now()
         ORDER BY next_run_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE jobs j SET next_run_at = now() + ($2 || ' milliseconds')::interval
       FROM due WHERE j.id = due.id RETURNING j.*`,
        [limit, String(intervalMs)],
      ),
    );
  }

  /**
   * Claims jobs with a cancel request that have not reached a terminal state, oldest due first, for `retryMs`:
   * one replica cancels each, and a cancel that fails (a network that hangs) waits its turn again instead of
   * being retried ahead of newer cancels on every round.
   */
  async claimCancellations(limit: number, retryMs: number): Promise<JobRow[]> {
    return returnedRows<JobRow>(
      await this.dataSource.query(
        `WITH due AS (
         SELECT id FROM jobs WHERE cancel_requested AND state IN ('pending', 'submitted', 'running') AND next_run_at <= now()
         ORDER BY next_run_at LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE jobs j SET next_run_at = now() + ($2 || ' milliseconds')::interval
       FROM due WHERE j.id = due.id RETURNING j.*`,
        [limit, String(retryMs)],
      ),
    );
  }

  /**
   * Records attempts before their networks are called, each with its job's attempt count, current attempt and
   * timeline line, in one statement for all of them (a burst routes hundreds of jobs a second). Returns each
   * job's attempt, in the order given. The jobs are this worker's claimed ones: none appears twice.
   */
  async createAttempts(items: ReadonlyArray<{ job: JobRow; attempt: NewAttempt }>): Promise<AttemptRow[]> {
    if (!items.length) return [];
    const input = items.map(({ job, attempt: a }) => {
      const n = job.attempts + 1;
      return {
        id: a.id,
        job_id: job.id,
        n,
        network: a.network,
        offer_id: a.offerId,
        provider_id: a.providerId,
        region: a.region,
        gpu_model: a.gpuModel,
        decision: a.decision,
        offer_snapshot: a.offerSnapshot,
        quoted: a.quotedUsdPerHour,
        reason: `attempt ${n}: routed to ${a.network}/${a.providerId}`,
        data: { offerId: a.offerId, quotedUsdPerHour: a.quotedUsdPerHour, explanation: (a.decision as { explanation?: string }).explanation },
      };
    });
    // Rows are locked in job id order by every statement that locks several (claim renewal too): no two deadlock.
    input.sort(byJobId);
    const rows = returnedRows<AttemptRow>(
      await this.dataSource.query(
        `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, job_id uuid, n int, network text, offer_id text, provider_id text, region text,
           gpu_model text, decision jsonb, offer_snapshot jsonb, quoted text, reason text, data jsonb)),
       attempt AS (
         INSERT INTO job_attempts (id, job_id, n, network, offer_id, provider_id, region, gpu_model, decision, offer_snapshot, state,
           quoted_usd_per_hour, usd_per_hour, submitted_at)
         SELECT id, job_id, n, network, offer_id, provider_id, region, gpu_model, decision, offer_snapshot, 'submitting',
           quoted::numeric, quoted::numeric, now() FROM input RETURNING *),
       job AS (
         UPDATE jobs j SET attempts = j.attempts + 1, current_attempt_id = attempt.id, updated_at = now() FROM attempt WHERE j.id = attempt.job_id),
       logged AS (
         INSERT INTO job_events (job_id, type, from_state, to_state, reason, data)
         SELECT attempt.job_id, 'attempt', 'routing', 'routing', input.reason, input.data || jsonb_build_object('attemptId', attempt.id)
         FROM attempt JOIN input ON input.job_id = attempt.job_id)
       SELECT * FROM attempt`,
        [JSON.stringify(input)],
      ),
    );
    const byJob = new Map(rows.map((r) => [r.job_id, r]));
    return items.map(({ job }) => byJob.get(job.id)!);
  }

  /**
   * Networks took these attempts: records each placement and agreed price and moves each job to submitted (when
   * it is still routing), with its timeline line, in one statement for all. Returns the jobs moved. A placement on
   * another provider than the routed one goes through markSubmitted (the winner is recorded too).
   */
  async markSubmittedMany(items: ReadonlyArray<SubmittedAttempt>, nextCheckMs: number): Promise<Set<string>> {
    if (!items.length) return new Set();
    const nextRunAt = new Date(Date.now() + nextCheckMs).toISOString();
    const input = items.map(({ job, attempt, placement, agreed }) => ({
      job_id: job.id,
      attempt_id: attempt.id,
      placement,
      usd_per_hour: agreed.usdPerHour,
      native_price: agreed.nativePrice ?? null,
      reason: `submitted to ${attempt.network} (attempt ${attempt.n})`,
    }));
    input.sort(byJobId);
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(job_id uuid, attempt_id uuid, placement jsonb, usd_per_hour text, native_price jsonb, reason text)),
       placed AS (
         UPDATE job_attempts a SET state = 'submitted', placement = input.placement, usd_per_hour = input.usd_per_hour::numeric,
           native_price = input.native_price
         FROM input WHERE a.id = input.attempt_id),
       old AS (SELECT j.id, j.state AS previous FROM jobs j WHERE j.id IN (SELECT job_id FROM input) ORDER BY j.id FOR UPDATE),
       moved AS (
         UPDATE jobs j SET state = 'submitted', state_reason = input.reason, updated_at = now(), claimed_until = NULL, next_run_at = $2
         FROM old, input WHERE j.id = old.id AND input.job_id = j.id AND j.state = 'routing' RETURNING j.id, old.previous, input.reason),
       logged AS (
         INSERT INTO job_events (job_id, type, from_state, to_state, reason) SELECT id, 'state', previous, 'submitted', reason FROM moved)
       SELECT id FROM moved`,
        [JSON.stringify(input), nextRunAt],
      ),
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Jobs being routed that found no capacity go back to pending, each until its `retryAt`, with its reason in its
   * timeline: one statement for the lot (in a burst, most of a round's jobs can find the supply taken). Only jobs
   * still in `routing` move; answers the ids of those that did.
   */
  async waitForCapacityMany(items: ReadonlyArray<CapacityWait>): Promise<Set<string>> {
    if (!items.length) return new Set();
    const input = items.map(({ job, reason, retryAt, data }) => ({ job_id: job.id, reason, retry_at: retryAt.toISOString(), data: data ?? null }));
    input.sort(byJobId);
    const rows = returnedRows<{ id: string }>(
      await this.dataSource.query(
        `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(job_id uuid, reason text, retry_at timestamptz, data jsonb)),
       old AS (SELECT j.id, j.state AS previous FROM jobs j WHERE j.id IN (SELECT job_id FROM input) ORDER BY j.id FOR UPDATE),
       moved AS (
         UPDATE jobs j SET state = 'pending', state_reason = input.reason, updated_at = now(), claimed_until = NULL, next_run_at = input.retry_at,
           finished_at = NULL
         FROM old, input WHERE j.id = old.id AND input.job_id = j.id AND j.state = 'routing' RETURNING j.id, old.previous, input.reason, input.data),
       logged AS (
         INSERT INTO job_events (job_id, type, from_state, to_state, reason, data) SELECT id, 'state', previous, 'pending', reason, data FROM moved)
       SELECT id FROM moved`,
        [JSON.stringify(input)],
      ),
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The network took the attempt and placed the job on another provider than the routed one: the winner is recorded too. */
  async markSubmitted(
    job: JobRow,
    attempt: AttemptRow,
    placement: Placement,
    agreed: { usdPerHour: string; nativePrice: unknown },
    nextCheckMs: number,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE job_attempts SET state = 'submitted', placement = $2, usd_per_hour = $3, native_price = $4 WHERE id = $1`, [
        attempt.id,
        JSON.stringify(placement),
        agreed.usdPerHour,
        agreed.nativePrice === undefined ? null : JSON.stringify(agreed.nativePrice),
      ]);
      await recordWinner(em, attempt, placement);
      return this.transition(em, job.id, ['routing'], 'submitted', `submitted to ${attempt.network} (attempt ${attempt.n})`, {
        claimed_until: null,
        next_run_at: new Date(Date.now() + nextCheckMs),
      });
    });
  }

  /**
   * Ends an attempt and moves its job on (back to pending for another attempt, or to its final state), in one
   * transaction. `chargeUsage` posts the attempt's remaining usage
   * charges in that same transaction, so a job never reads as ended while the ledger lacks what it cost; should
   * the ledger refuse, the attempt still ends, unsettled, and the settlement sweep charges it later.
   */
  async endAttempt(
    job: JobRow,
    attempt: AttemptRow,
    outcome: { attemptState: 'failed' | 'lost' | 'succeeded' | 'cancelled'; error?: unknown; costUsd: string; finishedAt: Date },
    next: { jobState: JobState; reason: string; retryAt?: Date; from: JobState[] },
    chargeUsage?: (em: EntityManager) => Promise<void>,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      const ended = returnedRows<{ id: string }>(
        await em.query(
          // Nothing to charge for an attempt that cost nothing: it is settled as it ends.
          `UPDATE job_attempts SET state = $2, outcome = $2, error = $3, cost_usd = $4, finished_at = $5,
           usage_settled_at = CASE WHEN $4::numeric = 0 THEN now() END
         WHERE id = $1 AND outcome IS NULL RETURNING id`,
          [attempt.id, outcome.attemptState, outcome.error === undefined ? null : JSON.stringify(outcome.error), outcome.costUsd, outcome.finishedAt],
        ),
      );
      if (ended.length && chargeUsage && new Decimal(outcome.costUsd).gt(0)) await this.settleWithin(em, attempt.id, chargeUsage);
      const terminal = TERMINAL_JOB_STATES.has(next.jobState);
      return this.transition(em, job.id, next.from, next.jobState, next.reason, {
        claimed_until: null,
        next_run_at: next.retryAt ?? new Date(),
        cost_usd_add: outcome.costUsd,
        finished_at: terminal ? new Date() : null,
      });
    });
  }

  /** Runs the charges behind a savepoint: they and the settled mark land together, or neither does. */
  private async settleWithin(em: EntityManager, attemptId: string, chargeUsage: (em: EntityManager) => Promise<void>): Promise<void> {
    await em.query('SAVEPOINT usage_charges');
    try {
      await chargeUsage(em);
      await em.query('UPDATE job_attempts SET usage_settled_at = now() WHERE id = $1', [attemptId]);
      await em.query('RELEASE SAVEPOINT usage_charges');
    } catch (err) {
      await em.query('ROLLBACK TO SAVEPOINT usage_charges');
      this.logger.error(`could not charge usage of attempt ${attemptId} as it ended (the settlement sweep retries): ${(err as Error).message}`);
    }
  }

  async markRunning(job: JobRow, attempt: AttemptRow, startedAt: Date, endpoints?: string[]): Promise<boolean> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE job_attempts SET state = 'running', started_at = COALESCE(started_at, $2), reached_running = true WHERE id = $1`, [
        attempt.id,
        startedAt,
      ]);
      return this.transition(
        em,
        job.id,
        ['submitted'],
        'running',
        `running on ${attempt.network}/${attempt.provider_id}`,
        {},
        endpoints?.length ? { endpoints } : undefined,
      );
    });
  }

  /** Fails or cancels a job that has no live attempt (routing found nothing, the deadline passed, a cancel). */
  async finishWithoutAttempt(
    job: JobRow,
    from: JobState[],
    to: 'failed' | 'cancelled' | 'pending',
    reason: string,
    retryAt?: Date,
    data?: Record<string, unknown>,
  ): Promise<boolean> {
    return this.dataSource.transaction((em) =>
      this.transition(
        em,
        job.id,
        from,
        to,
        reason,
        { claimed_until: null, next_run_at: retryAt ?? new Date(), finished_at: to === 'pending' ? null : new Date() },
        data,
      ),
    );
  }

  async requestCancel(jobId: string, accountId: string): Promise<JobRow | undefined> {
    const rows = returnedRows<JobRow>(
      await this.dataSource.query(
        `UPDATE jobs SET cancel_requested = true, next_run_at = now(), updated_at = now() WHERE id = $1 AND account_id = $2 RETURNING *`,
        [jobId, accountId],
      ),
    );
    if (rows[0])
      await this.dataSource.query(`INSERT INTO job_events (job_id, type, reason) VALUES ($1, 'cancel-requested', 'cancel requested by the user')`, [jobId]);
    return rows[0];
  }

  async findByIdempotencyKey(accountId: string, idempotencyKey: string): Promise<JobRow | undefined> {
    return (await this.dataSource.query('SELECT * FROM jobs WHERE account_id = $1 AND idempotency_key = $2', [accountId, idempotencyKey]))[0];
  }

  async find(jobId: string, accountId?: string): Promise<JobRow | undefined> {
    const rows: JobRow[] = accountId
      ? await this.dataSource.query('SELECT * FROM jobs WHERE id = $1 AND account_id = $2', [jobId, accountId])
      : await this.dataSource.query('SELECT * FROM jobs WHERE id = $1', [jobId]);
    return rows[0];
  }

  async attempts(jobId: string): Promise<AttemptRow[]> {
    return this.dataSource.query('SELECT * FROM job_attempts WHERE job_id = $1 ORDER BY n', [jobId]);
  }

  /**
   * Ended attempts whose usage charges are not known to be all in the ledger, oldest first, ended at least
   * `settledAfterMs` ago (the worker that ended one charges it at once), with their account.
   */
  async unsettledAttempts(settledAfterMs: number, limit: number): Promise<Array<AttemptRow & { account_id: string }>> {
    return this.dataSource.query(
      `SELECT a.*, j.account_id FROM job_attempts a JOIN jobs j ON j.id = a.job_id
       WHERE a.usage_settled_at IS NULL AND a.finished_at < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY a.finished_at LIMIT $2`,
      [settledAfterMs, limit],
    );
  }

  /** Records that the network answered these placements' status just now. */
  async markStatusSeen(attemptIds: string[]): Promise<void> {
    if (attemptIds.length) await this.dataSource.query('UPDATE job_attempts SET status_seen_at = now() WHERE id = ANY($1::uuid[])', [attemptIds]);
  }

  /** Records that every usage charge of an ended attempt is in the ledger. */
  async markUsageSettled(attemptId: string): Promise<void> {
    await this.dataSource.query('UPDATE job_attempts SET usage_settled_at = now() WHERE id = $1 AND usage_settled_at IS NULL', [attemptId]);
  }

  /** Which of these attempts have ended. */
  async endedAttempts(attemptIds: string[]): Promise<string[]> {
    if (!attemptIds.length) return [];
    const rows: Array<{ id: string }> = await this.dataSource.query('SELECT id FROM job_attempts WHERE id = ANY($1::uuid[]) AND finished_at IS NOT NULL', [
      attemptIds,
    ]);
    return rows.map((r) => r.id);
  }

  /** Adds a `notice` event (an upstream fact, no state change) unless this attempt already has the same one. */
  async noteOnce(jobId: string, attemptId: string, notice: { kind: string; message: string; data?: Record<string, unknown> }): Promise<void> {
    const data = JSON.stringify({ ...notice.data, kind: notice.kind, attemptId });
    await this.dataSource.query(
      `INSERT INTO job_events (job_id, type, from_state, to_state, reason, data)
       SELECT $1, 'notice', NULL, NULL, $2, $3::jsonb
       WHERE NOT EXISTS (SELECT 1 FROM job_events WHERE job_id = $1 AND type = 'notice' AND reason = $2 AND data->>'attemptId' = $4)`,
      [jobId, notice.message, data, attemptId],
    );
  }

  /** The attempts of several jobs (a page of the list), by job id, each in order. */
  async attemptsOfJobs(jobIds: string[]): Promise<Map<string, AttemptRow[]>> {
    const out = new Map<string, AttemptRow[]>(jobIds.map((id) => [id, []]));
    if (jobIds.length === 0) return out;
    const rows: AttemptRow[] = await this.dataSource.query('SELECT * FROM job_attempts WHERE job_id = ANY($1::uuid[]) ORDER BY job_id, n', [jobIds]);
    for (const row of rows) out.get(row.job_id)?.push(row);
    return out;
  }

  /** The service endpoints the network reported when the job's current attempt started running. */
  async runningEndpoints(jobId: string): Promise<string[]> {
    const rows: Array<{ data: { endpoints?: string[] } | null }> = await this.dataSource.query(
      `SELECT data FROM job_events WHERE job_id = $1 AND to_state = 'running' ORDER BY id DESC LIMIT 1`,
      [jobId],
    );
    return rows[0]?.data?.endpoints ?? [];
  }

  async attempt(attemptId: string): Promise<AttemptRow | undefined> {
    return (await this.dataSource.query('SELECT * FROM job_attempts WHERE id = $1', [attemptId]))[0];
  }

  async events(jobId: string, afterId = '0'): Promise<EventRow[]> {
    return this.dataSource.query('SELECT * FROM job_events WHERE job_id = $1 AND id > $2 ORDER BY id LIMIT 1000', [jobId, afterId]);
  }

  async list(accountId: string, filter: { state?: string; limit: number; before?: { createdAt: string; id: string } }): Promise<JobRow[]> {
    const params: unknown[] = [accountId, filter.limit];
    let where = 'account_id = $1';
    if (filter.state) {
      params.push(filter.state);
      where += ` AND state = $${params.length}`;
    }
    if (filter.before) {
      params.push(filter.before.createdAt, filter.before.id);
      where += ` AND (created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    return this.dataSource.query(`SELECT * FROM jobs WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT $2`, params);
  }

  private async transition(
    em: EntityManager,
    jobId: string,
    from: JobState[],
    to: JobState,
    reason: string,
    patch: { claimed_until?: Date | null; next_run_at?: Date; cost_usd_add?: string; finished_at?: Date | null },
    data?: Record<string, unknown>,
  ): Promise<boolean> {
    const rows = returnedRows<{ previous: JobState; account_id: string; held_usd: string; held_usd_per_hour: string }>(
      await em.query(
        `UPDATE jobs j SET state = $3, state_reason = $4, updated_at = now(),
         claimed_until = CASE WHEN $5 THEN $6::timestamptz ELSE j.claimed_until END,
         next_run_at = COALESCE($7::timestamptz, j.next_run_at),
         cost_usd = j.cost_usd + COALESCE($8::numeric, 0),
         finished_at = CASE WHEN $9 THEN $10::timestamptz ELSE j.finished_at END
       FROM (SELECT id, state AS previous FROM jobs WHERE id = $1 FOR UPDATE) old
       WHERE j.id = old.id AND j.state = ANY($2) RETURNING old.previous, j.account_id, j.held_usd, j.held_usd_per_hour`,
        [
          jobId,
          from,
          to,
          reason,
          'claimed_until' in patch,
          patch.claimed_until ?? null,
          patch.next_run_at ?? null,
          patch.cost_usd_add ?? null,
          'finished_at' in patch,
          patch.finished_at ?? null,
        ],
      ),
    );
    if (!rows.length) return false;
    const [{ previous, account_id: accountId, held_usd: heldUsd, held_usd_per_hour: heldUsdPerHour }] = rows;
    if (previous !== to || reason) await this.event(em, jobId, 'state', previous, to, reason, data);
    // A job that ends gives back what it held of its account.
    if (TERMINAL_JOB_STATES.has(to) && !TERMINAL_JOB_STATES.has(previous) && (new Decimal(heldUsd).gt(0) || new Decimal(heldUsdPerHour).gt(0))) {
      await this.holds.release(em, accountId, { usd: heldUsd, usdPerHour: heldUsdPerHour });
    }
    return true;
  }

  private async event(
    em: EntityManager,
    jobId: string,
    type: string,
    from: string | null,
    to: string | null,
    reason: string,
    data?: Record<string, unknown>,
  ): Promise<void> {
    await em.query('INSERT INTO job_events (job_id, type, from_state, to_state, reason, data) VALUES ($1, $2, $3, $4, $5, $6)', [
      jobId,
      type,
      from,
      to,
      reason,
      data ? JSON.stringify(data) : null,
    ]);
  }
}

function byJobId(a: { job_id: string }, b: { job_id: string }): number {
  return a.job_id < b.job_id ? -1 : a.job_id > b.job_id ? 1 : 0;
}
