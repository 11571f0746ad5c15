// Authenticates agent requests: the signature proves the key, the nonce table (shared through Postgres by
// every replica) refuses replays within the window. No header is ever trusted as identity on its own.
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ProblemException } from '../common/problem';
import { NodeRepository } from './node.repository';
import { NodesClock } from './nodes.clock';
import { NODES_CONFIG, NodesConfig } from './nodes.config';
import { verifySignedRequest } from './protocol/request-signature';
import { rawBodyOf } from './raw-body.capture';

const unauthorized = (detail: string, reason: string) => new ProblemException(401, 'node-unauthorized', 'Node request not authenticated', detail, { reason });

/** Nonces of keys that are not (yet) nodes, until their requests would be stale anyway; bounded. */
class RecentNonces {
  private readonly until = new Map<string, number>();
  constructor(private readonly max = 50_000) {}

  /** False when the nonce was already seen. */
  remember(nonce: string, now: number, untilMs: number): boolean {
    const seen = this.until.get(nonce);
    if (seen !== undefined && seen > now) return false;
    if (this.until.size >= this.max) for (const [n, t] of this.until) if (t <= now || this.until.size >= this.max) this.until.delete(n);
    this.until.set(nonce, untilMs);
    return true;
  }
}

@Injectable()
export class NodeAuthService {
  private readonly unregisteredNonces = new RecentNonces();
  constructor(
    private readonly nodes: NodeRepository,
    private readonly clock: NodesClock,
    @Inject(NODES_CONFIG) private readonly config: NodesConfig,
  ) {}

  /** Returns the node id the request is proven to come from; `registration` allows a key not yet registered. */
  async authenticate(req: FastifyRequest, registration: boolean): Promise<string> {
    const verdict = verifySignedRequest(
      req.headers,
      { method: req.method, pathWithQuery: req.url, body: rawBodyOf(req) },
      this.clock.now().getTime(),
      this.config.signatureWindowMs,
    );
    if (!verdict.ok) throw unauthorized(verdict.detail, verdict.reason);
    const known = await this.nodes.authState(verdict.nodeId);
    if (!registration && !known) throw unauthorized('this key is not registered: run `switchyard-agent register` first', 'unknown_node');
    // Remember the nonce only after the signature checks out, and in the table only for a registered node, so
    // nobody can fill it with junk by signing with fresh keys; an unregistered key's nonces are kept in memory.
    if (!known) {
      const now = this.clock.now().getTime();
      if (!this.unregisteredNonces.remember(`${verdict.nodeId}:${verdict.nonce}`, now, now + 2 * this.config.signatureWindowMs)) {
        throw unauthorized('this nonce was already used: the request is a replay', 'replayed_nonce');
      }
      return verdict.nodeId;
    }
    if (!(await this.nodes.rememberNonce(verdict.nodeId, verdict.nonce, this.clock.now())))
      throw unauthorized('this nonce was already used: the request is a replay', 'replayed_nonce');
    if (known.blockedReason) {
      throw new ProblemException(403, 'node-blocked', 'Node blocked', `this node is blocked: ${known.blockedReason}`);
    }
    return verdict.nodeId;
  }

  /** Forgets nonces older than twice the window: a request that old is refused by its timestamp anyway. */
  async pruneNonces(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - 2 * this.config.signatureWindowMs);
    return this.nodes.pruneNonces(cutoff);
  }
}
