// The dispatcher's decisions, with the database, the router and the networks replaced by small fakes that keep
// the state a user would see (each job's state, reason, attempts and timeline) and a clock the spec moves.
import { AdapterError, Placement, SubmitRequest } from '../../adapters/sdk';
import type { AppConfig } from '../config/app-config';
import { ManualClock, settle } from '../common/manual-clock.spec-helpers';
import type { MetricsService } from '../health/metrics.service';
import type { NetworkRegistry } from '../plugins/network-registry';
import type { OfferPricer } from '../pool/offer-pricer';
import type { OfferStore } from '../pool/offer-store';
import type { PoolIndexService } from '../pool/pool-index.service';
import type { PoolOffer } from '../pool/pool-offer';
import { TakenCapacity } from '../pool/taken-capacity';
import type { QuoteService } from '../routing/quote.service';
import type { Candidate } from '../routing/routing.types';
import type { BlockListService } from './block-list.service';
import { DispatcherService } from './dispatcher.service';
import type { JobState } from './entities/job.entity';
import type { AttemptRow, JobRepository, JobRow, NewAttempt, SubmittedAttempt } from './job.repository';

type Submit = (req: SubmitRequest) => Promise<Placement>;

/** Jobs, attempts and timelines in memory, with the transitions JobRepository makes. */
class FakeJobs {
  readonly jobs = new Map<string, JobRow>();
  readonly attemptRows = new Map<string, AttemptRow>();
  readonly timeline = new Map<string, string[]>();
  readonly claimSizes: number[] = [];

  constructor(private readonly clock: ManualClock) {}

  add(id: string, network: string, over: Partial<JobRow> = {}): JobRow {
    const now = new Date(this.clock.now());
    const job: JobRow = {
      id,
      account_id: 'acct',
      idempotency_key: null,
      request_hash: 'h',
      spec: { name: id, image: 'img', resources: { gpu: { count: 1 } }, want: network },
      routing: { requirements: { gpuCount: 1, gpuModels: ['h100'] }, policy: 'cheapest' },
      warnings: [],
      state: 'pending',
      state_reason: null,
      attempts: 0,
      max_attempts: 3,
      deadline_at: new Date(this.clock.now() + 3_600_000),
      next_run_at: now,
      claimed_until: null,
      current_attempt_id: null,
      cancel_requested: false,
      cost_usd: '0',
      held_usd: '0',
      held_usd_per_hour: '0',
      created_at: now,
      updated_at: now,
      finished_at: null,
      ...over,
    };
    this.jobs.set(id, job);
    return job;
  }

  state(id: string): { state: JobState; reason: string | null; attempts: number } {
    const j = this.jobs.get(id)!;
    return { state: j.state, reason: j.state_reason, attempts: j.attempts };
  }

  lines(id: string): string[] {
    return this.timeline.get(id) ?? [];
  }

  private log(id: string, line: string): void {
    this.timeline.set(id, [...this.lines(id), line]);
  }

  private move(id: string, from: JobState[], to: JobState, reason: string): boolean {
    const j = this.jobs.get(id)!;
    if (!from.includes(j.state)) return false;
    j.state = to;
    j.state_reason = reason;
    this.log(id, `${to}: ${reason}`);
    return true;
  }

