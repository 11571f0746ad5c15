// Registration, heartbeats, operator settings and the node listing.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { notFoundProblem, ProblemException } from '../common/problem';
import { ChallengeService } from './challenge.service';
import { EnrolmentCodeRepository } from './enrolment-code.repository';
import { NodeEntity } from './entities/node.entity';
import { LeaseRepository } from './lease.repository';
import { NodeRepository } from './node.repository';
import { inventoryChange, NodeHealth, nodeHealth, NodeState, nodeState } from './node-state';
import { NodesClock } from './nodes.clock';
import { NODES_CONFIG, NodesConfig } from './nodes.config';
import { GpuDevice, HeartbeatBody, RegisterBody } from './protocol/agent-wire';
import { Challenge } from './protocol/challenge';
import { catalogGpuFor } from './challenge-sizing';

export interface NodeView {
  id: string;
  name: string | null;
  state: NodeState;
  executor: string;
  agentVersion: string;
  inventory: GpuDevice[];
  reportedInventory: GpuDevice[];
  price: { amount: string; asset: string; per: 'gpu-hour' };
  payoutWallet: string;
  verification: { verifiedAt: string | null; kind: 'gpu' | 'cpu' | null; note: string | null; nextChallengeAt: string | null };
  /** A built-in demo agent with simulated GPUs (never a real node). */
  simulated: boolean;
  flagReason: string | null;
  blockedReason: string | null;
  health: NodeHealth;
  registeredAt: string;
}

export interface HeartbeatReply {
  nodeId: string;
  state: NodeState;
  heartbeatIntervalMs: number;
  challenge: Challenge | null;
  stopLeases: string[];
  /** Why the node is blocked, suspended or flagged, for its operator; null when it is not. */
  reason: string | null;
}

export const hashEnrolmentCode = (code: string) => createHash('sha256').update(code, 'utf8').digest('hex');

@Injectable()
export class NodeRegistryService {
  private readonly logger = new Logger('nodes');

  constructor(
    private readonly nodes: NodeRepository,
    private readonly codes: EnrolmentCodeRepository,
    private readonly leases: LeaseRepository,
    private readonly challenges: ChallengeService,
    private readonly clock: NodesClock,
    @Inject(NODES_CONFIG) private readonly config: NodesConfig,
  ) {}

  async register(nodeId: string, body: RegisterBody): Promise<{ node: NodeView; challenge: Challenge | null; created: boolean }> {
    const existing = await this.nodes.find(nodeId);
    if (existing) {
      // The same key registering again (an agent that lost its state file) changes nothing and costs no code.
      const open = await this.challenges.openFor(nodeId);
      return { node: this.view(existing), challenge: open ? this.challenges.toWire(open) : null, created: false };
    }
    this.checkInventory(body.gpus);
    // A given code is always checked and used; only 'code' enrolment insists on one.
    const simulated = body.enrolmentCode || this.config.enrolment === 'code' ? await this.consumeCode(body.enrolmentCode, nodeId) : false;
    const now = this.clock.now();
    const node = await this.nodes.insert({
      id: nodeId,
      name: body.name ?? null,
      executor: body.executor,
      agentVersion: body.agentVersion,
      inventory: body.gpus,
      reportedInventory: body.gpus,
      priceAmount: body.price.amount,
      priceAsset: body.price.asset,
      payoutWallet: body.payoutWallet,
      registeredAt: now,
      firstHeartbeatAt: null,
      lastHeartbeatAt: null,
      heartbeatCount: 0,
      flagReason: null,
      blockedReason: null,
      verifiedAt: null,
      verificationKind: null,
      verificationNote: null,
      challengesPassed: 0,
      challengesFailed: 0,
      consecutiveFailures: 0,
      simulated,
      nextChallengeAt: null,
    });
    this.logger.log(`node ${nodeId} registered with ${body.gpus.length} × ${body.gpus[0].model}`);
    const challenge = await this.challenges.issue(node);
    return { node: this.view(node), challenge: this.challenges.toWire(challenge), created: true };
  }

  async heartbeat(nodeId: string, body: HeartbeatBody): Promise<HeartbeatReply> {
    // An inventory is a claim: the same checks as at registration, every time.
    this.checkInventory(body.gpus, { capFlags: true });
    const node = await this.nodes.get(nodeId);
    const now = this.clock.now();
    let flagReason = node.flagReason;
    const change = inventoryChange(node.inventory, body.gpus);
    if (body.gpus.length > this.config.maxGpusPerNode) flagReason = `reports ${body.gpus.length} GPUs, more than the cap of ${this.config.maxGpusPerNode}`;
    else if (change) flagReason = `${change}: must pass verification again before it gets work`;
    if (flagReason && flagReason !== node.flagReason) this.logger.warn(`node ${nodeId} flagged: ${flagReason}`);
    await this.nodes.recordHeartbeat(nodeId, now, { agentVersion: body.agentVersion, reportedInventory: body.gpus, flagReason });
    const updated = await this.nodes.get(nodeId);
    const challenge = updated.blockedReason ? null : await this.challenges.dueFor(updated);
    return {
      nodeId,
      state: nodeState(updated, now, this.config),
      heartbeatIntervalMs: this.config.heartbeatIntervalMs,
      challenge: challenge ? this.challenges.toWire(challenge) : null,
      stopLeases: await this.leasesToStop(nodeId, body.leases),
      reason: updated.blockedReason ?? updated.flagReason,
    };
  }

