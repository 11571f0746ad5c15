// The router (pure): requirements + pool + health + policy → ranked candidates that explain themselves.
// Hard filters first, then a global ranking by effective USD per hour under the policy. Only the top
// `limit` candidates are kept (a bounded insertion list), so a request touches each eligible offer once.
import Decimal from 'decimal.js';
import type { PoolOffer } from '../pool/pool-offer';
import { compareIds } from '../pool/offer-query';
import { regionMatches } from '../pool/region';
import { MIN_SUCCESS_SAMPLES, type PlacementOutlook } from '../pool/placement-outlook';
import type { Block, Candidate, RoutingDecision, RoutingInput, RoutingPolicy } from './routing.types';

const NO_OUTLOOK: PlacementOutlook = { expectedStartMs: null, startSamples: 0, queuedAhead: 0, successRate: null, successSamples: 0, basis: 'none' };

export const DROP_REASONS = {
  gpu: 'wrong GPU model',
  expired: 'offer expired',
  count: 'not enough GPUs',
  taken: 'GPUs taken by jobs placed since the last sync',
  vram: 'not enough VRAM',
  cpu: 'not enough CPU',
  memory: 'not enough memory',
  disk: 'not enough disk',
  region: 'region not allowed',
  attributes: 'missing required provider attributes',
  network: 'network not allowed',
  price: 'over max price',
  firm: 'price is an estimate',
  unhealthy: 'unhealthy',
  down: 'network down',
  blocked: 'blocked after a failure',
  unsupported: 'network cannot run this job',
  pricier: 'pricier than the chosen candidates (not examined)',
} as const;

interface Ranked {
  offer: PoolOffer;
  score: number;
  /** Integer micro-USD per hour the job would pay. */
  effectiveMicros: number;
  /** effectiveMicros once failed placements are counted (÷ the measured success rate). */
  expectedMicros: number;
  outlook: PlacementOutlook;
  /** Expected to start after the job's start window. */
  late: boolean;
  /** Sort key: lower is better. */
  key: number[];
}

export function route(input: RoutingInput): RoutingDecision {
  const { requirements: req, nowMs } = input;
  const dropped: Record<string, number> = {};
  const drop = (reason: string) => (dropped[reason] = (dropped[reason] ?? 0) + 1);
  const top: Ranked[] = [];
  /** The eligible offer with the lowest list price that the job does not avoid: what the choice is explained against. */
  let listCheapest: Ranked | undefined;
  let considered = 0;
  let eligible = 0;

  const allowNetworks = req.networks?.length ? new Set(req.networks) : undefined;
  const denyNetworks = new Set(req.excludeNetworks ?? []);
  const activeBlocks = input.blocks.filter((b) => b.until > nowMs);

  // Every list is cheapest per GPU first, and every eligible offer pays its per-GPU price × the requested
  // count (a fixed bundle must match the count exactly). So once a list's price passes the cap, or — under
  // the cheapest policy — the worst candidate already kept, nothing further down that list can be chosen:
  // it is counted in bulk, not examined.
  const byPrice = input.policy.kind === 'cheapest';
  const capMicros = req.maxUsdPerGpuHourMicros;
  // Expected cost = list price ÷ success rate, and no rate exceeds the ceiling: list price ÷ ceiling bounds it below.
  const rateBound = input.outlookOf ? Math.max(0.05, Math.min(1, input.successCeiling ?? 1)) : 1;
  for (const list of input.offers.lists) {
    for (let i = 0; i < list.length; i++) {
      const offer = list[i];
      const perGpu = offer.usdPerGpuHourMicros;
      if (capMicros !== undefined && perGpu > capMicros) {
        dropped[DROP_REASONS.price] = (dropped[DROP_REASONS.price] ?? 0) + list.length - i;
        considered += list.length - i;
        break;
      }
      if (byPrice && top.length === input.limit) {
        // The key is [avoided, late, expected cost, …], and an expected cost is never below the list price ÷ the
        // success ceiling (rounded the same way): past that point nothing further down this list can enter the top.
        const worst = top[top.length - 1];
        if (worst.key[0] === 0 && worst.key[1] === 0 && Math.round((perGpu * req.gpuCount) / rateBound) > worst.key[2]) {
          dropped[DROP_REASONS.pricier] = (dropped[DROP_REASONS.pricier] ?? 0) + list.length - i;
          considered += list.length - i;
          break;
        }
      }
      considered++;
      const reason = hardFilter(offer, input, allowNetworks, denyNetworks, activeBlocks);
      if (reason) {
        drop(reason);
        continue;
      }
      const score = input.scoreOf(offer);
      if (score < req.minScore) {
        drop(DROP_REASONS.unhealthy);
        continue;
      }
      const effectiveMicros = perGpu * req.gpuCount;
      eligible++;
      const outlook = input.outlookOf?.(offer) ?? NO_OUTLOOK;
      const late = req.startWithinMs !== undefined && outlook.expectedStartMs !== null && outlook.expectedStartMs > req.startWithinMs;
      const expectedMicros = expectedCost(effectiveMicros, outlook);
      const ranked: Ranked = {
        offer,
        score,
        effectiveMicros,
        expectedMicros,
        outlook,
        late,
        key: rankKey(input.policy, offer, score, expectedMicros, late, input.avoidProviders),
      };
      if (!ranked.key[0] && (!listCheapest || cheaperListing(ranked, listCheapest))) listCheapest = ranked;
      insertTop(top, ranked, input.limit);
    }
  }
  const belowVram = input.offers.belowVram ?? 0;
  if (belowVram > 0) dropped[DROP_REASONS.vram] = (dropped[DROP_REASONS.vram] ?? 0) + belowVram;
  const wrongGpu = input.offers.total - considered - belowVram;
  if (wrongGpu > 0) dropped[DROP_REASONS.gpu] = (dropped[DROP_REASONS.gpu] ?? 0) + wrongGpu;

  const candidates = top.map((r, i) => toCandidate(r, i, top[0], input));
  return {
    policy: input.policy,
    considered: input.offers.total,
    eligible,
    candidates,
    dropped,
    explanation: explain(input.offers.total, eligible, candidates, dropped) + dearerBecause(top[0], listCheapest, input),
  };
}