  readonly repo: Partial<Record<keyof JobRepository, unknown>> = {
    claimForDispatch: async (limit: number) => {
      const due = [...this.jobs.values()].filter((j) => j.state === 'pending' && j.next_run_at.getTime() <= this.clock.now()).slice(0, limit);
      this.claimSizes.push(limit);
      for (const j of due) this.move(j.id, ['pending'], 'routing', 'claimed for routing');
      return due.map((j) => ({ ...j }));
    },
    renewClaims: async (held: Array<{ jobId: string }>) => new Set(held.map((h) => h.jobId)),
    endedAttempts: async () => [],
    attempt: async (id: string) => this.attemptRows.get(id),
    attempts: async (jobId: string) => [...this.attemptRows.values()].filter((a) => a.job_id === jobId),
    note: async (jobId: string, reason: string) => this.log(jobId, reason),
    finishWithoutAttempt: async (job: JobRow, from: JobState[], to: JobState, reason: string, retryAt?: Date) => {
      if (retryAt) this.jobs.get(job.id)!.next_run_at = retryAt;
      return this.move(job.id, from, to, reason);
    },
    waitForCapacityMany: async (items: Array<{ job: JobRow; reason: string; retryAt: Date }>) => {
      const moved = new Set<string>();
      for (const { job, reason, retryAt } of items) {
        if (!this.move(job.id, ['routing'], 'pending', reason)) continue;
        this.jobs.get(job.id)!.next_run_at = retryAt;
        moved.add(job.id);
      }
      return moved;
    },
    createAttempts: async (items: Array<{ job: JobRow; attempt: NewAttempt }>) =>
      items.map(({ job, attempt: a }) => {
        const row: AttemptRow = {
          id: a.id,
          job_id: job.id,
          n: job.attempts + 1,
          network: a.network,
          offer_id: a.offerId,
          provider_id: a.providerId,
          region: a.region,
          gpu_model: a.gpuModel,
          decision: a.decision as Record<string, unknown>,
          offer_snapshot: a.offerSnapshot as Record<string, unknown>,
          placement: null,
          state: 'submitting',
          quoted_usd_per_hour: a.quotedUsdPerHour,
          usd_per_hour: a.quotedUsdPerHour,
          native_price: null,
          submitted_at: new Date(this.clock.now()),
          started_at: null,
          finished_at: null,
          reached_running: false,
          status_seen_at: null,
          outcome: null,
          error: null,
          cost_usd: '0',
        };
        this.attemptRows.set(row.id, row);
        const j = this.jobs.get(job.id)!;
        j.attempts++;
        j.current_attempt_id = row.id;
        this.log(job.id, `attempt ${row.n}: routed to ${a.network}/${a.providerId}`);
        return row;
      }),
    markSubmittedMany: async (items: SubmittedAttempt[]) => {
      const moved = new Set<string>();
      for (const { job, attempt, placement } of items) {
        Object.assign(this.attemptRows.get(attempt.id)!, { state: 'submitted', placement });
        if (this.move(job.id, ['routing'], 'submitted', `submitted to ${attempt.network} (attempt ${attempt.n})`)) moved.add(job.id);
      }
      return moved;
    },
    endAttempt: async (
      job: JobRow,
      attempt: AttemptRow,
      outcome: { attemptState: string; error?: unknown },
      next: { jobState: JobState; reason: string; from: JobState[] },
    ) => {
      Object.assign(this.attemptRows.get(attempt.id)!, {
        state: outcome.attemptState,
        outcome: outcome.attemptState,
        error: outcome.error,
        finished_at: new Date(this.clock.now()),
      });
      return this.move(job.id, next.from, next.jobState, next.reason);
    },
  };
}

/** One offer per (network, provider); the router ranks them cheapest first, skipping blocked and avoided ones. */
function candidate(network: string, providerId: string, usd: string): Candidate {
  return {
    rank: 0,
    network,
    offerId: `${network}-${providerId}`,
    providerId,
    region: null,
    gpuModel: 'h100',
    gpuCount: 1,
    fixedCount: false,
    usdPerGpuHour: usd,
    effectiveUsdPerHour: usd,
    estimatedTotalUsd: null,
    priceKind: 'firm',
    stale: false,
    score: 1,
    expectedStartMinutes: null,
    startSamples: 0,
    placementSuccessRate: null,
    successSamples: 0,
    expectedUsdPerHour: usd,
    why: 'cheapest',
  };
}

