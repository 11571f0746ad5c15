import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JobBudgetRequest, jobHold } from '../billing/budget-rule';
import { HoldRefused, HoldsService } from '../billing/holds.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { z } from 'zod';
import { notFoundProblem, ProblemException, validationProblem } from '../common/problem';
import { isoTime, isUuid, uuid } from '../common/schema-primitives';
import { NetworkRegistry } from '../plugins/network-registry';
import type { UnderstoodJob } from '../routing/job-spec.resolver';
import { QuoteService } from '../routing/quote.service';
import { QuotesService, unsatisfiable } from '../routing/quotes.service';
import { TERMINAL_JOB_STATES } from './entities/job.entity';
import { GroupCommit } from './group-commit';
import { encodeRouting } from './job-routing.codec';
import { eventView, jobView } from './job-view';
import { JobRepository, JobRow, NewJob } from './job.repository';

export interface IncomingJob {
  body: unknown;
  contentType?: string;
  idempotencyKey?: string;
  accountId: string;
}

@Injectable()
export class JobsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobRepository,
    private readonly quotes: QuoteService,
    private readonly understanding: QuotesService,
    private readonly registry: NetworkRegistry,
    private readonly holds: HoldsService,
  ) {}

  /** New jobs of one account that arrive together are stored together (see GroupCommit). */
  private readonly intake = new GroupCommit<NewJob, { job: JobRow; created: boolean }>((accountId, jobs) => this.jobs.createAll(accountId, jobs));

  /** Persists the job and returns at once; dispatch happens in the background. */
  async accept(incoming: IncomingJob): Promise<{ status: 200 | 202; job: ReturnType<typeof jobView> }> {
    if (incoming.idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(incoming.idempotencyKey)) {
      throw validationProblem([{ field: 'Idempotency-Key', reason: 'must be 1-200 visible ASCII characters' }]);
    }
    const job = this.understanding.understand(incoming.body, incoming.contentType);
    // A replay answers with the job its key created, whatever the pool or the balance look like now (a client
    // retrying after a timeout must get its job back, not a 422/402 computed for a new one).
    const earlier = incoming.idempotencyKey === undefined ? undefined : await this.jobs.findByIdempotencyKey(incoming.accountId, incoming.idempotencyKey);
    if (earlier) return this.replay(earlier, incoming);
    // Refuse what nothing in the pool could ever run (ignoring health and temporary blocks); an empty pool
    // (still syncing) accepts the job and lets it wait.
    if (this.quotes.poolSize() > 0) {
      const possible = this.quotes.decide(job, { limit: 1, ignoreHealth: true });
      if (!possible.candidates.length) throw unsatisfiable(possible, job.warnings);
    }
    const budget = this.priceOf(job);
    const newJob = {
      accountId: incoming.accountId,
      idempotencyKey: incoming.idempotencyKey ?? null,
      requestHash: requestHash(incoming.body),
      spec: job.spec,
      routing: encodeRouting(job.requirements, job.policy),
      warnings: job.warnings,
      maxAttempts: this.config.jobs.maxAttempts,
      deadlineAt: new Date(Date.now() + this.config.jobs.deadlineMs),
      hold: budget ? jobHold(budget) : null,
    };
    const { job: row, created } = await this.createHolding(newJob, budget);
    if (!created) return this.replay(row, incoming);
    return { status: 202, job: jobView(row, []) }; // a job this request created has no attempts yet
  }

  /** The job an Idempotency-Key already created: 200 for the same request, 409 for a different one. */
  private async replay(row: JobRow, incoming: IncomingJob): Promise<{ status: 200; job: ReturnType<typeof jobView> }> {
    if (row.request_hash !== requestHash(incoming.body)) {
      throw new ProblemException(
        409,
        'idempotency-conflict',
        'Idempotency key reused',
        `Idempotency-Key ${incoming.idempotencyKey} was already used with a different request (job ${row.id}).`,
        { jobId: row.id },
      );
    }
    return { status: 200, job: jobView(row, await this.jobs.attempts(row.id)) };
  }

  /**
   * Stores the job with its hold. A refusal is explained by the budget rule's verdict for this job alone, on the
   * numbers as they are then (402/422); should jobs have ended meanwhile, so that it now fits, it tries again.
   */
  private async createHolding(newJob: NewJob, budget: JobBudgetRequest | undefined): Promise<{ job: JobRow; created: boolean }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.intake.add(newJob.accountId, newJob);
      } catch (err) {
        if (!(err instanceof HoldRefused) || !budget) throw err;
        await this.holds.checkJobBudget(newJob.accountId, budget);
        if (attempt === 3)
          throw new ProblemException(503, 'budget-contention', 'Budget busy', "The account's holds kept changing while this job was checked; retry.", {
            retryAfterSeconds: 1,
          });
      }
    }
  }

  /** What the job is priced at: the best candidate now, or undefined while the pool is still empty (nothing to price against yet). */
  private priceOf(job: UnderstoodJob): JobBudgetRequest | undefined {
    // When every capable network is momentarily unhealthy or blocked, the cheapest offer that could ever run
    // it, so a budget is never skipped.
    const best = this.quotes.decide(job, { limit: 1 }).candidates[0] ?? this.quotes.decide(job, { limit: 1, ignoreHealth: true }).candidates[0];
    return best && { usdPerHour: best.effectiveUsdPerHour, estimatedTotalUsd: best.estimatedTotalUsd };
  }

  async get(id: string, accountId: string) {
    const job = await this.findOwned(id, accountId);
    const endpoints = job.state === 'running' ? await this.jobs.runningEndpoints(job.id) : [];
    return jobView(job, await this.jobs.attempts(job.id), new Date(), endpoints);
  }

  async list(accountId: string, q: { state?: string; limit: number; cursor?: string }) {
    const before = q.cursor ? decodeJobCursor(q.cursor) : undefined;
    const rows = await this.jobs.list(accountId, { state: q.state, limit: q.limit + 1, before });
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const attempts = await this.jobs.attemptsOfJobs(page.map((r) => r.id));
    const now = new Date();
    return {
      items: page.map((r) => jobView(r, attempts.get(r.id), now)),
      nextCursor:
        rows.length > q.limit && last ? Buffer.from(JSON.stringify({ c: new Date(last.created_at).toISOString(), i: last.id })).toString('base64url') : null,
    };
  }

  async cancel(id: string, accountId: string) {
    const job = await this.findOwned(id, accountId);
    if (TERMINAL_JOB_STATES.has(job.state)) return jobView(job, await this.jobs.attempts(job.id));
    const updated = await this.jobs.requestCancel(id, accountId);
    return jobView(updated ?? job, await this.jobs.attempts(job.id));
  }

  async logs(id: string, accountId: string) {
    const job = await this.findOwned(id, accountId);
    const attempt = job.current_attempt_id ? await this.jobs.attempt(job.current_attempt_id) : undefined;
    if (!attempt?.placement) return { jobId: id, lines: [], note: 'the job has not been placed yet' };
    const handle = this.registry.get(attempt.network);
    if (!handle?.adapter.logs) return { jobId: id, network: attempt.network, lines: [], note: `${attempt.network} does not provide logs` };
    const lines = await handle.adapter.logs(attempt.placement as never, { signal: AbortSignal.timeout(15_000) });
    return { jobId: id, network: attempt.network, attempt: attempt.n, lines };
  }

  async events(id: string, accountId: string, afterId = '0') {
    const job = await this.findOwned(id, accountId);
    const events = await this.jobs.events(job.id, afterId);
    return { job, events: events.map(eventView) };
  }

  private async findOwned(id: string, accountId: string) {
    if (!isUuid(id)) throw notFoundProblem('Job', id);
    const job = await this.jobs.find(id, accountId);
    if (!job) throw notFoundProblem('Job', id);
    return job;
  }
}

function requestHash(body: unknown): string {
  const text = typeof body === 'string' ? body : canonicalJson(body);
  return createHash('sha256').update(text).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What a jobs cursor holds: the last job's creation time and id. Anything else was not issued here. */
const jobCursorSchema = z.object({ c: z.iso.datetime().pipe(isoTime()), i: uuid() }).strict();

function decodeJobCursor(cursor: string): { createdAt: string; id: string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parsed = jobCursorSchema.safeParse(decoded);
  if (!parsed.success) throw validationProblem([{ field: 'query.cursor', reason: 'is not a cursor this API issued' }]);
  return { createdAt: parsed.data.c.toISOString(), id: parsed.data.i };
}
