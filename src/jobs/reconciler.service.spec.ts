// The reconciler's decisions, round by round, with fake attempt records, a fake network, fake billing and a clock
// the test moves: no database, no timers. What a round decides shows in what it asks the records to do (end an
// attempt, and how the job goes on), what it asks the network (close the placement) and what it asks billing.
import { AdapterError, type PlacementStatus } from '../../adapters/sdk';
import type { AccrualOutcome, SettlementService } from '../billing/settlement.service';
import type { Clock } from '../common/clock';
import type { AppConfig } from '../config/app-config';
import type { NetworkRegistry } from '../plugins/network-registry';
import type { TakenCapacity } from '../pool/taken-capacity';
import type { BlockListService } from './block-list.service';
import type { AttemptRow, JobRepository, JobRow } from './job.repository';
import { ReconcilerService } from './reconciler.service';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const HOUR = 3_600_000;

type EndCall = Parameters<JobRepository['endAttempt']>;

function jobRow(over: Partial<JobRow> = {}): JobRow {
  return {
    id: 'job-1',
    account_id: 'acct-1',
    idempotency_key: null,
    request_hash: 'h',
    spec: {},
    routing: {},
    warnings: [],
    state: 'running',
    state_reason: null,
    attempts: 1,
    max_attempts: 3,
    deadline_at: new Date(T0 + 24 * HOUR),
    next_run_at: new Date(T0),
    claimed_until: null,
    current_attempt_id: 'att-1',
    cancel_requested: false,
    cost_usd: '0',
    held_usd: '0',
    held_usd_per_hour: '0',
    created_at: new Date(T0 - HOUR),
    updated_at: new Date(T0 - HOUR),
    finished_at: null,
    ...over,
  };
}

function attemptRow(over: Partial<AttemptRow> = {}): AttemptRow {
  return {
    id: 'att-1',
    job_id: 'job-1',
    n: 1,
    network: 'akash',
    offer_id: 'offer-1',
    provider_id: 'prov-1',
    region: null,
    gpu_model: 'nvidia-h100',
    decision: {},
    offer_snapshot: {},
    placement: { id: 'dseq-1' },
    state: 'running',
    quoted_usd_per_hour: '2',
    usd_per_hour: '2',
    native_price: null,
    submitted_at: new Date(T0 - 2 * HOUR),
    started_at: new Date(T0 - HOUR / 2),
    finished_at: null,
    reached_running: true,
    status_seen_at: new Date(T0 - 1_000),
    outcome: null,
    error: null,
    cost_usd: '0',
    ...over,
  };
}

/** A reconciler following one job whose current attempt is `attempt`, and the fakes around it. */
function world(opts: { job?: Partial<JobRow>; attempt?: Partial<AttemptRow>; status?: PlacementStatus | Error; accrual?: AccrualOutcome } = {}) {
  let now = T0;
  const clock: Clock = { now: () => now };
  const job = jobRow(opts.job);
  const attempt = attemptRow(opts.attempt);
  const ended: EndCall[] = [];
  const em = { marker: 'the transaction that ends the attempt' };
  const jobs = {
    claimCancellations: jest.fn(async (): Promise<JobRow[]> => []),
    claimForReconcile: jest.fn(async () => [job]),
    attempt: jest.fn(async () => attempt),
    markStatusSeen: jest.fn(async () => undefined),
    noteOnce: jest.fn(async () => undefined),
    markRunning: jest.fn(async () => true),
    finishWithoutAttempt: jest.fn(async () => true),
    endAttempt: jest.fn(async (...args: EndCall) => {
      ended.push(args);
      await args[4]?.(em as never);
      return true;
    }),
  };
  const adapter = {
    status: jest.fn(async () => {
      if (opts.status instanceof Error) throw opts.status;
      return opts.status ?? { state: 'running' };
    }),
    cancel: jest.fn(async () => undefined),
  };
  const registry = { get: jest.fn((network: string) => (network === 'akash' ? { id: 'akash', adapter } : undefined)) };
  const blocks = { blockFor: jest.fn(async () => undefined) };
  const billing = {
    accrueWhileRunning: jest.fn(async (): Promise<AccrualOutcome> => opts.accrual ?? { exhausted: false }),
    chargeAtEnd: jest.fn(async () => undefined),
    ended: jest.fn(),
    chargedThrough: jest.fn(async (): Promise<Date | undefined> => undefined),
    settleEndedAttempts: jest.fn(async () => 0),
  };
  const taken = { release: jest.fn() };
  const config = {
    role: 'worker',
    workers: { sync: false, dispatch: true },
    jobs: { reconcileIntervalMs: 1_000, statusLostAfterMs: 10 * 60_000, usageAccrualMs: 60_000 },
  } as unknown as AppConfig;
  const reconciler = new ReconcilerService(
    config,
    jobs as unknown as JobRepository,
    registry as unknown as NetworkRegistry,
    blocks as unknown as BlockListService,
    billing as unknown as SettlementService,
    taken as unknown as TakenCapacity,
    clock,
  );
  return {
    reconciler,
    job,
    attempt,
    jobs,
    adapter,
    blocks,
    billing,
    taken,
    em,
    ended,
    /** The one attempt the round ended: how it ended, and where its job went. */
    end: () => {
      expect(ended).toHaveLength(1);
      const [, endedAttempt, outcome, next] = ended[0]!;
      return { attempt: endedAttempt, outcome, next };
    },
    at: (ms: number) => {
      now = ms;
    },
  };
}

