import type { AdapterCapabilities, BlockScope } from '../../adapters/sdk';
import type { PlacementOutlook } from '../pool/placement-outlook';
import type { PoolOffer } from '../pool/pool-offer';

export type RoutingPolicy =
  | { kind: 'cheapest' }
  /** Cheapest, with a price penalty for lower health: effective × (1 + weight × (1 − score)). */
  | { kind: 'balanced'; healthWeight: number }
  /** Networks in this order first (each cheapest-first), then the rest. */
  | { kind: 'network-preference'; order: string[] }
  /** Regions in this order first (each cheapest-first), then the rest. */
  | { kind: 'region-preference'; order: string[] };

export interface RouteRequirements {
  /** Canonical GPU ids allowed; undefined means any GPU. */
  gpuModels?: ReadonlySet<string>;
  gpuCount: number;
  minVramGb?: number;
  cpu?: number;
  memoryGb?: number;
  diskGb?: number;
  regions?: string[];
  excludeRegions?: string[];
  networks?: string[];
  excludeNetworks?: string[];
  /** Provider attributes an offer must carry with exactly these values (job placement.attributes). */
  attributes?: Record<string, string>;
  /** Integer micro-USD per GPU-hour. */
  maxUsdPerGpuHourMicros?: number;
  minScore: number;
  firmOnly: boolean;
  needs: { ipfsInputs: boolean; multiService: boolean; ports: boolean };
  durationHours?: number;
  /** startWithinMinutes: candidates expected to start later rank after those expected in time. */
  startWithinMs?: number;
}

export interface Block {
  scope: BlockScope;
  network: string;
  /** offer id, provider id or region, by scope; empty for network and account scopes. */
  key: string;
  until: number;
  reason: string;
}

export interface NetworkFacts {
  capabilities: AdapterCapabilities;
  state: 'healthy' | 'degraded' | 'down';
}

export interface RoutingInput {
  requirements: RouteRequirements;
  policy: RoutingPolicy;
  /**
   * Candidate offers per allowed model, each list cheapest first; `total` is the size of the whole pool, `belowVram`
   * the offers of models left out of the lists because they have less VRAM than the job asks for.
   */
  offers: { lists: ReadonlyArray<readonly PoolOffer[]>; total: number; belowVram?: number };
  scoreOf: (offer: PoolOffer) => number;
  networks: ReadonlyMap<string, NetworkFacts>;
  blocks: readonly Block[];
  /**
   * Providers to rank after all others (after a preemption or a lost node), keyed `network/providerId`;
   * `network/*` ranks a whole network after all others.
   */
  avoidProviders?: ReadonlySet<string>;
  limit: number;
  nowMs: number;
  /** GPUs of an offer taken by jobs placed since it was observed (see TakenCapacity); none when absent. */
  takenGpus?: (offer: PoolOffer) => number;
  /** Expected time to placement and placement success from our own record; unknown for every offer when absent. */
  outlookOf?: (offer: PoolOffer) => PlacementOutlook;
  /**
   * No offer's outlook carries a success rate above this that the ranking uses (see successCeiling): lets the
   * cheapest policy stop at the first offer whose list price ÷ this bound already loses. 1 when absent.
   */
  successCeiling?: number;
}

export interface Candidate {
  rank: number;
  network: string;
  offerId: string;
  providerId: string;
  region: string | null;
  gpuModel: string;
  gpuCount: number;
  fixedCount: boolean;
  usdPerGpuHour: string;
  /** What the job would pay per hour on this offer (a fixed bundle is paid whole). */
  effectiveUsdPerHour: string;
  estimatedTotalUsd: string | null;
  priceKind: 'firm' | 'estimate';
  stale: boolean;
  score: number;
  /** Expected minutes from submit to running (queue ahead included), and the samples it rests on. */
  expectedStartMinutes: number | null;
  startSamples: number;
  /** Measured share of placements that reached running, and the placements it rests on. */
  placementSuccessRate: number | null;
  successSamples: number;
  /** What the job is expected to cost per hour once failed placements are counted (list price ÷ success rate). */
  expectedUsdPerHour: string;
  why: string;
}

export interface RoutingDecision {
  policy: RoutingPolicy;
  considered: number;
  eligible: number;
  candidates: Candidate[];
  dropped: Record<string, number>;
  explanation: string;
}
