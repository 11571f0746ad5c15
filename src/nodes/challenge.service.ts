// Issues verification challenges and judges the answers. A pass verifies the node (and adopts the
// inventory it reported); failures and timeouts lower its score and block it after too many in a row.
import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { notFoundProblem, ProblemException } from '../common/problem';
import { NodeChallengeEntity } from './entities/node-challenge.entity';
import { NodeEntity } from './entities/node.entity';
import { NodesClock } from './nodes.clock';
import { NODES_CONFIG, NodesConfig } from './nodes.config';
import { Challenge, ChallengeAnswer, proofDigest, verifyChallengeSignature } from './protocol/challenge';
import { checkMeasurement } from './protocol/gpu-plausibility';
import { rowsOf } from './sql-rows';

export interface ChallengeVerdict {
  challengeId: string;
  passed: boolean;
  reason: string;
}

@Injectable()
export class ChallengeService {
  private readonly logger = new Logger('nodes');

  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(NodeChallengeEntity) private readonly challenges: Repository<NodeChallengeEntity>,
    @InjectRepository(NodeEntity) private readonly nodes: Repository<NodeEntity>,
    private readonly clock: NodesClock,
    @Inject(NODES_CONFIG) private readonly config: NodesConfig,
  ) {}

  toWire(c: NodeChallengeEntity): Challenge {
    return { challengeId: c.id, nonce: c.nonce, deadline: c.deadline.toISOString(), rounds: c.rounds, memoryMb: c.memoryMb };
  }

  async openFor(nodeId: string): Promise<NodeChallengeEntity | null> {
    const open = await this.challenges.findOne({ where: { nodeId, state: 'open' }, order: { issuedAt: 'DESC' } });
    return open && open.deadline > this.clock.now() ? open : null;
  }

  /** The open challenge, or a new one when the node needs (re-)verification. */
  async dueFor(node: NodeEntity): Promise<NodeChallengeEntity | null> {
    const open = await this.openFor(node.id);
    if (open) return open;
    const now = this.clock.now().getTime();
    const stale = !node.verifiedAt || now - node.verifiedAt.getTime() > this.config.challengeIntervalMs;
    if (!stale && !node.flagReason) return null;
    // After a failure, wait one heartbeat interval before asking again, so a broken node is not hammered.
    const last = await this.challenges.findOne({ where: { nodeId: node.id }, order: { issuedAt: 'DESC' } });
    if (last && last.state !== 'passed' && now - (last.answeredAt ?? last.deadline).getTime() < this.config.heartbeatIntervalMs) return null;
    return this.issue(node.id);
  }

  async issue(nodeId: string): Promise<NodeChallengeEntity> {
    const now = this.clock.now();
    return this.challenges.save(
      this.challenges.create({
        id: randomUUID(),
        nodeId,
        nonce: randomBytes(32).toString('hex'),
        rounds: this.config.challengeRounds,
        memoryMb: this.config.challengeMemoryMb,
        issuedAt: now,
        deadline: new Date(now.getTime() + this.config.challengeTimeoutMs),
        state: 'open',
        answeredAt: null,
        measurement: null,
        reason: null,
      }),
    );
  }

  async answer(nodeId: string, challengeId: string, answer: ChallengeAnswer): Promise<ChallengeVerdict> {
    const challenge = await this.challenges.findOneBy({ id: challengeId, nodeId });
    if (!challenge) throw notFoundProblem('Challenge', challengeId);
    if (challenge.state !== 'open') throw new ProblemException(409, 'challenge-closed', 'Challenge already closed', `challenge is ${challenge.state}`);
    const node = await this.nodes.findOneByOrFail({ id: nodeId });
    const now = this.clock.now();
    let reason: string;
    let passed = false;
    if (now > challenge.deadline) reason = 'answered after the deadline';
    else if (!verifyChallengeSignature(nodeId, challenge.id, challenge.nonce, answer.proofDigest, answer.signature)) reason = 'challenge signature does not verify';
    else if (answer.proofDigest !== proofDigest(challenge.nonce, nodeId, challenge.rounds)) reason = 'proof digest is wrong';
    else if (answer.measurement.kind === 'cpu' && answer.measurement.memoryMb < challenge.memoryMb) reason = `probe touched ${answer.measurement.memoryMb} MiB, the challenge asked for ${challenge.memoryMb}`;
    else {
      const verdict = checkMeasurement(
        node.reportedInventory.map((g) => ({ model: g.model, vramMb: g.vramMb })),
        answer.measurement,
        this.config.acceptCpuProbes,
      );
      passed = verdict.ok;
      reason = verdict.ok ? verdict.note : verdict.reason;
    }
    const state = passed ? 'passed' : now > challenge.deadline ? 'timeout' : 'failed';
    const closed = rowsOf(
      await this.dataSource.query(
        `UPDATE node_challenges SET state = $2, answered_at = $3, measurement = $4, reason = $5 WHERE id = $1 AND state = 'open' RETURNING id`,
        [challenge.id, state, now, JSON.stringify(answer.measurement), reason],
      ),
    );
    if (closed.length === 0) throw new ProblemException(409, 'challenge-closed', 'Challenge already closed', 'the challenge was closed meanwhile');
    if (passed) await this.recordPass(node, answer.measurement.kind, reason);
    else await this.recordFailure(nodeId, reason);
    return { challengeId, passed, reason };
  }

  /** Closes challenges past their deadline as timeouts, each counting as a failure. */
  async sweepTimeouts(): Promise<number> {
    const rows = rowsOf<{ node_id: string }>(
      await this.dataSource.query(
        `UPDATE node_challenges SET state = 'timeout', reason = 'no answer before the deadline' WHERE state = 'open' AND deadline < $1 RETURNING node_id`,
        [this.clock.now()],
      ),
    );
    for (const row of rows) await this.recordFailure(row.node_id, 'challenge timed out');
    return rows.length;
  }

  private async recordPass(node: NodeEntity, kind: 'gpu' | 'cpu', note: string): Promise<void> {
    const overCap = node.reportedInventory.length > this.config.maxGpusPerNode;
    await this.nodes.update(
      { id: node.id },
      {
        verifiedAt: this.clock.now(),
        verificationKind: kind,
        verificationNote: note,
        challengesPassed: () => 'challenges_passed + 1',
        consecutiveFailures: 0,
        // Passing re-verification is what lets a changed inventory back in.
        inventory: node.reportedInventory,
        flagReason: overCap ? node.flagReason : null,
      },
    );
  }

  private async recordFailure(nodeId: string, reason: string): Promise<void> {
    const rows = rowsOf<{ consecutive_failures: number }>(
      await this.dataSource.query(
        `UPDATE nodes SET challenges_failed = challenges_failed + 1, consecutive_failures = consecutive_failures + 1 WHERE id = $1 RETURNING consecutive_failures`,
        [nodeId],
      ),
    );
    const failures = rows[0]?.consecutive_failures ?? 0;
    this.logger.warn(`node ${nodeId} failed a challenge (${failures} in a row): ${reason}`);
    if (failures >= this.config.challengeMaxFailures) {
      await this.nodes.update({ id: nodeId }, { blockedReason: `failed ${failures} verification challenges in a row (last: ${reason})` });
    }
  }
}
