// The offers the native adapter lists: online, verified, unflagged nodes with free GPUs, at their asking price.
import { Inject, Injectable } from '@nestjs/common';
import type { NodeEntity } from './entities/node.entity';
import { LeaseRepository } from './lease.repository';
import { LeaseService } from './lease.service';
import { MarketOffer, modelSlug, offerIdFor } from './market-wire';
import { NodeRepository } from './node.repository';
import { nodeHealth, nodeState } from './node-state';
import { NodesClock } from './nodes.clock';
import { NODES_CONFIG, NodesConfig } from './nodes.config';

@Injectable()
export class MarketService {
  constructor(
    private readonly nodes: NodeRepository,
    private readonly leases: LeaseRepository,
    private readonly leaseService: LeaseService,
    private readonly clock: NodesClock,
    @Inject(NODES_CONFIG) private readonly config: NodesConfig,
  ) {}

  async offers(): Promise<{ offers: MarketOffer[] }> {
    await this.leaseService.sweepExpired();
    const now = this.clock.now();
    // "Available" means rentable now: only nodes that heartbeat, passed verification and are not flagged.
    const nodes = (await this.nodes.all()).filter((n) => nodeState(n, now, this.config) === 'online');
    if (nodes.length === 0) return { offers: [] };
    const active = await this.leases.activeGpus(nodes.map((n) => n.id));
    const taken = new Map<string, Set<number>>();
    for (const l of active) for (const i of l.gpuIndexes) (taken.get(l.nodeId) ?? taken.set(l.nodeId, new Set()).get(l.nodeId)!).add(i);
    const offers: MarketOffer[] = [];
    for (const node of nodes) {
      const health = nodeHealth(node, now, this.config);
      const byModel = new Map<string, NodeEntity['inventory']>();
      for (const gpu of node.inventory) (byModel.get(modelSlug(gpu.model)) ?? byModel.set(modelSlug(gpu.model), []).get(modelSlug(gpu.model))!).push(gpu);
      for (const gpus of byModel.values()) {
        const free = gpus.filter((g) => !taken.get(node.id)?.has(g.index)).length;
        if (free === 0) continue;
        offers.push({
          offerId: offerIdFor(node.id, gpus[0].model),
          nodeId: node.id,
          name: node.name,
          gpu: { model: gpus[0].model, vramMb: gpus[0].vramMb, free, total: gpus.length },
          price: { amount: node.priceAmount, asset: node.priceAsset, per: 'gpu-hour' },
          signals: {
            online: true,
            verified: node.verifiedAt !== null,
            verificationKind: node.verificationKind,
            verificationNote: node.verificationNote,
            uptime: health.uptime,
            healthScore: health.score,
          },
          lastHeartbeatAt: node.lastHeartbeatAt?.toISOString() ?? null,
          observedAt: now.toISOString(),
        });
      }
    }
    return { offers };
  }
}