function setup(opts: {
  concurrency?: number;
  batch?: number;
  offers: Candidate[];
  byJob?: (spec: Record<string, unknown>) => string | undefined;
  /** GPUs per offer id, as the pool observed them before the round (default: unlimited). */
  gpus?: Record<string, number>;
}) {
  const clock = new ManualClock();
  const taken = new TakenCapacity();
  const observedAt = new Date(clock.now() - 60_000).toISOString();
  /** As the router does: an offer with fewer GPUs left than the job asks for is dropped. */
  const hasRoom = (c: Candidate) => opts.gpus?.[c.offerId] === undefined || opts.gpus[c.offerId]! - taken.takenFrom({ ...c, observedAt }) >= 1;
  const fake = new FakeJobs(clock);
  const submits = new Map<string, Submit>();
  const calls: Array<{ network: string; key: string; firstSubmit?: boolean; job: string }> = [];
  const blocked: string[] = [];
  const decideCalls: Array<{ avoid: string[] }> = [];
  const config = {
    role: 'worker',
    workers: { dispatch: true, sync: false },
    jobs: {
      dispatchIntervalMs: 250,
      dispatchBatch: opts.batch ?? 100,
      dispatchConcurrency: opts.concurrency ?? 10,
      claimTtlMs: 30_000,
      reconcileIntervalMs: 5_000,
    },
  } as unknown as AppConfig;
  const quotes = {
    decide: (routing: unknown, o: { avoidProviders: Set<string>; blocks: Array<{ network: string; key: string }> }) => {
      decideCalls.push({ avoid: [...o.avoidProviders] });
      const open = opts.offers.filter(
        (c) => !o.avoidProviders.has(`${c.network}/${c.providerId}`) && !blocked.includes(`${c.network}/${c.offerId}`) && hasRoom(c),
      );
      return { candidates: open, explanation: open.length ? `cheapest: ${open[0]!.network}` : 'no offer matches 1× h100', dropped: { price: 2 } };
    },
  } as unknown as QuoteService;
  const blocks = {
    active: async () => [],
    blockFor: async (error: AdapterError, where: { network: string; offerId: string }) => {
      blocked.push(`${where.network}/${where.offerId}`);
      return { scope: error.scope, network: where.network, key: where.offerId, until: clock.now() + 60_000, reason: error.message };
    },
  } as unknown as BlockListService;
  const registry = {
    get: (network: string) => ({
      adapter: {
        submit: (req: SubmitRequest) => {
          calls.push({ network, key: req.idempotencyKey, firstSubmit: req.firstSubmit, job: String((req.job as { name: string }).name) });
          return (submits.get(network) ?? (async () => ({ network, placementId: `p-${req.idempotencyKey}`, offerId: req.offer.offerId })))(req);
        },
      },
    }),
  } as unknown as NetworkRegistry;
  const pool = {
    index: {
      get: (network: string, offerId: string) =>
        ({ network, offerId, providerId: offerId.split('-')[1], gpuLabel: 'H100', gpuVramGb: 80, gpuCount: 1, nativePrice: {} }) as unknown as PoolOffer,
    },
  } as unknown as PoolIndexService;
  const store = { rawRecords: async () => new Map() } as unknown as OfferStore;
  const pricer = { forSync: async () => () => ({ ok: false }) } as unknown as OfferPricer;
  const metrics = { dispatchLatency: { observe: () => undefined } } as unknown as MetricsService;
  const dispatcher = new DispatcherService(config, fake.repo as unknown as JobRepository, quotes, blocks, registry, pool, store, pricer, taken, metrics, clock);
  return { clock, fake, submits, calls, blocked, decideCalls, dispatcher, taken };
}

/** A submit that waits until the spec lets it answer. */
function held(): { submit: Submit; release: () => void; waiting: number } {
  const gates: Array<() => void> = [];
  const h = {
    submit: (req: SubmitRequest) =>
      new Promise<Placement>((resolve) =>
        gates.push(() => resolve({ network: req.offer.network, placementId: `p-${req.idempotencyKey}`, offerId: req.offer.offerId } as Placement)),
      ),
    release: () => gates.splice(0).forEach((g) => g()),
    get waiting() {
      return gates.length;
    },
  };
  return h;
}

