// Issues proof-of-GPU challenges and judges them (protocol/challenge.ts). A pass verifies the node for exactly
// the inventory the challenge tested; a failure or timeout takes it out of routing at once (it is unverified
// until it passes again) and blocks it after too many in a row. Re-challenges come at random times.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { notFoundProblem, ProblemException } from '../common/problem';
import { catalogGpuFor, ChallengePlan, planGpuChallenge, planSimulatedChallenge } from './challenge-sizing';
import { ChallengeRepository } from './challenge.repository';
import { checkOpenedRow } from './challenge-verification';
import { NodeChallengeEntity } from './entities/node-challenge.entity';
import { NodeEntity } from './entities/node.entity';
import { NodeRepository } from './node.repository';
import { inventoryChange } from './node-state';
import { NodesClock } from './nodes.clock';
import { NODES_CONFIG, NodesConfig } from './nodes.config';
import type { GpuDevice } from './protocol/agent-wire';
import { Challenge, ChallengeCommit, ChallengeOpening, ChallengeVerdict, CommitResponse, RowRequest, verifyCommitSignature } from './protocol/challenge';
import { GPU_WORK_VERSION } from './protocol/gpu-work';

@Injectable()
export class ChallengeService {
  private readonly logger = new Logger('nodes');

  constructor(
    private readonly challenges: ChallengeRepository,
    private readonly nodes: NodeRepository,
    private readonly clock: NodesClock,
    @Inject(NODES_CONFIG) private readonly config: NodesConfig,
  ) {}

  toWire(c: NodeChallengeEntity): Challenge {
    return {
      challengeId: c.id,
      version: GPU_WORK_VERSION,
      seed: c.nonce,
      profile: c.profile,
      size: c.size,
      rounds: c.rounds,
      gpuIndexes: c.inventory.map((g) => g.index),
      commitDeadline: c.deadline.toISOString(),
      openRows: this.config.challenge.openRows,
    };
  }

  /** The challenge waiting for this node's roots, if its deadline has not passed. */
  async openFor(nodeId: string): Promise<NodeChallengeEntity | null> {
    const open = await this.challenges.latest(nodeId, { open: true });
    return open && open.deadline > this.clock.now() ? open : null;
  }

  /** The open challenge, or a new one when the node needs (re-)verification. */
  async dueFor(node: NodeEntity): Promise<NodeChallengeEntity | null> {
    const open = await this.openFor(node.id);
    // A challenge for an inventory the node no longer reports proves nothing about the new one.
    if (open && !inventoryChange(open.inventory, node.reportedInventory)) return open;
    if (open) return this.issue(node);
    const now = this.clock.now();
    const next = node.nextChallengeAt ?? (node.verifiedAt ? new Date(node.verifiedAt.getTime() + this.config.challengeIntervalMs) : now);
    const due = !node.verifiedAt || node.flagReason !== null || next <= now;
    if (!due) return null;
    const last = await this.challenges.latest(node.id);
    if (last?.state === 'committed' && last.openDeadline && last.openDeadline > now) return null;
    // After a failure, wait one heartbeat interval before asking again, so a broken node is not hammered.
    if (
      last &&
      last.state !== 'passed' &&
      last.state !== 'superseded' &&
      now.getTime() - (last.answeredAt ?? last.deadline).getTime() < this.config.heartbeatIntervalMs
    )
      return null;
    return this.issue(node);
  }

  plan(node: Pick<NodeEntity, 'simulated'>, inventory: GpuDevice[]): ChallengePlan {
    if (node.simulated) return planSimulatedChallenge(this.config.challenge);
    const gpus = inventory.map((g) => {
      const check = catalogGpuFor(g);
      if (!check.ok) throw new ProblemException(422, 'implausible-gpu', 'Implausible GPU', check.reason);
      return check.gpu;
    });
    return planGpuChallenge(
      gpus,
      inventory.map((g) => g.vramMb),
      this.config.challenge,
    );
  }

  /** A fresh challenge for the inventory the node reports now; any earlier unfinished one is superseded. */
  async issue(node: NodeEntity): Promise<NodeChallengeEntity> {
    const now = this.clock.now();
    const inventory = node.reportedInventory;
    const plan = this.plan(node, inventory);
    await this.challenges.supersedeUnfinished(node.id, now);
    return this.challenges.insert({
      id: randomUUID(),
      nodeId: node.id,
      nonce: randomBytes(32).toString('hex'),
      profile: plan.profile,
      size: plan.size,
      rounds: plan.rounds,
      memoryMb: plan.workingSetMb,
      inventory,
      issuedAt: now,
      deadline: new Date(now.getTime() + plan.deadlineMs),
      state: 'open',
      answeredAt: null,
      measurement: null,
      commitment: null,
      opening: null,
      prover: null,
      committedAt: null,
      openDeadline: null,
      reason: null,
    });
  }