/** Lower list price; among equal ones the listing's order (network, offer id), whichever list an offer came from. */
function cheaperListing(a: Ranked, b: Ranked): boolean {
  return a.effectiveMicros < b.effectiveMicros || (a.effectiveMicros === b.effectiveMicros && compareIds(a.offer, b.offer) < 0);
}

/** List price ÷ measured placement success, once the rate rests on enough placements: failed placements cost a retry. */
function expectedCost(effectiveMicros: number, o: PlacementOutlook): number {
  if (o.successRate === null || o.successSamples < MIN_SUCCESS_SAMPLES) return effectiveMicros;
  return Math.round(effectiveMicros / Math.max(0.05, o.successRate));
}

/** Says why the chosen offer is dearer than the cheapest eligible one, when start time or placement success decided it. */
function dearerBecause(chosen: Ranked | undefined, cheaper: Ranked | undefined, input: RoutingInput): string {
  if (!chosen || !cheaper || chosen === cheaper || cheaper.effectiveMicros >= chosen.effectiveMicros) return '';
  const more = micros(chosen.effectiveMicros - cheaper.effectiveMicros).toFixed(4);
  const head = ` Chose ${chosen.offer.network}/${chosen.offer.providerId} although ${cheaper.offer.network}/${cheaper.offer.providerId} lists $${more}/h less:`;
  if (cheaper.late && !chosen.late) {
    const window = Math.round(input.requirements.startWithinMs! / 60_000);
    return `${head} that one is expected to start in ${startText(cheaper.outlook)}, after the ${window}-minute start window; this one in ${startText(chosen.outlook)}.`;
  }
  if (cheaper.expectedMicros > cheaper.effectiveMicros && cheaper.expectedMicros > chosen.expectedMicros) {
    return `${head} its placements reached running ${pct(cheaper.outlook.successRate!)} of the time (${cheaper.outlook.successSamples} placements), so it is expected to cost $${micros(cheaper.expectedMicros).toFixed(4)}/h with retries, against $${micros(chosen.expectedMicros).toFixed(4)}/h here.`;
  }
  return '';
}

function startText(o: PlacementOutlook): string {
  if (o.expectedStartMs === null) return 'an unknown time (no record yet)';
  const ahead = o.queuedAhead ? `, ${o.queuedAhead} of our orders ahead` : '';
  return `~${minutes(o.expectedStartMs)} min (${o.startSamples} placements on record for ${o.basis}${ahead})`;
}

function minutes(ms: number): string {
  const m = ms / 60_000;
  return m < 10 ? m.toFixed(1) : Math.round(m).toString();
}

function pct(rate: number): string {
  return `${Math.round(rate * 100)} %`;
}

