// The node_leases and node_lease_logs tables: every read and write of a lease goes through here. Each step of a
// lease is one conditional UPDATE on its state, so replicas never conflict.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { ACTIVE_LEASE_STATES, NodeLeaseEntity } from './entities/node-lease.entity';
import { NodeLeaseLogEntity } from './entities/node-lease-log.entity';
import { NodeEntity } from './entities/node.entity';
import { rowsOf } from './sql-rows';

/** A node held locked for a placement: what the placement decides on, and where it writes the lease. */
export interface LockedNode {
  node: NodeEntity | null;
  /** The node's queued, assigned, starting and running leases. */
  activeLeases(): Promise<NodeLeaseEntity[]>;
  /** Whether the node has completed a lease (its record, for probation). */
  hasSucceeded(): Promise<boolean>;
  insert(lease: NodeLeaseEntity): Promise<NodeLeaseEntity>;
}

@Injectable()
export class LeaseRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(NodeLeaseEntity) private readonly leases: Repository<NodeLeaseEntity>,
    @InjectRepository(NodeLeaseLogEntity) private readonly logs: Repository<NodeLeaseLogEntity>,
  ) {}

  /** A second lease with a known idempotency key (the unique index refused it). */
  static isDuplicateKey(err: unknown): boolean {
    return (err as { code?: string }).code === '23505';
  }

  find(id: string): Promise<NodeLeaseEntity | null> {
    return this.leases.findOneBy({ id });
  }

  findOfNode(nodeId: string, id: string): Promise<NodeLeaseEntity | null> {
    return this.leases.findOneBy({ id, nodeId });
  }

  findByKey(idempotencyKey: string): Promise<NodeLeaseEntity | null> {
    return this.leases.findOneBy({ idempotencyKey });
  }

  /** The GPUs the active leases of these nodes hold. */
  activeGpus(nodeIds: string[]): Promise<Array<Pick<NodeLeaseEntity, 'nodeId' | 'gpuIndexes'>>> {
    return this.leases.find({ where: { nodeId: In(nodeIds), state: In(ACTIVE_LEASE_STATES) }, select: { nodeId: true, gpuIndexes: true } });
  }

  /** Which of these lease ids are active leases of the node. */
  async activeAmong(nodeId: string, ids: string[]): Promise<string[]> {
    const rows = await this.leases.find({ where: { id: In(ids), nodeId, state: In(ACTIVE_LEASE_STATES) }, select: { id: true } });
    return rows.map((l) => l.id);
  }

  /** Runs a placement in one transaction with the node row locked, so two placements never take the same GPUs. */
  inNodeLock<T>(nodeId: string, work: (locked: LockedNode) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m: EntityManager) => {
      const node = await m.createQueryBuilder(NodeEntity, 'n').setLock('pessimistic_write').where('n.id = :id', { id: nodeId }).getOne();
      return work({
        node,
        activeLeases: () => m.find(NodeLeaseEntity, { where: { nodeId, state: In(ACTIVE_LEASE_STATES) } }),
        hasSucceeded: async () => rowsOf(await m.query(`SELECT 1 FROM node_leases WHERE node_id = $1 AND state = 'succeeded' LIMIT 1`, [nodeId])).length > 0,
        insert: (lease) => m.save(m.create(NodeLeaseEntity, lease)),
      });
    });
  }

  /** Cancels the lease if it is still active. */
  async cancel(id: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE node_leases SET cancel_requested = true, state = 'cancelled', finished_at = $2, expires_at = NULL, message = 'cancelled by the market'
       WHERE id = $1 AND state IN ('queued', 'assigned', 'starting', 'running')`,
      [id, at],
    );
  }

  /** Expires leases whose current step ran out of time; returns their ids. */
  async expireOverdue(now: Date): Promise<string[]> {
    const rows = rowsOf<Pick<NodeLeaseEntity, 'id'>>(
      await this.dataSource.query(
        `UPDATE node_leases SET state = 'expired', finished_at = $1, expires_at = NULL, message = CASE state
           WHEN 'queued' THEN 'the node did not fetch the lease in time'
           WHEN 'assigned' THEN 'the node did not acknowledge the lease in time'
           ELSE 'the node stopped renewing the lease (agent or machine gone)' END
         WHERE state IN ('queued', 'assigned', 'starting', 'running') AND expires_at < $1 RETURNING id`,
        [now],
      ),
    );
    return rows.map((r) => r.id);
  }

  /** Hands the node its oldest queued lease (queued → assigned, with a deadline to acknowledge it), if any. */
  async claimQueued(nodeId: string, now: Date, ackBy: Date): Promise<NodeLeaseEntity | null> {
    const rows = rowsOf<Pick<NodeLeaseEntity, 'id'>>(
      await this.dataSource.query(
        `UPDATE node_leases SET state = 'assigned', assigned_at = $2, expires_at = $3
         WHERE id = (SELECT id FROM node_leases WHERE node_id = $1 AND state = 'queued' AND expires_at >= $2 ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [nodeId, now, ackBy],
      ),
    );
    return rows[0] ? this.leases.findOneBy({ id: rows[0].id }) : null;
  }

  /** assigned → starting, if acknowledged before its deadline. */
  async acknowledge(nodeId: string, id: string, now: Date, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE node_leases SET state = 'starting', expires_at = $4 WHERE id = $1 AND node_id = $2 AND state = 'assigned' AND expires_at >= $3`,
      [id, nodeId, now, expiresAt],
    );
  }

  /** starting → running (or still running), with a new deadline and the agent's message if it sent one. */
  async markRunning(nodeId: string, id: string, now: Date, expiresAt: Date, message: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE node_leases SET state = 'running', started_at = COALESCE(started_at, $3), expires_at = $4, message = COALESCE($5, message)
       WHERE id = $1 AND node_id = $2 AND state IN ('starting', 'running')`,
      [id, nodeId, now, expiresAt, message],
    );
  }

  /** Moves the deadline of a live lease the market has not cancelled. */
  async renew(nodeId: string, id: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE node_leases SET expires_at = $3 WHERE id = $1 AND node_id = $2 AND state IN ('starting', 'running') AND NOT cancel_requested`,
      [id, nodeId, expiresAt],
    );
  }

  /**
   * Ends a lease the node was working on; a lease cancelled or expired meanwhile keeps its state, but the exit
   * code is still worth keeping.
   */
  async finish(
    nodeId: string,
    id: string,
    end: { state: 'succeeded' | 'failed' | 'cancelled'; exitCode: number | null; message: string | null },
    at: Date,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE node_leases SET state = $3, exit_code = $4, message = $5, finished_at = $6, expires_at = NULL
       WHERE id = $1 AND node_id = $2 AND state IN ('assigned', 'starting', 'running')`,
      [id, nodeId, end.state, end.exitCode, end.message, at],
    );
    await this.dataSource.query(`UPDATE node_leases SET exit_code = COALESCE(exit_code, $3) WHERE id = $1 AND node_id = $2`, [id, nodeId, end.exitCode]);
  }

  async appendLogs(leaseId: string, lines: string[], receivedAt: Date): Promise<void> {
    await this.logs.insert(lines.map((line) => ({ leaseId, line, receivedAt })));
  }

  /** The lease's last `limit` log lines, oldest first. */
  async logLines(leaseId: string, limit: number): Promise<string[]> {
    const rows = await this.logs.find({ where: { leaseId }, order: { id: 'DESC' }, take: limit });
    return rows.reverse().map((r) => r.line);
  }
}