  /** Step 1: the roots. Answers with the rows to open, drawn now, or fails the challenge. */
  async commit(nodeId: string, challengeId: string, body: ChallengeCommit): Promise<CommitResponse> {
    const challenge = await this.find(nodeId, challengeId, 'open');
    const now = this.clock.now();
    const expected = challenge.inventory.map((g) => g.index).sort((a, b) => a - b);
    const given = body.roots.map((r) => r.gpuIndex).sort((a, b) => a - b);
    let failure: string | undefined;
    if (now > challenge.deadline) {
      failure = `roots arrived ${now.getTime() - challenge.deadline.getTime()} ms after the commit deadline (${challenge.deadline.getTime() - challenge.issuedAt.getTime()} ms from issue)`;
    } else if (given.join(',') !== expected.join(',')) {
      failure = `roots were sent for GPUs [${given.join(', ')}], the challenge asked for [${expected.join(', ')}]`;
    } else if (!verifyCommitSignature(nodeId, challenge.id, challenge.nonce, body.roots, body.signature)) {
      failure = 'the signature over the roots does not verify';
    }
    if (failure) {
      await this.fail(challenge, failure, now > challenge.deadline ? 'timeout' : 'failed');
      throw new ProblemException(422, 'challenge-failed', 'Challenge failed', failure);
    }
    const open: RowRequest[] = [];
    for (const gpuIndex of expected) {
      const picked = new Set<number>();
      const want = Math.min(this.config.challenge.openRows, challenge.rounds * challenge.size);
      while (picked.size < want) picked.add(randomInt(challenge.rounds * challenge.size));
      for (const t of picked) open.push({ gpuIndex, round: Math.floor(t / challenge.size), row: t % challenge.size });
    }
    const openDeadline = new Date(now.getTime() + this.config.challenge.openTimeoutMs);
    const moved = await this.challenges.commit(challenge.id, now, { commitment: body.roots, opening: open, prover: body.prover, openDeadline });
    if (!moved) throw new ProblemException(409, 'challenge-closed', 'Challenge already closed', 'the challenge was closed meanwhile');
    return { challengeId, open, openDeadline: openDeadline.toISOString() };
  }

  /**
   * Step 2: the rows, in one request or several (a row of an H100-sized challenge is 256 KiB; the request
   * body limit stays small). Each must match its root and the coordinator's own arithmetic; the verdict comes
   * with the last row.
   */
  async open(nodeId: string, challengeId: string, body: ChallengeOpening): Promise<ChallengeVerdict> {
    const challenge = await this.find(nodeId, challengeId, 'committed');
    const now = this.clock.now();
    const asked = challenge.opening ?? [];
    const reason = now > challenge.openDeadline! ? 'rows arrived after the opening deadline' : this.checkRows(challenge, body);
    if (reason) {
      await this.fail(challenge, reason, now > challenge.openDeadline! ? 'timeout' : 'failed');
      return { challengeId, state: 'failed', passed: false, reason, remaining: 0 };
    }
    const sent = new Set(body.rows.map(rowKey));
    const opening = asked.map((r) => (sent.has(rowKey(r)) ? { ...r, verified: true } : r));
    const remaining = opening.filter((r) => !r.verified).length;
    if (remaining > 0) {
      await this.challenges.saveOpening(challenge.id, opening);
      return { challengeId, state: 'pending', passed: false, reason: `${remaining} row(s) still to send`, remaining };
    }
    const took = challenge.committedAt!.getTime() - challenge.issuedAt.getTime();
    const note =
      challenge.profile === 'simulated-demo'
        ? 'simulated demo agent: CPU-sized challenge, not a proof of any GPU'
        : `${challenge.inventory.length} GPU(s) proved ${challenge.rounds} × ${challenge.size}² exact products each: roots in ${took} ms of ${challenge.deadline.getTime() - challenge.issuedAt.getTime()} ms allowed`;
    const closed = await this.challenges.pass(challenge.id, now, note, opening);
    if (!closed) throw new ProblemException(409, 'challenge-closed', 'Challenge already closed', 'the challenge was closed meanwhile');
    await this.recordPass(challenge, note);
    return { challengeId, state: 'passed', passed: true, reason: note, remaining: 0 };
  }

