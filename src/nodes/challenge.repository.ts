// The node_challenges table: every read and write of a challenge goes through here. Each step is one
// conditional UPDATE on the challenge's state, so two requests (or replicas) never both close it.
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { NodeChallengeEntity } from './entities/node-challenge.entity';
import { rowsOf } from './sql-rows';

type Commitment = NonNullable<NodeChallengeEntity['commitment']>;
type Opening = NonNullable<NodeChallengeEntity['opening']>;

@Injectable()
export class ChallengeRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(NodeChallengeEntity) private readonly challenges: Repository<NodeChallengeEntity>,
  ) {}

  find(nodeId: string, id: string): Promise<NodeChallengeEntity | null> {
    return this.challenges.findOneBy({ id, nodeId });
  }

  /** The node's latest challenge, or its latest still open one. */
  latest(nodeId: string, options: { open?: boolean } = {}): Promise<NodeChallengeEntity | null> {
    return this.challenges.findOne({ where: options.open ? { nodeId, state: 'open' } : { nodeId }, order: { issuedAt: 'DESC' } });
  }

  /** Supersedes the node's unfinished challenges. */
  async supersedeUnfinished(nodeId: string, at: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE node_challenges SET state = 'superseded', answered_at = $2, reason = 'a newer challenge replaced it' WHERE node_id = $1 AND state IN ('open', 'committed')`,
      [nodeId, at],
    );
  }

  insert(challenge: NodeChallengeEntity): Promise<NodeChallengeEntity> {
    return this.challenges.save(this.challenges.create(challenge));
  }

  /** open → committed with the roots and the rows asked for; false when it was no longer open. */
  async commit(id: string, at: Date, step: { commitment: Commitment; opening: Opening; prover: string | null; openDeadline: Date }): Promise<boolean> {
    const moved = rowsOf(
      await this.dataSource.query(
        `UPDATE node_challenges SET state = 'committed', committed_at = $2, commitment = $3, opening = $4, prover = $5, open_deadline = $6 WHERE id = $1 AND state = 'open' RETURNING id`,
        [id, at, JSON.stringify(step.commitment), JSON.stringify(step.opening), step.prover, step.openDeadline],
      ),
    );
    return moved.length > 0;
  }

  /** Records which rows have been verified so far, while the challenge is committed. */
  async saveOpening(id: string, opening: Opening): Promise<void> {
    await this.dataSource.query(`UPDATE node_challenges SET opening = $2 WHERE id = $1 AND state = 'committed'`, [id, JSON.stringify(opening)]);
  }

  /** committed → passed; false when it was closed meanwhile. */
  async pass(id: string, at: Date, note: string, opening: Opening): Promise<boolean> {
    const closed = rowsOf(
      await this.dataSource.query(
        `UPDATE node_challenges SET state = 'passed', answered_at = $2, reason = $3, opening = $4 WHERE id = $1 AND state = 'committed' RETURNING id`,
        [id, at, note, JSON.stringify(opening)],
      ),
    );
    return closed.length > 0;
  }

  /** open or committed → failed or timeout; false when it was closed already. */
  async close(id: string, state: 'failed' | 'timeout', at: Date, reason: string): Promise<boolean> {
    const closed = rowsOf(
      await this.dataSource.query(
        `UPDATE node_challenges SET state = $2, answered_at = $3, reason = $4 WHERE id = $1 AND state IN ('open', 'committed') RETURNING id`,
        [id, state, at, reason],
      ),
    );
    return closed.length > 0;
  }

  /** Closes challenges past a deadline as timeouts; answers whose they were and why. */
  async timeOutOverdue(now: Date): Promise<Array<Pick<NodeChallengeEntity, 'nodeId'> & { reason: string }>> {
    return rowsOf<Pick<NodeChallengeEntity, 'nodeId'> & { reason: string }>(
      await this.dataSource.query(
        `UPDATE node_challenges SET state = 'timeout', answered_at = $1,
           reason = CASE state WHEN 'open' THEN 'no roots before the commit deadline' ELSE 'no rows before the opening deadline' END
         WHERE (state = 'open' AND deadline < $1) OR (state = 'committed' AND open_deadline < $1) RETURNING node_id AS "nodeId", reason`,
        [now],
      ),
    );
  }
}