describe('the reconciler', () => {
  it('fails over a failed placement while attempts remain: the scope is blocked, the placement closed, the job routed again', async () => {
    const w = world({
      status: {
        state: 'failed',
        message: 'provider went away',
        error: new AdapterError('unavailable', 'provider went away', { scope: 'provider', retryable: true }).toJSON(),
      },
    });
    await w.reconciler.tick();
    const { outcome, next } = w.end();
    expect(outcome).toMatchObject({ attemptState: 'failed', finishedAt: new Date(T0), costUsd: '1' });
    expect(next).toMatchObject({ jobState: 'pending', from: ['submitted', 'running'] });
    expect(next.reason).toContain('failing over');
    expect(w.blocks.blockFor).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'unavailable' }),
      expect.objectContaining({ network: 'akash', providerId: 'prov-1' }),
    );
    expect(w.adapter.cancel).toHaveBeenCalledTimes(1);
    expect(w.taken.release).toHaveBeenCalledWith('att-1');
  });

  it('gives up when the attempts run out', async () => {
    const w = world({ job: { attempts: 3, max_attempts: 3 }, status: { state: 'failed', message: 'out of memory' } });
    await w.reconciler.tick();
    const { next } = w.end();
    expect(next.jobState).toBe('failed');
    expect(next.reason).toContain('no attempts or time left');
  });

  it('does not run elsewhere a job that exited non-zero on its own, nor block where it ran', async () => {
    const w = world({ status: { state: 'failed', exitCode: 3 } });
    await w.reconciler.tick();
    const { next } = w.end();
    expect(next.jobState).toBe('failed');
    expect(next.reason).toContain('exited with code 3');
    expect(w.blocks.blockFor).not.toHaveBeenCalled();
  });

  it('completes a job after its requested duration: the placement is closed and it is charged for exactly that long', async () => {
    const w = world({ job: { spec: { durationHours: 1 } }, attempt: { started_at: new Date(T0 - HOUR) } });
    await w.reconciler.tick();
    const { outcome, next } = w.end();
    expect(w.adapter.cancel).toHaveBeenCalledTimes(1);
    expect(outcome).toMatchObject({ attemptState: 'succeeded', costUsd: '2', finishedAt: new Date(T0) });
    expect(next.jobState).toBe('succeeded');
    expect(w.billing.chargeAtEnd).toHaveBeenCalledWith(w.em, w.job, expect.objectContaining({ id: 'att-1' }), new Date(T0 - HOUR), new Date(T0));
  });

  it('lets a job run on before its duration is up, charging what it ran through billing', async () => {
    const w = world({ job: { spec: { durationHours: 1 } }, attempt: { started_at: new Date(T0 - HOUR + 60_000) } });
    await w.reconciler.tick();
    expect(w.ended).toHaveLength(0);
    expect(w.adapter.cancel).not.toHaveBeenCalled();
    expect(w.billing.accrueWhileRunning).toHaveBeenCalledWith(w.job, w.attempt, new Date(T0 - HOUR + 60_000), new Date(T0));
  });

  it('stops a running job when billing says the account ran out, closing the placement', async () => {
    const w = world({ accrual: { exhausted: true, balanceUsd: '-0.25' } });
    await w.reconciler.tick();
    const { outcome, next } = w.end();
    expect(w.adapter.cancel).toHaveBeenCalledTimes(1);
    expect(outcome).toMatchObject({ attemptState: 'cancelled', costUsd: '1', finishedAt: new Date(T0) });
    expect(next).toMatchObject({ jobState: 'failed' });
    expect(next.reason).toContain("the account's balance ran out (-0.25 USD)");
    expect(w.billing.ended).toHaveBeenCalledWith('att-1');
  });

  it('marks a job running when its placement first reports running', async () => {
    const started = new Date(T0 - 5_000);
    const w = world({
      job: { state: 'submitted' },
      attempt: { started_at: null },
      status: { state: 'running', startedAt: started.toISOString(), endpoints: ['https://x.example'] },
    });
    await w.reconciler.tick();
    expect(w.jobs.markRunning).toHaveBeenCalledWith(w.job, w.attempt, started, ['https://x.example']);
    expect(w.ended).toHaveLength(0);
  });

  it('charges a succeeded attempt at its reported end, in the transaction that ends it', async () => {
    const finished = new Date(T0 - 60_000);
    const w = world({ status: { state: 'succeeded', finishedAt: finished.toISOString(), exitCode: 0 } });
    await w.reconciler.tick();
    const { outcome, next } = w.end();
    expect(outcome).toMatchObject({ attemptState: 'succeeded', finishedAt: finished });
    expect(next.jobState).toBe('succeeded');
    expect(w.billing.chargeAtEnd).toHaveBeenCalledWith(w.em, w.job, expect.anything(), w.attempt.started_at, finished);
  });

  it('gives up on a placement that has not started by the deadline', async () => {
    const w = world({ job: { state: 'submitted', deadline_at: new Date(T0 - 1) }, attempt: { started_at: null }, status: { state: 'pending' } });
    await w.reconciler.tick();
    const { outcome, next } = w.end();
    expect(w.adapter.cancel).toHaveBeenCalledTimes(1);
    expect(outcome).toMatchObject({ attemptState: 'cancelled', costUsd: '0' });
    expect(next).toMatchObject({ jobState: 'failed', reason: 'deadline passed while waiting for the placement to start' });
  });

  it('keeps waiting on an unreadable status, then takes a placement silent for too long as lost, charged until it was last seen running', async () => {
    const seen = new Date(T0 - 1_000);
    const w = world({
      status: new AdapterError('timeout', 'no answer', { retryable: true }),
      attempt: { status_seen_at: seen, started_at: new Date(T0 - HOUR) },
    });
    await w.reconciler.tick();
    expect(w.ended).toHaveLength(0);
    // Billing charged a period that ended after the last sighting: it ran at least that long.
    const chargedUntil = new Date(T0 + 60_000);
    w.billing.chargedThrough.mockResolvedValue(chargedUntil);
    w.at(T0 + 11 * 60_000);
    await w.reconciler.tick();
    const { outcome, next } = w.end();
    expect(outcome).toMatchObject({ attemptState: 'lost', finishedAt: chargedUntil, costUsd: '2.033333' });
    expect(next.jobState).toBe('pending');
    expect(next.reason).toContain('has not answered its status for 11 min');
  });

  it('has billing settle ended attempts on the first round and then once a minute, reading the attempt records', async () => {
    const w = world();
    w.jobs.claimForReconcile.mockResolvedValue([]);
    await w.reconciler.tick();
    expect(w.billing.settleEndedAttempts).toHaveBeenCalledTimes(1);
    expect(w.billing.settleEndedAttempts).toHaveBeenLastCalledWith(w.jobs, 30_000);
    w.at(T0 + 30_000);
    await w.reconciler.tick();
    expect(w.billing.settleEndedAttempts).toHaveBeenCalledTimes(1);
    w.at(T0 + 60_000);
    await w.reconciler.tick();
    expect(w.billing.settleEndedAttempts).toHaveBeenCalledTimes(2);
  });

  it('cancels a job the user cancelled: closed upstream, charged until now', async () => {
    const w = world({ job: { cancel_requested: true } });
    w.jobs.claimCancellations.mockResolvedValue([w.job]);
    w.jobs.claimForReconcile.mockResolvedValue([]);
    await w.reconciler.tick();
    const { outcome, next } = w.end();
    expect(w.adapter.cancel).toHaveBeenCalledTimes(1);
    expect(outcome).toMatchObject({ attemptState: 'cancelled', costUsd: '1', finishedAt: new Date(T0) });
    expect(next.jobState).toBe('cancelled');
  });
});