  /** Closes challenges past a deadline as timeouts, each counting as a failure. */
  async sweepTimeouts(): Promise<number> {
    const rows = await this.challenges.timeOutOverdue(this.clock.now());
    for (const row of rows) await this.recordFailure(row.nodeId, row.reason);
    return rows.length;
  }

  private checkRows(challenge: NodeChallengeEntity, body: ChallengeOpening): string | undefined {
    const waiting = new Set((challenge.opening ?? []).filter((r) => !r.verified).map(rowKey));
    const roots = new Map((challenge.commitment ?? []).map((r) => [r.gpuIndex, r.root]));
    const n = challenge.size;
    const seen = new Set<string>();
    for (const opened of body.rows) {
      const key = rowKey(opened);
      if (!waiting.has(key) || seen.has(key)) return `row ${key} (GPU/round/row) was not asked for, or was already sent`;
      seen.add(key);
      const columns = Array.from({ length: Math.min(this.config.challenge.checkEntries, n) }, () => randomInt(n));
      const check = checkOpenedRow({
        seed: challenge.nonce,
        nodeId: challenge.nodeId,
        size: n,
        rounds: challenge.rounds,
        root: roots.get(opened.gpuIndex)!,
        opened,
        columns,
      });
      if (!check.ok) return check.reason;
    }
    return undefined;
  }

  private async find(nodeId: string, challengeId: string, state: 'open' | 'committed'): Promise<NodeChallengeEntity> {
    const challenge = await this.challenges.find(nodeId, challengeId);
    if (!challenge) throw notFoundProblem('Challenge', challengeId);
    if (challenge.state !== state) {
      const detail =
        challenge.state === 'open' || challenge.state === 'committed'
          ? `challenge is ${challenge.state}: ${state === 'open' ? 'roots were already sent' : 'send the roots first'}`
          : `challenge is ${challenge.state}`;
      throw new ProblemException(409, 'challenge-closed', 'Challenge not in this step', detail);
    }
    return challenge;
  }

  private async fail(challenge: NodeChallengeEntity, reason: string, state: 'failed' | 'timeout'): Promise<void> {
    const closed = await this.challenges.close(challenge.id, state, this.clock.now(), reason);
    if (closed) await this.recordFailure(challenge.nodeId, reason);
  }

  private async recordPass(challenge: NodeChallengeEntity, note: string): Promise<void> {
    const node = await this.nodes.get(challenge.nodeId);
    const now = this.clock.now();
    // The pass admits the inventory it tested, and only while that is still what the node reports.
    const current = !inventoryChange(challenge.inventory, node.reportedInventory) && sameIndexes(challenge.inventory, node.reportedInventory);
    const overCap = node.reportedInventory.length > this.config.maxGpusPerNode;
    const interval = this.config.challengeIntervalMs;
    await this.nodes.recordChallengePass(node.id, {
      verifiedAt: now,
      verificationKind: challenge.profile === 'simulated-demo' ? 'cpu' : 'gpu',
      verificationNote: note,
      nextChallengeAt: new Date(now.getTime() + Math.floor(interval / 2) + randomInt(Math.max(1, interval))),
      ...(current ? { inventory: challenge.inventory, flagReason: overCap ? node.flagReason : null } : {}),
    });
  }

  private async recordFailure(nodeId: string, reason: string): Promise<void> {
    // Out of routing at once: an unverified node is not online, so it lists no offers and takes no placement.
    const failures = await this.nodes.recordChallengeFailure(nodeId, `last challenge failed: ${reason}`);
    this.logger.warn(`node ${nodeId} failed a challenge (${failures} in a row): ${reason}`);
    if (failures >= this.config.challengeMaxFailures) {
      await this.nodes.block(nodeId, `failed ${failures} verification challenges in a row (last: ${reason})`);
    }
  }
}

const rowKey = (r: RowRequest) => `${r.gpuIndex}/${r.round}/${r.row}`;

function sameIndexes(a: GpuDevice[], b: GpuDevice[]): boolean {
  const key = (l: GpuDevice[]) =>
    l
      .map((g) => `${g.index}:${g.model}:${g.vramMb}`)
      .sort()
      .join('|');
  return key(a) === key(b);
}