describe('DispatcherService', () => {
  it('routes a pending job, records its attempt before calling the network, and submits under the attempt id', async () => {
    const t = setup({ offers: [candidate('render', 'r1', '2.00'), candidate('filecoin', 'f1', '2.50')] });
    t.fake.add('j1', 'render');
    await expect(t.dispatcher.tick()).resolves.toBe(1);
    await settle();
    expect(t.fake.state('j1')).toEqual({ state: 'submitted', reason: 'submitted to render (attempt 1)', attempts: 1 });
    const attempt = [...t.fake.attemptRows.values()][0]!;
    expect(t.calls).toEqual([{ network: 'render', key: attempt.id, firstSubmit: true, job: 'j1' }]);
    expect(t.fake.lines('j1')).toEqual(['routing: claimed for routing', 'attempt 1: routed to render/r1', 'submitted: submitted to render (attempt 1)']);
    await t.dispatcher.beforeApplicationShutdown();
  });

  it('claims no more jobs at once than it may route (DISPATCH_CONCURRENCY), and the rest on later rounds', async () => {
    const t = setup({ concurrency: 2, batch: 10, offers: [candidate('render', 'r1', '2.00')] });
    const render = held();
    t.submits.set('render', render.submit);
    for (let i = 0; i < 5; i++) t.fake.add(`j${i}`, 'render');
    await expect(t.dispatcher.tick()).resolves.toBe(2);
    await settle();
    // Both reached render (two places there): the next round may route two more, which wait for a place.
    expect(render.waiting).toBe(2);
    await expect(t.dispatcher.tick()).resolves.toBe(2);
    await settle();
    expect(render.waiting).toBe(2);
    expect(t.fake.lines('j2')).toContain("waiting for a place at render: this worker's submits there are at their limit, 0 queued ahead");
    render.release();
    await settle();
    render.release();
    await settle();
    expect(['j0', 'j1', 'j2', 'j3'].map((id) => t.fake.state(id).state)).toEqual(['submitted', 'submitted', 'submitted', 'submitted']);
    expect(t.fake.lines('j2').some((l) => /^got a place at render after/.test(l))).toBe(true);
    expect(t.fake.state('j4').state).toBe('pending');
    expect(Math.max(...t.fake.claimSizes)).toBeLessThanOrEqual(2);
    await t.dispatcher.tick();
    await settle();
    render.release();
    await t.dispatcher.beforeApplicationShutdown();
    expect(t.fake.state('j4').state).toBe('submitted');
  });

  it('a network whose places are all taken holds back only its own jobs', async () => {
    const offers = [candidate('akash', 'a1', '1.00'), candidate('render', 'r1', '2.00')];
    const t = setup({ concurrency: 1, batch: 10, offers });
    const akash = held();
    t.submits.set('akash', akash.submit);
    t.fake.add('slow-1', 'akash');
    await t.dispatcher.tick();
    await settle();
    expect(akash.waiting).toBe(1);
    // Akash's one place is taken: a job the router sends elsewhere is placed at once.
    offers.shift();
    t.fake.add('fast', 'render');
    await t.dispatcher.tick();
    await settle();
    expect(t.fake.state('fast').state).toBe('submitted');
    expect(t.fake.state('slow-1').state).toBe('routing');
    akash.release();
    await t.dispatcher.beforeApplicationShutdown();
    expect(t.fake.state('slow-1').state).toBe('submitted');
  });

  it('a submit that waits for its turn at the network gives its place back, and the wait is in the timeline', async () => {
    const t = setup({ concurrency: 1, batch: 10, offers: [candidate('akash', 'a1', '1.00')] });
    let turn!: () => void;
    t.submits.set('akash', async (req) => {
      if (req.idempotencyKey === t.fake.jobs.get('first')!.current_attempt_id) {
        req.onWaiting?.(true);
        await new Promise<void>((r) => (turn = r));
        req.onWaiting?.(false);
      }
      return { network: 'akash', placementId: `p-${req.idempotencyKey}`, offerId: req.offer.offerId } as Placement;
    });
    t.fake.add('first', 'akash');
    await t.dispatcher.tick();
    await settle();
    t.fake.add('second', 'akash');
    await t.dispatcher.tick();
    await settle();
    // The one place at Akash went to the second job while the first waited for its turn.
    expect(t.fake.state('second').state).toBe('submitted');
    expect(t.fake.state('first').state).toBe('routing');
    expect(t.fake.lines('first')).toContain('waiting for its turn at akash: our orders there go one at a time per GPU');
    await t.clock.advance(42_000);
    turn();
    await t.dispatcher.beforeApplicationShutdown();
    expect(t.fake.state('first').state).toBe('submitted');
    expect(t.fake.lines('first')).toContain('its turn at akash came after 42.0 s');
  });

  it('fails over: a refused submit blocks the offer and the job goes back to pending; the next round places it on the next candidate', async () => {
    const t = setup({ offers: [candidate('render', 'r1', '1.00'), candidate('filecoin', 'f1', '1.50')] });
    t.submits.set('render', async () => {
      throw new AdapterError('no_capacity', 'the provider has no free GPU', { scope: 'offer' });
    });
    t.fake.add('j1', 'render');
    await t.dispatcher.tick();
    await settle();
    expect(t.fake.state('j1')).toEqual({ state: 'pending', reason: 'attempt 1 on render failed (no_capacity, offer blocked): failing over', attempts: 1 });
    expect(t.blocked).toEqual(['render/render-r1']);
    await t.dispatcher.tick();
    await settle();
    expect(t.fake.state('j1')).toEqual({ state: 'submitted', reason: 'submitted to filecoin (attempt 2)', attempts: 2 });
    // The second routing was told to avoid the provider that failed.
    expect(t.decideCalls.at(-1)!.avoid).toEqual(['render/r1']);
    await t.dispatcher.beforeApplicationShutdown();
  });

  it('a refusal that says the job itself is wrong fails the job instead of failing over', async () => {
    const t = setup({ offers: [candidate('render', 'r1', '1.00'), candidate('filecoin', 'f1', '1.50')] });
    t.submits.set('render', async () => {
      throw new AdapterError('bad_request', 'image name is invalid');
    });
    t.fake.add('j1', 'render');
    await t.dispatcher.tick();
    await settle();
    expect(t.fake.state('j1')).toEqual({
      state: 'failed',
      reason: 'attempt 1 on render failed: bad_request: image name is invalid (the job itself was refused)',
      attempts: 1,
    });
    expect(t.blocked).toEqual([]);
    await t.dispatcher.beforeApplicationShutdown();
  });

  it('a submit that may have reached the network is asked again under the same key before failing over', async () => {
    const t = setup({ offers: [candidate('render', 'r1', '1.00')] });
    let n = 0;
    t.submits.set('render', async (req) => {
      if (n++ === 0) throw new AdapterError('timeout', 'no answer in 30 s');
      return { network: 'render', placementId: 'p1', offerId: req.offer.offerId } as Placement;
    });
    t.fake.add('j1', 'render');
    await t.dispatcher.tick();
    await settle();
    expect(t.calls.map((c) => [c.key, c.firstSubmit])).toEqual([
      [t.calls[0]!.key, true],
      [t.calls[0]!.key, false],
    ]);
    expect(t.fake.state('j1').state).toBe('submitted');
    await t.dispatcher.beforeApplicationShutdown();
  });

  it('routes no more jobs to an offer than it has GPUs left, though they are routed at the same time', async () => {
    // Two GPUs on render, two on filecoin, five jobs in one round: every job is routed before the first attempt
    // row is written, and each must see the GPUs the jobs before it took (else all five go to render, three of
    // them to be refused there).
    const t = setup({ offers: [candidate('render', 'r1', '1.00'), candidate('filecoin', 'f1', '2.00')], gpus: { 'render-r1': 2, 'filecoin-f1': 2 } });
    for (let i = 0; i < 5; i++) t.fake.add(`j${i}`, 'render');
    await expect(t.dispatcher.tick()).resolves.toBe(5);
    await settle();
    const placedOn = (network: string) => [...t.fake.attemptRows.values()].filter((a) => a.network === network).length;
    expect([placedOn('render'), placedOn('filecoin')]).toEqual([2, 2]);
    expect(t.calls.map((c) => c.network).sort()).toEqual(['filecoin', 'filecoin', 'render', 'render']);
    const waiting = ['j0', 'j1', 'j2', 'j3', 'j4'].filter((id) => t.fake.state(id).state === 'pending');
    expect(waiting).toHaveLength(1);
    expect(t.fake.state(waiting[0]!).reason).toMatch(/^no capacity now/);
    await t.dispatcher.beforeApplicationShutdown();
  });

  it('gives back the GPUs of an offer whose attempt could not be recorded', async () => {
    const t = setup({ offers: [candidate('render', 'r1', '1.00')], gpus: { 'render-r1': 1 } });
    const createAttempts = t.fake.repo.createAttempts as (items: unknown[]) => Promise<AttemptRow[]>;
    let failNext = true;
    t.fake.repo.createAttempts = async (items: unknown[]) => {
      if (failNext) {
        failNext = false;
        throw new Error('connection reset');
      }
      return createAttempts(items);
    };
    t.fake.add('j1', 'render');
    await t.dispatcher.tick();
    await settle();
    expect(t.fake.state('j1').state).toBe('routing');
    expect(t.taken.size).toBe(0);
    // Its claim expires and it is claimed again (as the claim keeper's recovery does): the GPU is there for it.
    t.fake.jobs.get('j1')!.state = 'pending';
    await t.dispatcher.tick();
    await settle();
    expect(t.fake.state('j1')).toEqual({ state: 'submitted', reason: 'submitted to render (attempt 1)', attempts: 1 });
    await t.dispatcher.beforeApplicationShutdown();
  });

  it('with no candidate, the job waits (pending, retried 5 s later) and says why', async () => {
    const t = setup({ offers: [] });
    t.fake.add('j1', 'render');
    await t.dispatcher.tick();
    await settle();
    expect(t.fake.state('j1')).toEqual({ state: 'pending', reason: 'no capacity now: no offer matches 1× h100', attempts: 0 });
    expect(t.fake.jobs.get('j1')!.next_run_at.getTime()).toBe(t.clock.now() + 5_000);
    await expect(t.dispatcher.tick()).resolves.toBe(0);
    await t.dispatcher.beforeApplicationShutdown();
  });

  it('fails a job whose deadline passed while it waited, and one out of attempts, each with the reason', async () => {
    const t = setup({ offers: [candidate('render', 'r1', '1.00')] });
    t.fake.add('late', 'render', { deadline_at: new Date(t.clock.now() + 60_000) });
    t.fake.add('tried', 'render', { attempts: 3, max_attempts: 3 });
    await t.clock.advance(60_001);
    await t.dispatcher.tick();
    await settle();
    expect(t.fake.state('late')).toEqual({ state: 'failed', reason: 'deadline passed before the job could be placed', attempts: 0 });
    expect(t.fake.state('tried')).toEqual({ state: 'failed', reason: 'gave up after 3 attempts', attempts: 3 });
    expect(t.calls).toEqual([]);
    await t.dispatcher.beforeApplicationShutdown();
  });

  it('resubmits an attempt a dead worker left mid-submit under the same key, without routing it again', async () => {
    const t = setup({ offers: [candidate('filecoin', 'f1', '1.00')] });
    const job = t.fake.add('j1', 'render', { attempts: 1, current_attempt_id: 'att-left' });
    t.fake.attemptRows.set('att-left', {
      id: 'att-left',
      job_id: job.id,
      n: 1,
      network: 'render',
      offer_id: 'render-r1',
      provider_id: 'r1',
      region: null,
      gpu_model: 'h100',
      decision: { candidates: [] },
      offer_snapshot: { network: 'render', offerId: 'render-r1' },
      placement: null,
      state: 'submitting',
      quoted_usd_per_hour: '1.00',
      usd_per_hour: '1.00',
      native_price: null,
      submitted_at: new Date(t.clock.now()),
      started_at: null,
      finished_at: null,
      reached_running: false,
      status_seen_at: null,
      outcome: null,
      error: null,
      cost_usd: '0',
    });
    await t.dispatcher.tick();
    await settle();
    expect(t.calls).toEqual([{ network: 'render', key: 'att-left', firstSubmit: false, job: 'j1' }]);
    expect(t.decideCalls).toEqual([]);
    expect(t.fake.state('j1')).toEqual({ state: 'submitted', reason: 'submitted to render (attempt 1)', attempts: 1 });
    await t.dispatcher.beforeApplicationShutdown();
  });

  it('places nothing for a job cancelled while it waited', async () => {
    const t = setup({ offers: [candidate('render', 'r1', '1.00')] });
    t.fake.add('j1', 'render', { cancel_requested: true });
    await t.dispatcher.tick();
    await settle();
    expect(t.fake.state('j1')).toEqual({ state: 'cancelled', reason: 'cancelled before it was placed', attempts: 0 });
    expect(t.calls).toEqual([]);
    await t.dispatcher.beforeApplicationShutdown();
  });

  it('claims nothing once shut down', async () => {
    const t = setup({ offers: [candidate('render', 'r1', '1.00')] });
    t.fake.add('j1', 'render');
    await t.dispatcher.beforeApplicationShutdown();
    await expect(t.dispatcher.tick()).resolves.toBe(0);
    expect(t.fake.state('j1').state).toBe('pending');
  });
});
