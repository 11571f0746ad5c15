// The nodes table and the nonces nodes have used: every read and write of them goes through here.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { NodeEntity } from './entities/node.entity';
import type { GpuDevice } from './protocol/agent-wire';
import { rowsOf } from './sql-rows';

/** What a passed challenge writes on its node. */
export type ChallengePass = Pick<NodeEntity, 'verifiedAt' | 'verificationKind' | 'verificationNote' | 'nextChallengeAt'> &
  Partial<Pick<NodeEntity, 'inventory' | 'flagReason'>>;

@Injectable()
export class NodeRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(NodeEntity) private readonly nodes: Repository<NodeEntity>,
  ) {}

  find(id: string): Promise<NodeEntity | null> {
    return this.nodes.findOneBy({ id });
  }

  /** The node; throws TypeORM's EntityNotFoundError when there is none (callers have authenticated it). */
  get(id: string): Promise<NodeEntity> {
    return this.nodes.findOneByOrFail({ id });
  }

  /** Every node, in the table's own order. */
  all(): Promise<NodeEntity[]> {
    return this.nodes.find();
  }

  /** Every node, oldest registration first. */
  listByRegistration(): Promise<NodeEntity[]> {
    return this.nodes.find({ order: { registeredAt: 'ASC' } });
  }

  insert(node: NodeEntity): Promise<NodeEntity> {
    return this.nodes.save(this.nodes.create(node));
  }

  /** Whether the key is a registered node, and why it is blocked (null when it is not). */
  async authState(id: string): Promise<Pick<NodeEntity, 'blockedReason'> | null> {
    const rows = rowsOf<Pick<NodeEntity, 'blockedReason'>>(
      await this.dataSource.query('SELECT blocked_reason AS "blockedReason" FROM nodes WHERE id = $1', [id]),
    );
    return rows[0] ?? null;
  }

  async recordHeartbeat(id: string, at: Date, beat: { agentVersion: string; reportedInventory: GpuDevice[]; flagReason: string | null }): Promise<void> {
    await this.dataSource.query(
      `UPDATE nodes SET last_heartbeat_at = $2, first_heartbeat_at = COALESCE(first_heartbeat_at, $2), heartbeat_count = heartbeat_count + 1,
         agent_version = $3, reported_inventory = $4, flag_reason = $5 WHERE id = $1`,
      [id, at, beat.agentVersion, JSON.stringify(beat.reportedInventory), beat.flagReason],
    );
  }

  async updateSettings(id: string, settings: Partial<Pick<NodeEntity, 'priceAmount' | 'priceAsset' | 'payoutWallet' | 'name'>>): Promise<void> {
    await this.nodes.update({ id }, settings);
  }

  async recordChallengePass(id: string, pass: ChallengePass): Promise<void> {
    await this.nodes.update({ id }, { ...pass, challengesPassed: () => 'challenges_passed + 1', consecutiveFailures: 0 });
  }

  /** Unverifies the node and counts the failure; answers how many failed in a row. */
  async recordChallengeFailure(id: string, note: string): Promise<number> {
    const rows = rowsOf<Pick<NodeEntity, 'consecutiveFailures'>>(
      await this.dataSource.query(
        `UPDATE nodes SET challenges_failed = challenges_failed + 1, consecutive_failures = consecutive_failures + 1, verified_at = NULL,
           verification_note = $2 WHERE id = $1 RETURNING consecutive_failures AS "consecutiveFailures"`,
        [id, note],
      ),
    );
    return rows[0]?.consecutiveFailures ?? 0;
  }

  async block(id: string, reason: string): Promise<void> {
    await this.nodes.update({ id }, { blockedReason: reason });
  }

  /** Blocks the node unless it is blocked already (the first reason stands). */
  async suspend(id: string, reason: string): Promise<void> {
    await this.dataSource.query(`UPDATE nodes SET blocked_reason = $2 WHERE id = $1 AND blocked_reason IS NULL`, [id, reason]);
  }

  /** Records a request nonce; false when this node used it already (a replay). */
  async rememberNonce(nodeId: string, nonce: string, seenAt: Date): Promise<boolean> {
    const inserted = rowsOf(
      await this.dataSource.query('INSERT INTO node_nonces (node_id, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING nonce', [
        nodeId,
        nonce,
        seenAt,
      ]),
    );
    return inserted.length > 0;
  }

  /** Forgets nonces seen before the cutoff; answers how many. */
  async pruneNonces(before: Date): Promise<number> {
    const result: unknown = await this.dataSource.query('DELETE FROM node_nonces WHERE seen_at < $1', [before]);
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }
}
