import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import Decimal from 'decimal.js';
import { classifyError, JobSpec, Offer, Placement } from '../../adapters/sdk';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CLOCK, Clock } from '../common/clock';
import { WorkerLoop } from '../coordination/worker-loop';
import { MetricsService } from '../health/metrics.service';
import { NetworkRegistry } from '../plugins/network-registry';
import { OFFER_PRICER, OfferPricer } from '../pool/offer-pricer';
import { OfferStore } from '../pool/offer-store';
import { PoolIndexService } from '../pool/pool-index.service';
import { TakenCapacity } from '../pool/taken-capacity';
import { QuoteService } from '../routing/quote.service';
import type { Candidate, RouteRequirements, RoutingDecision, RoutingPolicy } from '../routing/routing.types';
import { BlockListService } from './block-list.service';
import { ClaimKeeper } from './claim-keeper';
import { DispatchCapacity } from './dispatch-capacity';
import { WaitNotes } from './dispatch-wait-notes';
import { avoidedBy, blocksScope, mayHavePlaced, stopsTheJob } from './failure-policy';
import { decodeRouting, StoredRouting } from './job-routing.codec';
import { GroupCommit } from './group-commit';
import { AttemptRow, CapacityWait, JobRepository, JobRow, NewAttempt, SubmittedAttempt } from './job.repository';
import { offerForSubmit } from './placement-offer';
import { settlementCap } from './settlement-cap';
import { submitSignal } from './submit-signal';
import { submitExclusions } from './submit-exclusions';

const NO_CAPACITY_RETRY_MS = 5_000;
/** Work at the network per submit; a wait for a turn the adapter holds it back for lasts until the job's deadline. */
const SUBMIT_TIMEOUT_MS = 120_000;
/** How often GPUs taken by this replica's attempts are checked for attempts that ended elsewhere. */
const TAKINGS_CHECK_MS = 2_000;
/** Jobs one worker holds claimed in all (waiting ones included), as a multiple of DISPATCH_CONCURRENCY. */
const HELD_PER_CONCURRENCY = 10;

/**
 * Claims pending jobs (SKIP LOCKED), routes each, records the attempt BEFORE calling the network, and submits
 * with the attempt id as the idempotency key: a worker that dies mid-submit leaves an attempt that the next
 * claimer resubmits under the same key, so no network ever receives the job twice.
 */