function hardFilter(offer: PoolOffer, input: RoutingInput, allow: Set<string> | undefined, deny: Set<string>, blocks: Block[]): string | undefined {
  const req = input.requirements;
  if (offer.expiresAtMs <= input.nowMs) return DROP_REASONS.expired;
  if (req.gpuModels && !req.gpuModels.has(offer.gpuModel)) return DROP_REASONS.gpu;
  if (offer.fixedCount ? offer.gpuCount !== req.gpuCount : offer.gpuCount < req.gpuCount) return DROP_REASONS.count;
  if (input.takenGpus) {
    const taken = input.takenGpus(offer);
    // A fixed bundle is taken whole.
    if (taken > 0 && (offer.fixedCount || offer.gpuCount - taken < req.gpuCount)) return DROP_REASONS.taken;
  }
  if (req.minVramGb !== undefined && offer.gpuVramGb < req.minVramGb) return DROP_REASONS.vram;
  if (req.cpu !== undefined && offer.cpu !== null && offer.cpu < req.cpu) return DROP_REASONS.cpu;
  if (req.memoryGb !== undefined && offer.memoryGb !== null && offer.memoryGb < req.memoryGb) return DROP_REASONS.memory;
  if (req.diskGb !== undefined && offer.diskGb !== null && offer.diskGb < req.diskGb) return DROP_REASONS.disk;
  if (allow && !allow.has(offer.network)) return DROP_REASONS.network;
  if (deny.has(offer.network)) return DROP_REASONS.network;
  if (req.regions?.length && !req.regions.some((r) => regionMatches(offer.region, r))) return DROP_REASONS.region;
  if (req.excludeRegions?.some((r) => regionMatches(offer.region, r))) return DROP_REASONS.region;
  if (req.attributes && !hasAttributes(offer, req.attributes)) return DROP_REASONS.attributes;
  if (req.firmOnly && offer.priceKind !== 'firm') return DROP_REASONS.firm;
  const network = input.networks.get(offer.network);
  if (!network) return DROP_REASONS.unsupported;
  const caps = network.capabilities;
  if (!caps.submit || (req.needs.ipfsInputs && !caps.ipfsInputs) || (req.needs.multiService && !caps.multiService) || (req.needs.ports && !caps.ports)) {
    return DROP_REASONS.unsupported;
  }
  if (network.state === 'down') return DROP_REASONS.down;
  for (const b of blocks) if (b.network === offer.network && blockMatches(b, offer)) return DROP_REASONS.blocked;
  return undefined;
}

function hasAttributes(o: PoolOffer, required: Record<string, string>): boolean {
  for (const [name, value] of Object.entries(required)) if (o.providerAttributes?.[name] !== value) return false;
  return true;
}

function blockMatches(b: Block, o: PoolOffer): boolean {
  switch (b.scope) {
    case 'offer':
      return b.key === o.offerId;
    case 'provider':
      return b.key === o.providerId;
    case 'region':
      return b.key === (o.region ?? '');
    case 'network':
    case 'account':
      return true;
  }
}

/** Why the job avoids this offer's provider, if it does: the provider itself, or its whole network. */
function avoidance(o: PoolOffer, avoid?: ReadonlySet<string>): 'provider' | 'network' | undefined {
  if (!avoid || avoid.size === 0) return undefined;
  if (avoid.has(`${o.network}/${o.providerId}`)) return 'provider';
  return avoid.has(`${o.network}/*`) ? 'network' : undefined;
}

/** Avoided providers last, then offers expected to start after the window, then the policy over the expected cost. */
function rankKey(policy: RoutingPolicy, o: PoolOffer, score: number, expected: number, late: boolean, avoid?: ReadonlySet<string>): number[] {
  const avoided = avoidance(o, avoid) ? 1 : 0;
  const lateKey = late ? 1 : 0;
  switch (policy.kind) {
    case 'cheapest':
      return [avoided, lateKey, expected, -score];
    case 'balanced':
      return [avoided, lateKey, Math.round(expected * (1 + policy.healthWeight * (1 - score))), expected, -score];
    case 'network-preference':
      return [avoided, lateKey, preferenceIndex(policy.order, o.network), expected, -score];
    case 'region-preference': {
      const i = policy.order.findIndex((r) => regionMatches(o.region, r));
      return [avoided, lateKey, i < 0 ? policy.order.length : i, expected, -score];
    }
  }
}

function preferenceIndex(order: string[], value: string): number {
  const i = order.indexOf(value);
  return i < 0 ? order.length : i;
}

function compareKeys(a: Ranked, b: Ranked): number {
  for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
  return a.offer.network.localeCompare(b.offer.network) || a.offer.offerId.localeCompare(b.offer.offerId);
}

