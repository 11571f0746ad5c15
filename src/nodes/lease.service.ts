// Work leases: a placement from the market becomes a lease on one node; the agent fetches, acknowledges,
// renews and finishes it. A lease not fetched, acknowledged or renewed in time expires, and the market
// reports it (the adapter sees `lost`, so the host fails the job over).
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { notFoundProblem, ProblemException } from '../common/problem';
import { InFlightWork } from '../coordination/in-flight-work';
import { ACTIVE_LEASE_STATES, NodeLeaseEntity } from './entities/node-lease.entity';
import { NodeLeaseLogEntity } from './entities/node-lease-log.entity';
import { NodeEntity } from './entities/node.entity';
import { MarketPlacement, modelSlug, parseOfferId } from './market-wire';
import { nodeState } from './node-state';
import { NodesClock } from './nodes.clock';
import { NODES_CONFIG, NodesConfig } from './nodes.config';
import { AgentJob, WorkLease } from './protocol/agent-wire';
import { rowsOf } from './sql-rows';

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
    private readonly dataSource: DataSource,
    @InjectRepository(NodeLeaseEntity) private readonly leases: Repository<NodeLeaseEntity>,
    @InjectRepository(NodeLeaseLogEntity) private readonly logs: Repository<NodeLeaseLogEntity>,
    private readonly clock: NodesClock,
    @Inject(NODES_CONFIG) private readonly config: NodesConfig,
  ) {}

  // ---- market side ----

  async place(idempotencyKey: string, offerId: string, gpus: number, job: AgentJob): Promise<{ placement: MarketPlacement; created: boolean }> {
    const existing = await this.leases.findOneBy({ idempotencyKey });
    if (existing) return { placement: this.view(existing), created: false };
    const target = parseOfferId(offerId);
    if (!target) throw new ProblemException(404, 'not-found', 'Not found', `offer ${offerId} does not exist`);
    let lease: NodeLeaseEntity;
    try {
      lease = await this.dataSource.transaction(async (m) => {
        // Locking the node row serialises placements on one node, so two never take the same GPUs.
        const node = await m.createQueryBuilder(NodeEntity, 'n').setLock('pessimistic_write').where('n.id = :id', { id: target.nodeId }).getOne();
        const now = this.clock.now();
        if (!node) throw new ProblemException(404, 'not-found', 'Not found', `offer ${offerId} does not exist`);
        const state = nodeState(node, now, this.config);
        if (state !== 'online') throw new ProblemException(409, 'no-capacity', 'No capacity', `node ${node.id} is ${state}`);
        await this.checkProbation(m, node, gpus, job);
        const active = await m.find(NodeLeaseEntity, { where: { nodeId: node.id, state: In(ACTIVE_LEASE_STATES) } });
        const taken = new Set(active.flatMap((l) => l.gpuIndexes));
        const free = node.inventory.filter((g) => modelSlug(g.model) === target.slug && !taken.has(g.index));
        if (free.length < gpus) throw new ProblemException(409, 'no-capacity', 'No capacity', `offer ${offerId} has ${free.length} free GPUs, ${gpus} asked`);
        return m.save(
          m.create(NodeLeaseEntity, {
            id: `lease-${randomUUID()}`,
            idempotencyKey,
            nodeId: node.id,
            offerId,
            gpus,
            gpuIndexes: free.slice(0, gpus).map((g) => g.index),
            job: job as Record<string, unknown>,
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
          }),
        );
      });
    } catch (err) {
      // The same key racing on another request: the unique index kept it to one lease; return that one.
      if ((err as { code?: string }).code === '23505') {
        const raced = await this.leases.findOneBy({ idempotencyKey });
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
    await this.dataSource.query(
      `UPDATE node_leases SET cancel_requested = true, state = 'cancelled', finished_at = $2, expires_at = NULL, message = 'cancelled by the market'
       WHERE id = $1 AND state IN ('queued', 'assigned', 'starting', 'running')`,
      [id, this.clock.now()],
    );
    return this.view(await this.find(id));
  }

  async logLines(id: string): Promise<string[]> {
    await this.find(id);
    const rows = await this.logs.find({ where: { leaseId: id }, order: { id: 'DESC' }, take: MAX_LOG_LINES_RETURNED });
    return rows.reverse().map((r) => r.line);
  }

  /** Expires leases whose current step ran out of time; returns their ids. */
  async sweepExpired(): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE node_leases SET state = 'expired', finished_at = $1, expires_at = NULL, message = CASE state
           WHEN 'queued' THEN 'the node did not fetch the lease in time'
           WHEN 'assigned' THEN 'the node did not acknowledge the lease in time'
           ELSE 'the node stopped renewing the lease (agent or machine gone)' END
         WHERE state IN ('queued', 'assigned', 'starting', 'running') AND expires_at < $1 RETURNING id`,
        [this.clock.now()],
      ),
    );
    for (const row of rows) this.logger.warn(`lease ${row.id} expired`);
    return rows.map((r) => r.id);
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
      if (lease) return { leaseId: lease.id, job: lease.job as AgentJob, gpus: lease.gpus, gpuIndexes: lease.gpuIndexes, ackDeadline: lease.expiresAt!.toISOString() };
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
    await this.dataSource.query(
      `UPDATE node_leases SET state = 'starting', expires_at = $4 WHERE id = $1 AND node_id = $2 AND state = 'assigned' AND expires_at >= $3`,
      [leaseId, nodeId, now, new Date(now.getTime() + this.config.leaseTtlMs)],
    );
    const lease = await this.findFor(nodeId, leaseId);
    return { leaseId, state: lease.state, expiresAt: lease.expiresAt?.toISOString() ?? null, renewEveryMs: Math.floor(this.config.leaseTtlMs / 3) };
  }

  async markRunning(nodeId: string, leaseId: string, message?: string): Promise<MarketPlacement> {
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE node_leases SET state = 'running', started_at = COALESCE(started_at, $3), expires_at = $4, message = COALESCE($5, message)
       WHERE id = $1 AND node_id = $2 AND state IN ('starting', 'running')`,
      [leaseId, nodeId, now, new Date(now.getTime() + this.config.leaseTtlMs), message ?? null],
    );
    return this.view(await this.findFor(nodeId, leaseId));
  }

  async renew(nodeId: string, leaseId: string): Promise<{ leaseId: string; state: string; expiresAt: string | null; cancel: boolean }> {
    const now = this.clock.now();
    await this.dataSource.query(
      `UPDATE node_leases SET expires_at = $3 WHERE id = $1 AND node_id = $2 AND state IN ('starting', 'running') AND NOT cancel_requested`,
      [leaseId, nodeId, new Date(now.getTime() + this.config.leaseTtlMs)],
    );
    const lease = await this.findFor(nodeId, leaseId);
    const live = lease.state === 'starting' || lease.state === 'running';
    return { leaseId, state: lease.state, expiresAt: lease.expiresAt?.toISOString() ?? null, cancel: !live || lease.cancelRequested };
  }

  async appendLogs(nodeId: string, leaseId: string, lines: string[]): Promise<{ accepted: number }> {
    await this.findFor(nodeId, leaseId);
    const receivedAt = this.clock.now();
    await this.logs.insert(lines.map((line) => ({ leaseId, line, receivedAt })));
    return { accepted: lines.length };
  }

  async finish(nodeId: string, leaseId: string, body: { state: 'succeeded' | 'failed' | 'cancelled'; exitCode: number | null; message?: string }): Promise<MarketPlacement> {
    const now = this.clock.now();
    // An implausible success is recorded as a failure (so the job fails over and nobody pays for it).
    const implausible = body.state === 'succeeded' ? await this.suspendIfImplausible(nodeId, await this.findFor(nodeId, leaseId), now) : undefined;
    if (implausible) body = { ...body, state: 'failed', message: `not accepted: ${implausible}` };
    await this.dataSource.query(
      `UPDATE node_leases SET state = $3, exit_code = $4, message = $5, finished_at = $6, expires_at = NULL
       WHERE id = $1 AND node_id = $2 AND state IN ('assigned', 'starting', 'running')`,
      [leaseId, nodeId, body.state, body.exitCode, body.message ?? null, now],
    );
    // A lease cancelled or expired meanwhile keeps its state; the exit code is still worth keeping.
    await this.dataSource.query(`UPDATE node_leases SET exit_code = COALESCE(exit_code, $3) WHERE id = $1 AND node_id = $2`, [leaseId, nodeId, body.exitCode]);
    return this.view(await this.findFor(nodeId, leaseId));
  }

  /**
   * Probation: a node that has never completed a job takes only jobs worth up to NODES_PROBATION_MAX_USD
   * (asking price × GPUs × durationHours, one hour when the job gives none) until it has a record.
   * Simulated demo agents are exempt: their record would prove nothing either way.
   */
  private async checkProbation(m: EntityManager, node: NodeEntity, gpus: number, job: AgentJob): Promise<void> {
    if (node.simulated) return;
    const value = new Decimal(node.priceAmount).mul(gpus).mul(job.durationHours ?? 1);
    if (value.lte(this.config.probationMaxUsd)) return;
    const record = rowsOf(await m.query(`SELECT 1 FROM node_leases WHERE node_id = $1 AND state = 'succeeded' LIMIT 1`, [node.id]));
    if (record.length > 0) return;
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
    const node = await this.dataSource.getRepository(NodeEntity).findOneBy({ id: nodeId });
    if (!node || node.simulated) return undefined;
    const hours = (lease.job as AgentJob).durationHours;
    const ranMs = now.getTime() - (lease.startedAt ?? lease.assignedAt ?? lease.createdAt).getTime();
    let why: string | undefined;
    if (!lease.startedAt) why = `reported lease ${lease.id} succeeded without ever reporting it running`;
    else if (hours && ranMs < this.config.implausibleRuntimeFraction * hours * 3_600_000) {
      why = `reported a ${hours}-hour job (lease ${lease.id}) succeeded after ${(ranMs / 1000).toFixed(1)} s, less than ${this.config.implausibleRuntimeFraction * 100}% of its duration`;
    }
    if (!why) return undefined;
    const reason = `suspended: ${why}; an operator must review it`;
    await this.dataSource.query(`UPDATE nodes SET blocked_reason = $2 WHERE id = $1 AND blocked_reason IS NULL`, [nodeId, reason]);
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
    const rows = rowsOf<{ id: string }>(
      await this.dataSource.query(
        `UPDATE node_leases SET state = 'assigned', assigned_at = $2, expires_at = $3
         WHERE id = (SELECT id FROM node_leases WHERE node_id = $1 AND state = 'queued' AND expires_at >= $2 ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [nodeId, now, new Date(now.getTime() + this.config.leaseAckTimeoutMs)],
      ),
    );
    return rows[0] ? this.leases.findOneBy({ id: rows[0].id }) : null;
  }

  private async find(id: string): Promise<NodeLeaseEntity> {
    const lease = await this.leases.findOneBy({ id });
    if (!lease) throw notFoundProblem('Placement', id);
    return lease;
  }

  /** A lease of another node is reported as not found, never as forbidden (no probing of other nodes' ids). */
  private async findFor(nodeId: string, id: string): Promise<NodeLeaseEntity> {
    const lease = await this.leases.findOneBy({ id, nodeId });
    if (!lease) throw notFoundProblem('Lease', id);
    return lease;
  }
}
