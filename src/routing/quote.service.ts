import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { NetworkRegistry } from '../plugins/network-registry';
import { PlacementOutlookService } from '../pool/placement-outlook.service';
import { PoolViewService } from '../pool/pool-view.service';
import { TakenCapacity } from '../pool/taken-capacity';
import type { UnderstoodJob } from './job-spec.resolver';
import { route } from './router';
import type { Block, NetworkFacts, RoutingDecision } from './routing.types';

export interface QuoteOptions {
  blocks?: Block[];
  avoidProviders?: ReadonlySet<string>;
  limit?: number;
  /** Treat every network as healthy and every offer as scoring 1: "could anything ever run this?" */
  ignoreHealth?: boolean;
  /** The moment decided for (default: now). */
  nowMs?: number;
}

/** Feeds the pure router from the in-memory pool, health cache and network registry: no database round trip. */
@Injectable()
export class QuoteService {
  constructor(
    private readonly view: PoolViewService,
    private readonly registry: NetworkRegistry,
    private readonly taken: TakenCapacity,
    private readonly outlook: PlacementOutlookService,
  ) {}

  decide(job: Pick<UnderstoodJob, 'requirements' | 'policy'>, options: QuoteOptions = {}): RoutingDecision {
    const index = this.view.pool.index;
    const models = job.requirements.gpuModels;
    const { lists, belowVram } = index.routeLists(models, job.requirements.minVramGb);
    const networks = this.networkFacts(options.ignoreHealth);
    return route({
      requirements: job.requirements,
      policy: job.policy,
      offers: { lists, total: index.size, belowVram },
      scoreOf: options.ignoreHealth ? () => 1 : this.view.scoreOf,
      networks,
      blocks: options.blocks ?? [],
      avoidProviders: options.avoidProviders,
      limit: options.limit ?? 5,
      nowMs: options.nowMs ?? Date.now(),
      // "Could anything ever run this?" asks about the pool as observed, not what is left of it right now.
      takenGpus: options.ignoreHealth || this.taken.size === 0 ? undefined : (offer) => this.taken.takenFrom(offer),
      outlookOf: this.outlook.of,
      successCeiling: this.outlook.successCeiling(networks.keys()),
    });
  }

  /**
   * Everything a decision depends on but the job and the clock: the pool view's stamp, the capacity our own
   * placements are taking and the networks started so far (blocks and avoided providers are the caller's, and not in it).
   */
  stamp(): readonly unknown[] {
    return [...this.view.stamp(), this.taken.version, this.registry.list().length];
  }

  /** Until when no live offer expires: before then the clock changes no decision (see PoolViewService.liveUntilMs). */
  liveUntilMs(nowMs: number): number {
    return this.view.liveUntilMs(nowMs);
  }

  poolSize(): number {
    return this.view.pool.index.size;
  }

  /** The estimated total of the best candidate, as a decimal string, when the job has a duration. */
  static estimate(decision: RoutingDecision): { usdPerHour: string; totalUsd: string | null } | null {
    const best = decision.candidates[0];
    if (!best) return null;
    return { usdPerHour: new Decimal(best.effectiveUsdPerHour).toFixed(4), totalUsd: best.estimatedTotalUsd };
  }

  private networkFacts(ignoreHealth = false): Map<string, NetworkFacts> {
    const facts = new Map<string, NetworkFacts>();
    for (const h of this.registry.list()) {
      facts.set(h.id, { capabilities: h.adapter.capabilities, state: ignoreHealth ? 'healthy' : (this.view.networkState(h.id) ?? 'degraded') });
    }
    return facts;
  }
}