function insertTop(top: Ranked[], item: Ranked, limit: number): void {
  if (top.length === limit && compareKeys(item, top[top.length - 1]) >= 0) return;
  let i = top.length;
  while (i > 0 && compareKeys(item, top[i - 1]) < 0) i--;
  top.splice(i, 0, item);
  if (top.length > limit) top.pop();
}

function toCandidate(r: Ranked, i: number, best: Ranked, input: RoutingInput): Candidate {
  const o = r.offer;
  const perHour = micros(r.effectiveMicros);
  const hours = input.requirements.durationHours;
  return {
    rank: i + 1,
    network: o.network,
    offerId: o.offerId,
    providerId: o.providerId,
    region: o.region,
    gpuModel: o.gpuModel,
    gpuCount: o.gpuCount,
    fixedCount: o.fixedCount,
    usdPerGpuHour: o.usdPerGpuHour,
    effectiveUsdPerHour: perHour.toFixed(6),
    estimatedTotalUsd: hours !== undefined ? perHour.mul(hours).toFixed(2) : null,
    priceKind: o.priceKind,
    stale: o.stale,
    score: r.score,
    expectedStartMinutes: r.outlook.expectedStartMs === null ? null : Number((r.outlook.expectedStartMs / 60_000).toFixed(2)),
    startSamples: r.outlook.startSamples,
    placementSuccessRate: r.outlook.successRate === null ? null : Number(r.outlook.successRate.toFixed(3)),
    successSamples: r.outlook.successSamples,
    expectedUsdPerHour: micros(r.expectedMicros).toFixed(6),
    why: whyRanked(r, i, best, input),
  };
}

function whyRanked(r: Ranked, i: number, best: Ranked, input: RoutingInput): string {
  const o = r.offer;
  const facts = `${o.gpuCount}× ${o.gpuModel} on ${o.network}/${o.providerId}${o.region ? ` (${o.region})` : ''} at $${trim(o.usdPerGpuHour)}/GPU-hour (${o.priceKind}${o.stale ? ', stale FX' : ''}), health ${r.score}`;
  const why = avoidance(o, input.avoidProviders);
  const avoided =
    why === 'provider'
      ? '; ranked last because this provider just lost or failed the job'
      : why === 'network'
        ? `; ranked last because no provider of ${o.network} took the job just now`
        : '';
  const bundle = o.fixedCount ? '; a fixed bundle paid whole' : '';
  const start = input.outlookOf ? `; expected to start in ${startText(r.outlook)}${r.late ? ', after the start window' : ''}` : '';
  const success =
    r.outlook.successRate !== null ? `; placements reached running ${pct(r.outlook.successRate)} of the time (${r.outlook.successSamples} placements)` : '';
  const facts2 = `${bundle}${start}${success}`;
  if (i === 0) return `${rankReason(input.policy, true)}: ${facts}${facts2}${avoided}`;
  const more = micros(r.effectiveMicros - best.effectiveMicros);
  const delta = more.gt(0)
    ? `$${more.toFixed(4)}/h more than #1`
    : more.lt(0)
      ? `$${more.neg().toFixed(4)}/h less than #1 but ranked lower by the policy`
      : 'same price as #1';
  return `#${i + 1} (${delta}): ${facts}${facts2}${avoided}`;
}

function rankReason(policy: RoutingPolicy, first: boolean): string {
  const lead = first ? 'chosen' : 'ranked';
  switch (policy.kind) {
    case 'cheapest':
      return `${lead} as the cheapest capable healthy offer`;
    case 'balanced':
      return `${lead} as the best price after a health penalty (weight ${policy.healthWeight})`;
    case 'network-preference':
      return `${lead} by network preference ${policy.order.join(' > ')}, then price`;
    case 'region-preference':
      return `${lead} by region preference ${policy.order.join(' > ')}, then price`;
  }
}

function explain(total: number, eligible: number, candidates: Candidate[], dropped: Record<string, number>): string {
  const reasons = Object.entries(dropped)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `${n} ${reason}`)
    .join(', ');
  const head = `${total} offers considered: ${eligible} eligible${reasons ? `; dropped ${reasons}` : ''}.`;
  if (!candidates.length) return `${head} Nothing can run this job now.`;
  const c = candidates[0];
  return `${head} Best: ${c.network}/${c.providerId} at $${c.effectiveUsdPerHour}/hour.`;
}

function micros(value: number): Decimal {
  return new Decimal(value).div(1_000_000);
}

function trim(d: string): string {
  return new Decimal(d).toDecimalPlaces(4).toString();
}