  async updateSettings(nodeId: string, body: { price?: { amount: string; asset: string }; payoutWallet?: string; name?: string }): Promise<NodeView> {
    await this.nodes.updateSettings(nodeId, {
      ...(body.price ? { priceAmount: body.price.amount, priceAsset: body.price.asset } : {}),
      ...(body.payoutWallet ? { payoutWallet: body.payoutWallet } : {}),
      ...(body.name ? { name: body.name } : {}),
    });
    return this.get(nodeId);
  }

  async list(): Promise<NodeView[]> {
    return (await this.nodes.listByRegistration()).map((n) => this.view(n));
  }

  async get(nodeId: string): Promise<NodeView> {
    const node = await this.nodes.find(nodeId);
    if (!node) throw notFoundProblem('Node', nodeId);
    return this.view(node);
  }

  /** Issues a single-use enrolment code; the code is shown once and only its hash is kept. */
  /** `simulated` is only for this service's own demo agents (never reachable from the operator endpoint). */
  async issueEnrolmentCode(note?: string, options: { simulated?: boolean } = {}): Promise<{ id: string; code: string; expiresAt: string }> {
    const code = `sye_${randomBytes(24).toString('base64url')}`;
    const now = this.clock.now();
    const row = await this.codes.insert({
      id: randomUUID(),
      codeHash: hashEnrolmentCode(code),
      note: note ?? null,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.enrolmentCodeTtlMs),
      usedAt: null,
      usedBy: null,
      simulated: options.simulated ?? false,
    });
    return { id: row.id, code, expiresAt: row.expiresAt.toISOString() };
  }

  /** Constant-time check of the operator token (NODES_ADMIN_TOKEN) until accounts land. */
  checkAdminToken(given: string | string[] | undefined): void {
    const expected = this.config.adminToken;
    if (!expected) throw new ProblemException(403, 'forbidden', 'Forbidden', 'operator endpoints are disabled: set NODES_ADMIN_TOKEN');
    const a = createHash('sha256')
      .update(typeof given === 'string' ? given : '')
      .digest();
    const b = createHash('sha256').update(expected).digest();
    if (!timingSafeEqual(a, b)) throw new ProblemException(401, 'unauthorized', 'Unauthorized', 'x-admin-token is missing or wrong');
  }

  view(node: NodeEntity): NodeView {
    const now = this.clock.now();
    return {
      id: node.id,
      name: node.name,
      state: nodeState(node, now, this.config),
      executor: node.executor,
      agentVersion: node.agentVersion,
      inventory: node.inventory,
      reportedInventory: node.reportedInventory,
      price: { amount: node.priceAmount, asset: node.priceAsset, per: 'gpu-hour' },
      payoutWallet: node.payoutWallet,
      verification: {
        verifiedAt: node.verifiedAt?.toISOString() ?? null,
        kind: node.verificationKind,
        note: node.verificationNote,
        nextChallengeAt: node.nextChallengeAt?.toISOString() ?? null,
      },
      simulated: node.simulated,
      flagReason: node.flagReason,
      blockedReason: node.blockedReason,
      health: nodeHealth(node, now, this.config),
      registeredAt: node.registeredAt.toISOString(),
    };
  }

  /** Registration's checks, applied at every heartbeat too (there an over-cap count flags instead of refusing). */
  private checkInventory(gpus: GpuDevice[], opts: { capFlags?: boolean } = {}): void {
    if (gpus.length > this.config.maxGpusPerNode && !opts.capFlags) {
      throw new ProblemException(
        422,
        'too-many-gpus',
        'Too many GPUs',
        `a node may offer at most ${this.config.maxGpusPerNode} GPUs (NODES_MAX_GPUS_PER_NODE)`,
      );
    }
    const seen = new Set<number>();
    for (const [i, gpu] of gpus.entries()) {
      if (seen.has(gpu.index))
        throw new ProblemException(422, 'duplicate-gpu-index', 'Duplicate GPU index', `gpus[${i}].index: device index ${gpu.index} appears more than once`);
      seen.add(gpu.index);
      const claim = catalogGpuFor(gpu);
      if (!claim.ok) throw new ProblemException(422, 'implausible-gpu', 'Implausible GPU', `gpus[${i}]: ${claim.reason}`);
    }
  }

  /** Uses the code; says whether it enrols a simulated demo agent. */
  private async consumeCode(code: string | undefined, nodeId: string): Promise<boolean> {
    if (!code)
      throw new ProblemException(
        403,
        'enrolment-code-required',
        'Enrolment code required',
        'this coordinator admits nodes with an operator-issued enrolment code',
      );
    const now = this.clock.now();
    const used = await this.codes.use(hashEnrolmentCode(code), now, nodeId);
    if (!used) throw new ProblemException(403, 'enrolment-code-invalid', 'Enrolment code not valid', 'the code is unknown, already used or expired');
    return used.simulated === true;
  }

  private async leasesToStop(nodeId: string, running: string[]): Promise<string[]> {
    if (running.length === 0) return [];
    const keep = new Set(await this.leases.activeAmong(nodeId, running));
    return running.filter((id) => !keep.has(id));
  }
}
