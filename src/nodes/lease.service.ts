// Work leases: a placement from the market becomes a lease on one node; the agent fetches, acknowledges,
// renews and finishes it. A lease not fetched, acknowledged or renewed in time expires, and the market
// reports it (the adapter sees `lost`, so the host fails the job over).
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import Decimal from 'decimal.js';
import { notFoundProblem, ProblemException } from '../common/problem';
import { InFlightWork } from '../coordination/in-flight-work';
import { ACTIVE_LEASE_STATES, NodeLeaseEntity } from './entities/node-lease.entity';
import { NodeEntity } from './entities/node.entity';
import { LeaseRepository, LockedNode } from './lease.repository';
import { MarketPlacement, modelSlug, parseOfferId } from './market-wire';
import { NodeRepository } from './node.repository';
import { nodeState } from './node-state';
import { NodesClock } from './nodes.clock';
import { NODES_CONFIG, NodesConfig } from './nodes.config';
import { AgentJob, WorkLease } from './protocol/agent-wire';

const MAX_LOG_LINES_RETURNED = 5_000;
const POLL_STEP_MS = 500;

@Injectable()
export class LeaseService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('nodes');
  /** Wakes long-polling agents on this replica at once; other replicas notice within POLL_STEP_MS. */
  private readonly wakeups = new EventEmitter().setMaxListeners(0);
  private readonly polls = new InFlightWork();
  private stopping = false;

  constructor(
    private readonly leases: LeaseRepository,
    private readonly nodes: NodeRepository,
    private readonly clock: NodesClock,
    @Inject(NODES_CONFIG) private readonly config: NodesConfig,
  ) {}

  // ---- market side ----

  async place(idempotencyKey: string, offerId: string, gpus: number, job: AgentJob): Promise<{ placement: MarketPlacement; created: boolean }> {
    const existing = await this.leases.findByKey(idempotencyKey);
    if (existing) return { placement: this.view(existing), created: false };
    const target = parseOfferId(offerId);
    if (!target) throw new ProblemException(404, 'not-found', 'Not found', `offer ${offerId} does not exist`);
    let lease: NodeLeaseEntity;
    try {
      // Locking the node row serialises placements on one node, so two never take the same GPUs.
      lease = await this.leases.inNodeLock(target.nodeId, async (locked) => {
        const { node } = locked;
        const now = this.clock.now();
        if (!node) throw new ProblemException(404, 'not-found', 'Not found', `offer ${offerId} does not exist`);
        const state = nodeState(node, now, this.config);
        if (state !== 'online') throw new ProblemException(409, 'no-capacity', 'No capacity', `node ${node.id} is ${state}`);
        await this.checkProbation(locked, node, gpus, job);
        const active = await locked.activeLeases();
        const taken = new Set(active.flatMap((l) => l.gpuIndexes));
        const free = node.inventory.filter((g) => modelSlug(g.model) === target.slug && !taken.has(g.index));
        if (free.length < gpus) throw new ProblemException(409, 'no-capacity', 'No capacity', `offer ${offerId} has ${free.length} free GPUs, ${gpus} asked`);
        return locked.insert({
          id: `lease-${randomUUID()}`,
          idempotencyKey,
          nodeId: node.id,
          offerId,
          gpus,
          gpuIndexes: free.slice(0, gpus).map((g) => g.index),
          job,
          priceAmount: node.priceAmount,
          priceAsset: node.priceAsset,
          state: 'queued',
          cancelRequested: false,
          createdAt: now,
          expiresAt: new Date(now.getTime() + this.config.leaseAckTimeoutMs),
          assignedAt: null,
          startedAt: null,
          finishedAt: null,
          exitCode: null,
          message: null,
        });
      });
    } catch (err) {
      // The same key racing on another request: the unique index kept it to one lease; return that one.
      if (LeaseRepository.isDuplicateKey(err)) {
        const raced = await this.leases.findByKey(idempotencyKey);
        if (raced) return { placement: this.view(raced), created: false };
      }
      throw err;
    }
    this.logger.log(`lease ${lease.id} placed on node ${lease.nodeId} (${gpus} GPU)`);
    this.wakeups.emit(lease.nodeId);
    return { placement: this.view(lease), created: true };
  }

  async placement(id: string): Promise<MarketPlacement> {
    await this.sweepExpired();
    return this.view(await this.find(id));
  }

  /** Idempotent; the agent learns of it at its next renew or heartbeat and stops the job. */
  async cancel(id: string): Promise<MarketPlacement> {
    await this.find(id);
    await this.leases.cancel(id, this.clock.now());
    return this.view(await this.find(id));
  }

  async logLines(id: string): Promise<string[]> {
    await this.find(id);
    return this.leases.logLines(id, MAX_LOG_LINES_RETURNED);
  }

  /** Expires leases whose current step ran out of time; returns their ids. */
  async sweepExpired(): Promise<string[]> {
    const ids = await this.leases.expireOverdue(this.clock.now());
    for (const id of ids) this.logger.warn(`lease ${id} expired`);
    return ids;
  }

  // ---- agent side ----

  /** Long poll: the next queued lease for this node, or null after `waitMs`. */
  /** Long polls end early, with no work, when the service shuts down; shutdown waits for them. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const nodeId of this.wakeups.eventNames()) this.wakeups.emit(nodeId);
    await this.polls.drain();
  }

  get shuttingDown(): boolean {
    return this.stopping;
  }

  nextWork(nodeId: string, waitMs: number, gone: () => boolean): Promise<WorkLease | null> {
    if (this.stopping) return Promise.resolve(null);
    return this.polls.track(this.waitForWork(nodeId, waitMs, gone));
  }

  private async waitForWork(nodeId: string, waitMs: number, gone: () => boolean): Promise<WorkLease | null> {
    const until = Date.now() + waitMs;
    for (;;) {
      const lease = await this.claimQueued(nodeId);
      if (lease) return { leaseId: lease.id, job: lease.job, gpus: lease.gpus, gpuIndexes: lease.gpuIndexes, ackDeadline: lease.expiresAt!.toISOString() };
      const left = until - Date.now();
      if (left <= 0 || gone() || this.stopping) return null;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.wakeups.off(nodeId, done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(POLL_STEP_MS, left));
        this.wakeups.once(nodeId, done);
      });
    }
  }

  async acknowledge(nodeId: string, leaseId: string): Promise<{ leaseId: string; state: string; expiresAt: string | null; renewEveryMs: number }> {
    const now = this.clock.now();
    await this.leases.acknowledge(nodeId, leaseId, now, new Date(now.getTime() + this.config.leaseTtlMs));
    const lease = await this.findFor(nodeId, leaseId);
    return { leaseId, state: lease.state, expiresAt: lease.expiresAt?.toISOString() ?? null, renewEveryMs: Math.floor(this.config.leaseTtlMs / 3) };
  }

  async markRunning(nodeId: string, leaseId: string, message?: string): Promise<MarketPlacement> {
    const now = this.clock.now();
    await this.leases.markRunning(nodeId, leaseId, now, new Date(now.getTime() + this.config.leaseTtlMs), message ?? null);
    return this.view(await this.findFor(nodeId, leaseId));
  }

  async renew(nodeId: string, leaseId: string): Promise<{ leaseId: string; state: string; expiresAt: string | null; cancel: boolean }> {
    const now = this.clock.now();
    await this.leases.renew(nodeId, leaseId, new Date(now.getTime() + this.config.leaseTtlMs));
    const lease = await this.findFor(nodeId, leaseId);
    const live = lease.state === 'starting' || lease.state === 'running';
    return { leaseId, state: lease.state, expiresAt: lease.expiresAt?.toISOString() ?? null, cancel: !live || lease.cancelRequested };
  }

  async appendLogs(nodeId: string, leaseId: string, lines: string[]): Promise<{ accepted: number }> {
    await this.findFor(nodeId, leaseId);
    const receivedAt = this.clock.now();
    await this.leases.appendLogs(leaseId, lines, receivedAt);
    return { accepted: lines.length };
  }

  async finish(
    nodeId: string,
    leaseId: string,
    body: { state: 'succeeded' | 'failed' | 'cancelled'; exitCode: number | null; message?: string },
  ): Promise<MarketPlacement> {
    const now = this.clock.now();
    // An implausible success is recorded as a failure (so the job fails over and nobody pays for it).
    const implausible = body.state === 'succeeded' ? await this.suspendIfImplausible(nodeId, await this.findFor(nodeId, leaseId), now) : undefined;
    if (implausible) body = { ...body, state: 'failed', message: `not accepted: ${implausible}` };
    // A lease cancelled or expired meanwhile keeps its state; the exit code is still worth keeping.
    await this.leases.finish(nodeId, leaseId, { state: body.state, exitCode: body.exitCode, message: body.message ?? null }, now);
    return this.view(await this.findFor(nodeId, leaseId));
  }

  /**
   * Probation: a node that has never completed a job takes only jobs worth up to NODES_PROBATION_MAX_USD
   * (asking price × GPUs × durationHours, one hour when the job gives none) until it has a record.
   * Simulated demo agents are exempt: their record would prove nothing either way.
   */
  private async checkProbation(locked: LockedNode, node: NodeEntity, gpus: number, job: AgentJob): Promise<void> {
    if (node.simulated) return;
    const value = new Decimal(node.priceAmount).mul(gpus).mul(job.durationHours ?? 1);
    if (value.lte(this.config.probationMaxUsd)) return;
    if (await locked.hasSucceeded()) return;
    throw new ProblemException(
      409,
      'no-capacity',
      'No capacity',
      `node ${node.id} is on probation (no completed job yet): it takes jobs worth up to ${this.config.probationMaxUsd} ${node.priceAsset}, this one is worth ${value.toFixed(2)}`,
    );
  }

  /** A success no honest run could produce suspends the node, with the reason its operator sees. */
  private async suspendIfImplausible(nodeId: string, lease: NodeLeaseEntity, now: Date): Promise<string | undefined> {
    if (!ACTIVE_LEASE_STATES.includes(lease.state)) return undefined;
    const node = await this.nodes.find(nodeId);
    if (!node || node.simulated) return undefined;
    const hours = lease.job.durationHours;
    const ranMs = now.getTime() - (lease.startedAt ?? lease.assignedAt ?? lease.createdAt).getTime();
    let why: string | undefined;
    if (!lease.startedAt) why = `reported lease ${lease.id} succeeded without ever reporting it running`;
    else if (hours && ranMs < this.config.implausibleRuntimeFraction * hours * 3_600_000) {
      why = `reported a ${hours}-hour job (lease ${lease.id}) succeeded after ${(ranMs / 1000).toFixed(1)} s, less than ${this.config.implausibleRuntimeFraction * 100}% of its duration`;
    }
    if (!why) return undefined;
    const reason = `suspended: ${why}; an operator must review it`;
    await this.nodes.suspend(nodeId, reason);
    this.logger.warn(`node ${nodeId} ${reason}`);
    return why;
  }

  view(l: NodeLeaseEntity): MarketPlacement {
    return {
      placementId: l.id,
      offerId: l.offerId,
      nodeId: l.nodeId,
      state: l.state,
      gpus: l.gpus,
      price: { amount: l.priceAmount, asset: l.priceAsset, per: 'gpu-hour' },
      createdAt: l.createdAt.toISOString(),
      startedAt: l.startedAt?.toISOString() ?? null,
      finishedAt: l.finishedAt?.toISOString() ?? null,
      exitCode: l.exitCode,
      message: l.message,
    };
  }

  private async claimQueued(nodeId: string): Promise<NodeLeaseEntity | null> {
    const now = this.clock.now();
    return this.leases.claimQueued(nodeId, now, new Date(now.getTime() + this.config.leaseAckTimeoutMs));
  }

  private async find(id: string): Promise<NodeLeaseEntity> {
    const lease = await this.leases.find(id);
    if (!lease) throw notFoundProblem('Placement', id);
    return lease;
  }

  /** A lease of another node is reported as not found, never as forbidden (no probing of other nodes' ids). */
  private async findFor(nodeId: string, id: string): Promise<NodeLeaseEntity> {
    const lease = await this.leases.findOfNode(nodeId, id);
    if (!lease) throw notFoundProblem('Lease', id);
    return lease;
  }
}