@Injectable()
export class DispatcherService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('dispatcher');
  private readonly loop: WorkerLoop<number>;
  /** Routing places and places per network: a network that is slow or makes submits wait its turn fills only its own. */
  private readonly capacity: DispatchCapacity;
  private readonly claims: ClaimKeeper;
  // The statements of jobs dispatched at the same time go together, one at a time per network (a group commit):
  // a burst costs a statement per batch, not one per job, and a lone job waits for nothing.
  private readonly rawReads = new GroupCommit<string, unknown>(async (network, offerIds) => {
    const raw = await this.store.rawRecords(network, offerIds);
    return offerIds.map((id) => raw.get(id));
  });
  private readonly attemptWrites = new GroupCommit<{ job: JobRow; attempt: NewAttempt }, AttemptRow>((_network, items) => this.jobs.createAttempts(items));
  private readonly submittedWrites = new GroupCommit<SubmittedAttempt, boolean>(async (_network, items) => {
    const moved = await this.jobs.markSubmittedMany(items, this.config.jobs.reconcileIntervalMs);
    return items.map((i) => moved.has(i.job.id));
  });
  // Jobs that found no capacity go back to pending together: in a burst most of a round's jobs can find the supply
  // taken, and one statement each would queue ahead of the placements for the connections.
  private readonly capacityWaits = new GroupCommit<CapacityWait, boolean>(async (_key, items) => {
    const moved = await this.jobs.waitForCapacityMany(items);
    return items.map((i) => moved.has(i.job.id));
  });
  private takingsCheckedAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobRepository,
    private readonly quotes: QuoteService,
    private readonly blocks: BlockListService,
    private readonly registry: NetworkRegistry,
    private readonly pool: PoolIndexService,
    private readonly store: OfferStore,
    @Inject(OFFER_PRICER) private readonly pricer: OfferPricer,
    private readonly taken: TakenCapacity,
    private readonly metrics: MetricsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.capacity = new DispatchCapacity(config.jobs.dispatchConcurrency, config.jobs.dispatchConcurrency * HELD_PER_CONCURRENCY);
    this.claims = new ClaimKeeper(jobs, config.jobs.claimTtlMs);
    this.loop = new WorkerLoop({
      round: () => this.round(),
      everyMs: () => this.config.jobs.dispatchIntervalMs,
      onError: (err) => this.logger.error(`dispatch round failed: ${(err as Error).message}`),
      clock,
    });
  }

  start(): void {
    if (this.config.role === 'api' || !this.config.workers.dispatch) return;
    this.loop.start();
  }

  /** Stops claiming and waits for the rounds and submits in flight before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    this.claims.stop();
  }

  /**
   * One dispatch round: claims batches while full batches come back and fewer than DISPATCH_CONCURRENCY jobs are
   * being routed, and starts each job without waiting for the others (a slow network must not hold the round).
   * Each submit then waits for a place at its own network (DISPATCH_CONCURRENCY per network), so jobs bound for a
   * network that answers at once never queue behind those waiting at another. Returns how many jobs it claimed.
   */
  async tick(): Promise<number> {
    return (await this.loop.tick()) ?? 0;
  }

  private async round(): Promise<number> {
    let claimedInRound = 0;
    try {
      await this.forgetEndedTakings();
      for (;;) {
        const room = this.capacity.room();
        if (room <= 0 || this.loop.stopped) return claimedInRound;
        const want = Math.min(this.config.jobs.dispatchBatch, room);
        const claimed = await this.jobs.claimForDispatch(want, this.config.jobs.claimTtlMs);
        claimedInRound += claimed.length;
        for (const job of claimed) {
          this.capacity.claimed();
          void this.loop.track(this.dispatch(job).finally(() => this.capacity.done()));
        }
        if (claimed.length < want) return claimedInRound;
      }
    } catch (err) {
      // The jobs claimed so far are on their way: the round reports how many, and the failure.
      if (!this.loop.stopped) this.logger.error(`dispatch round failed: ${(err as Error).message}`);
      return claimedInRound;
    }
  }

  /** GPUs taken by attempts that another replica saw end are the network's again (this one's reconciler says so itself). */
  private async forgetEndedTakings(): Promise<void> {
    if (this.taken.size === 0 || this.clock.now() - this.takingsCheckedAt < TAKINGS_CHECK_MS) return;
    this.takingsCheckedAt = this.clock.now();
    this.taken.forgetStale();
    for (const id of await this.jobs.endedAttempts(this.taken.attemptIds())) this.taken.release(id);
  }

  private async dispatch(job: JobRow): Promise<void> {
    this.claims.hold(job.id, null);
    let routing = true;
    const routed = () => {
      if (routing) this.capacity.routed();
      routing = false;
    };
    try {
      const current = job.current_attempt_id ? await this.jobs.attempt(job.current_attempt_id) : undefined;
      // A previous worker recorded this attempt and may or may not have reached the network: resubmit under the
      // same idempotency key, which returns the existing placement if there is one (the reconciler then cancels
      // it when a cancel was asked for meanwhile).
      const routing = decodeRouting(job.routing as unknown as StoredRouting);
      if (current?.state === 'submitting')
        return await this.submit(job, routing.requirements.gpuCount, current, current.offer_snapshot as unknown as Offer, false, routed);
      // Cancelled while waiting to be placed, for the first time or again after a failover: place nothing more.
      if (job.cancel_requested) {
        await this.jobs.finishWithoutAttempt(
          job,
          ['routing'],
          'cancelled',
          current ? 'cancelled while waiting to be placed again' : 'cancelled before it was placed',
        );
        return;
      }
      if (this.clock.now() > new Date(job.deadline_at).getTime()) {
        await this.jobs.finishWithoutAttempt(job, ['routing'], 'failed', 'deadline passed before the job could be placed');
        return;
      }
      if (job.attempts >= job.max_attempts) {
        await this.jobs.finishWithoutAttempt(job, ['routing'], 'failed', `gave up after ${job.attempts} attempts`);
        return;
      }
      await this.routeAndSubmit(job, routing, routed);
    } catch (err) {
      this.logger.error(`job ${job.id}: dispatch failed, it will be recovered when its claim expires: ${(err as Error).message}`);
    } finally {
      routed();
      this.claims.release(job.id);
    }
  }

  private async routeAndSubmit(job: JobRow, routing: { requirements: RouteRequirements; policy: RoutingPolicy }, routed: () => void): Promise<void> {
    // A job never tried before has nothing to avoid: one statement less per job in a burst.
    const previous = job.attempts > 0 ? await this.jobs.attempts(job.id) : [];
    const avoid = avoidedBy(previous);
    const decision = this.quotes.decide(routing, { blocks: await this.blocks.active(), avoidProviders: avoid, limit: 5 });
    const best = decision.candidates[0];
    const offer = best && this.pool.index.get(best.network, best.offerId);
    if (!best || !offer) {
      const retryAt = new Date(this.clock.now() + NO_CAPACITY_RETRY_MS);
      await this.capacityWaits.add('no-capacity', { job, reason: `no capacity now: ${decision.explanation}`, retryAt, data: { dropped: decision.dropped } });
      return;
    }
    // The offer has that many GPUs fewer for the jobs routed after this one, until its network says so itself:
    // taken now, before the awaits below, for the jobs routed meanwhile decide too (a burst routes hundreds at once).
    const attemptId = randomUUID();
    this.taken.take(attemptId, best.network, best.offerId, routing.requirements.gpuCount, this.clock.now());
    let submitted: Offer;
    let attempt: AttemptRow;
    try {
      // The upstream record rides along: some adapters need more of the network's own words to place a job.
      submitted = offerForSubmit(offer, await this.rawReads.add(offer.network, offer.offerId));
      attempt = await this.recordAttempt(job, best, decision, submitted, attemptId);
    } catch (err) {
      // No attempt, no GPUs taken: the job is routed afresh when its claim expires.
      this.taken.release(attemptId);
      throw err;
    }
    await this.submit({ ...job, attempts: job.attempts + 1, current_attempt_id: attempt.id }, routing.requirements.gpuCount, attempt, submitted, true, routed);
  }

  private recordAttempt(job: JobRow, best: Candidate, decision: RoutingDecision, submitted: Offer, id: string): Promise<AttemptRow> {
    return this.attemptWrites.add(best.network, {
      job,
      attempt: {
        id,
        network: best.network,
        offerId: best.offerId,
        providerId: best.providerId,
        region: best.region,
        gpuModel: best.gpuModel,
        decision: { ...decision, candidates: decision.candidates },
        offerSnapshot: submitted,
        quotedUsdPerHour: best.effectiveUsdPerHour,
      },
    });
  }

  /**
   * `firstSubmit`: the attempt was created just now, so its key cannot have reached the network yet. `routed`:
   * the job leaves its routing place for a place at its network. `gpus`: the job's GPU count (from its routing).
   */
  private async submit(job: JobRow, gpus: number, attempt: AttemptRow, offer: Offer, firstSubmit: boolean, routed: () => void): Promise<void> {
    const handle = this.registry.get(attempt.network);
    if (!handle) {
      await this.jobs.endAttempt(
        job,
        attempt,
        {
          attemptState: 'failed',
          error: { code: 'unavailable', message: `network ${attempt.network} is not loaded` },
          costUsd: '0',
          finishedAt: new Date(this.clock.now()),
        },
        { jobState: 'pending', reason: `network ${attempt.network} is not loaded`, from: ['routing'] },
      );
      return;
    }
    const spec = job.spec as unknown as JobSpec;
    this.claims.hold(job.id, attempt.id, attempt.n);
    routed();
    const waits = new WaitNotes(this.jobs, job.id, attempt.network, this.logger, () => this.clock.now());
    const place = await this.capacity.place(attempt.network, (ahead) => waits.queued(ahead));
    waits.placed();
    const exclude = submitExclusions(await this.blocks.active(), attempt.network);
    const cap = this.capFor(spec, attempt, gpus);
    try {
      const send = async (first: boolean) => {
        const clock = submitSignal(SUBMIT_TIMEOUT_MS, new Date(job.deadline_at));
        try {
          return await handle.adapter.submit({
            job: spec,
            offer,
            idempotencyKey: attempt.id,
            maxUsdPerGpuHour: cap,
            firstSubmit: first,
            exclude,
            signal: clock.signal,
            onWaiting: (waiting) => {
              clock.waiting(waiting);
              if (waiting) place.pause();
              else place.resume();
              waits.turn(waiting);
            },
          });
        } finally {
          clock.dispose();
        }
      };
      let placement: Placement;
      try {
        placement = await send(firstSubmit);
      } catch (err) {
        if (!mayHavePlaced(classifyError(err))) {
          await this.failSubmit(job, attempt, err);
          return;
        }
        // The network may have placed it and lost the answer: the same key finds that placement instead of
        // leaving it running unseen while the job fails over elsewhere.
        this.logger.warn(
          `job ${job.id}: submit of attempt ${attempt.n} to ${attempt.network} may have reached it (${(err as Error).message}); asking again under the same key`,
        );
        try {
          placement = await send(false);
        } catch (again) {
          await this.failSubmit(job, attempt, again);
          return;
        }
      }
      this.taken.placed(attempt.id, placement.offerId, this.clock.now());
      const agreed = await this.agreedPrice(placement, attempt, gpus);
      const ok =
        placement.providerId && placement.providerId !== attempt.provider_id
          ? await this.jobs.markSubmitted(job, attempt, placement, agreed, this.config.jobs.reconcileIntervalMs)
          : await this.submittedWrites.add(attempt.network, { job, attempt, placement, agreed });
      if (!ok) this.logger.warn(`job ${job.id} changed state while being submitted; the reconciler will follow it`);
      // The attempt's submitted_at is when it was routed (its row's creation), so a submit resumed after a restart counts from there too.
      else this.metrics.dispatchLatency.observe({ network: attempt.network }, Math.max(0, this.clock.now() - new Date(attempt.submitted_at).getTime()) / 1000);
    } finally {
      place.release();
    }
  }

  private async failSubmit(job: JobRow, attempt: AttemptRow, err: unknown): Promise<void> {
    this.taken.release(attempt.id);
    const error = classifyError(err);
    if (blocksScope(error))
      await this.blocks.blockFor(error, { network: attempt.network, offerId: attempt.offer_id, providerId: attempt.provider_id, region: attempt.region });
    const retry = !stopsTheJob(error) && job.attempts < job.max_attempts;
    await this.jobs.endAttempt(
      job,
      attempt,
      { attemptState: 'failed', error: error.toJSON(), costUsd: '0', finishedAt: new Date(this.clock.now()) },
      retry
        ? {
            jobState: 'pending',
            reason: `attempt ${attempt.n} on ${attempt.network} failed (${error.code}, ${error.scope} blocked): failing over`,
            from: ['routing'],
          }
        : {
            jobState: 'failed',
            reason: `attempt ${attempt.n} on ${attempt.network} failed: ${error.code}: ${error.message}${stopsTheJob(error) ? ' (the job itself was refused)' : ' (no attempts left)'}`,
            from: ['routing'],
          },
    );
  }

  /** The cap passed to networks that settle a price at submit (see settlementCap). */
  private capFor(spec: JobSpec, attempt: AttemptRow, gpus: number): string {
    const candidates = ((attempt.decision as { candidates?: Candidate[] }).candidates ?? []) as Candidate[];
    return settlementCap({ userCap: spec.maxUsdPerGpuHour, quotedUsdPerHour: attempt.quoted_usd_per_hour, gpus, network: attempt.network, candidates })
      .usdPerGpuHour;
  }

  /** The firm price the network agreed at submit (e.g. an accepted bid) in USD per hour for this job. */
  private async agreedPrice(placement: Placement, attempt: AttemptRow, gpus: number): Promise<{ usdPerHour: string; nativePrice: unknown }> {
    if (!placement.price) return { usdPerHour: attempt.quoted_usd_per_hour, nativePrice: undefined };
    const now = new Date(this.clock.now());
    const normalize = await this.pricer.forSync(now);
    const priced = normalize({ price: placement.price, gpuCount: gpus, observedAt: now.toISOString(), now });
    if (!priced.ok) return { usdPerHour: attempt.quoted_usd_per_hour, nativePrice: placement.price };
    const usdPerHour = placement.price.per === 'offer' ? priced.usdPerHour : new Decimal(priced.usdPerGpuHour).mul(gpus).toString();
    return { usdPerHour, nativePrice: placement.price };
  }
}
