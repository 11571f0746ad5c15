// The simulated deployment market: deployments from SDLs, bids from providers with capacity (arriving
// after a delay, priced around the provider's ask, never above the order's max price unless a fault says so),
// leases that take capacity and free it on close, and services that come up over time. Like a provider's
// bid engine, a bid reserves the GPUs it offers until it wins (they become the lease) or is lost or closed,
// so a provider never bids capacity it has already promised elsewhere.
import Decimal from 'decimal.js';
import { parse } from 'yaml';
import type { SeededRandom } from '../sdk';
import { SimHttpError } from '../sdk';
import { normalizeGpuInterface, toDecCoinAmount, usdPerHourToUactPerBlock } from './akash.units';
import { ConsoleRewrite, SdlManifestError, applyConsoleRewrite, consoleManifest } from './sdl/console-manifest';
import { IDEMPOTENCY_ENV } from './sdl/generate-sdl';
import { sdlSchema } from './sdl/sdl.schema';
import { BID_SPREAD, SIM_AUDITOR, SimGpuPool, SimProvider, askUsdPerGpuHour, freeGpus } from './akash.sim-world';

const BLOCK_MS = 6_000;
/** How long an open bid holds its provider's GPUs without a lease. */
const BID_TIMEOUT_MS = 300_000;
/** The AKT price the simulated network converts uakt bids with (USD per AKT). */
export const SIM_AKT_USD = 1.2;

export interface GpuRequirement {
  units: number;
  models: Array<{ model: string; ram?: string; interface?: string }>;
}

interface SimBid {
  provider: SimProvider;
  /** The provider's GPUs the bid offers (and reserves while open). */
  pool: SimGpuPool;
  amount: Decimal;
  appearsAt: number;
  state: 'open' | 'active' | 'lost' | 'closed';
  createdHeight: number;
  /** Whether this open bid still holds its GPUs (counted in its pool's `leased`). */
  reserved: boolean;
}

interface SimLease {
  provider: SimProvider;
  pool: SimGpuPool;
  amount: Decimal;
  state: 'active' | 'closed' | 'insufficient_funds';
  createdAt: number;
  createdHeight: number;
  closedHeight?: number;
  reason?: string;
  readyAt: number;
  host: string;
  /** When the provider drops this lease on its own (a node failure), drawn at lease time; absent: never. */
  dropsAt?: number;
}

export interface SimDeployment {
  dseq: string;
  owner: string;
  hash: string;
  state: 'active' | 'closed';
  createdAt: number;
  createdHeight: number;
  services: Array<{ name: string; count: number; ports: number[] }>;
  requirement: GpuRequirement;
  /** Placement attributes a provider must carry to bid (e.g. region), as written in the SDL. */
  attributes: Record<string, string>;
  /** `signedBy.anyOf` after the Console's rewrite: a provider must be audited by one of them to bid. */
  signedBy: string[];
  /** The manifest the Console answered at creation (chain-sdk's sorted JSON). */
  manifest: string;
  denom: 'uact' | 'uakt';
  maxPerBlock: Decimal;
  depositUsd: number;
  bids: SimBid[];
  lease?: SimLease;
  key: string;
}

export interface MarketOptions {
  owner: string;
  /** Delay before the first bids arrive (later ones come up to 2.5× this). */
  bidDelayMs: number;
  /** Time from lease to ready services. */
  startupMs: number;
  /** Share of leases a provider drops on its own some seconds after they are up, as real providers sometimes do. */
  leaseDropRate?: number;
  /** Draws lease fates; separate from `rnd` so the bids a seed produces do not depend on it. */
  fates?: SeededRandom;
  /** What the simulated Console does to every SDL (grant denom, allowed auditors). */
  rewrite: ConsoleRewrite;
}

export class SimMarket {
  private readonly deployments = new Map<string, SimDeployment>();
  private readonly startMs = Date.now();
  private lastDseq = 0;

  constructor(
    private readonly providers: SimProvider[],
    private readonly rnd: SeededRandom,
    private readonly options: MarketOptions,
  ) {}

  height(now = Date.now()): number {
    return 21_432_000 + Math.floor((now - this.startMs) / BLOCK_MS);
  }

  /** POST /v1/deployments as the Console does it: its rewrites, then chain-sdk's manifest and hash. */
  async create(
    sdlText: string,
    depositUsd: number | undefined,
    flags: { bidDelayMs?: number; overpricedBids: boolean; priceMultiplier?: number; silentProviders?: string[] },
  ): Promise<SimDeployment> {
    const now = Date.now();
    const parsed = parseOrder(sdlText, this.options.rewrite);
    let made: { hash: string; manifest: string };
    try {
      made = await consoleManifest(sdlText, this.options.rewrite);
    } catch (err) {
      if (err instanceof SdlManifestError) throw new SimHttpError(400, { error: 'BadRequest', message: err.message });
      throw err;
    }
    const dseq = Math.max(this.height(now), this.lastDseq + 1);
    this.lastDseq = dseq;
    const deployment: SimDeployment = {
      dseq: String(dseq),
      owner: this.options.owner,
      hash: made.hash,
      manifest: made.manifest,
      state: 'active',
      createdAt: now,
      createdHeight: this.height(now),
      ...parsed,
      depositUsd: depositUsd ?? 0.5,
      bids: [],
    };
    deployment.bids = this.bidsFor(
      deployment,
      flags.bidDelayMs ?? this.options.bidDelayMs,
      flags.overpricedBids,
      flags.priceMultiplier ?? 1,
      new Set(flags.silentProviders ?? []),
    );
    this.deployments.set(deployment.dseq, deployment);
    return deployment;
  }

  get(dseq: string): SimDeployment {
    const d = this.deployments.get(dseq);
    if (!d) throw new SimHttpError(404, { error: 'NotFound', message: `Deployment ${dseq} not found` });
    return d;
  }

  list(): SimDeployment[] {
    return [...this.deployments.values()].sort((a, b) => Number(a.dseq) - Number(b.dseq));
  }

  /** Deployments still open (holding escrow): what the Console's deployment list answers. */
  active(): SimDeployment[] {
    return this.list().filter((d) => d.state === 'active');
  }

  visibleBids(d: SimDeployment, now = Date.now()): SimBid[] {
    return d.bids.filter((b) => b.appearsAt <= now);
  }

  lease(dseq: string, provider: string, gseq: number, oseq: number): SimDeployment {
    const d = this.get(dseq);
    if (d.state !== 'active') throw new SimHttpError(400, { error: 'BadRequest', message: `Deployment ${dseq} is closed` });
    if (gseq !== 1 || oseq !== 1) throw new SimHttpError(400, { error: 'BadRequest', message: `No order ${dseq}/${gseq}/${oseq}` });
    if (d.lease) throw new SimHttpError(400, { error: 'BadRequest', message: `Deployment ${dseq} already has a lease` });
    const bid = this.visibleBids(d).find((b) => b.provider.owner === provider && b.state === 'open');
    if (!bid) throw new SimHttpError(400, { error: 'BadRequest', message: `No open bid from ${provider} on ${dseq}` });
    const gpus = d.requirement.units;
    this.release(d); // the reservations of this order's bids: the winner's GPUs become the lease below
    if (freeGpus(bid.provider, bid.pool) < gpus)
      throw new SimHttpError(400, { error: 'BadRequest', message: `Provider ${provider} no longer has ${gpus} GPUs free` });
    const now = Date.now();
    bid.pool.leased += gpus;
    for (const b of d.bids) b.state = b === bid ? 'active' : 'lost';
    const readyAt = now + this.options.startupMs;
    const fates = this.options.fates;
    const drops = fates !== undefined && fates.chance(this.options.leaseDropRate ?? 0);
    d.lease = {
      provider: bid.provider,
      pool: bid.pool,
      amount: bid.amount,
      state: 'active',
      createdAt: now,
      createdHeight: this.height(now),
      readyAt,
      host: `${this.rnd.hex(6)}${this.rnd.hex(4)}.ingress.${bid.provider.name}`,
      ...(drops ? { dropsAt: readyAt + fates.int(1_000, 15_000) } : {}),
    };
    return d;
  }

  /** Idempotent, as the Console's close is (deployment-writer.service.ts `close`): an already closed one is a no-op. */
  close(dseq: string): void {
    const d = this.get(dseq);
    if (d.state === 'closed') return;
    this.closeDeployment(d, 'owner closed the deployment');
  }

  /** Applies what time does to a deployment: a lease the provider drops (`loseLeases` on, or its drawn fate). */
  advance(d: SimDeployment, flags: { loseLeases: boolean }): void {
    // Open bids that nobody accepted time out, and their GPUs go back to the provider.
    if (!d.lease && Date.now() - d.createdAt > BID_TIMEOUT_MS) this.release(d);
    const lease = d.lease;
    if (d.state !== 'active' || lease?.state !== 'active') return;
    const now = Date.now();
    const dropped = flags.loseLeases ? now >= lease.readyAt : lease.dropsAt !== undefined && now >= lease.dropsAt;
    if (dropped) {
      lease.state = 'closed';
      lease.closedHeight = this.height();
      lease.reason = 'lease closed by provider (simulated)';
      lease.pool.leased -= d.requirement.units;
    }
  }

  /** Moves every deployment along, so capacity held by dropped leases is free again in the provider views. */
  advanceAll(flags: { loseLeases: boolean }): void {
    for (const d of this.deployments.values()) this.advance(d, flags);
  }

  private closeDeployment(d: SimDeployment, reason: string): void {
    this.release(d);
    d.state = 'closed';
    for (const b of d.bids) if (b.state === 'open' || b.state === 'active') b.state = 'closed';
    if (d.lease?.state === 'active') {
      d.lease.state = 'closed';
      d.lease.closedHeight = this.height();
      d.lease.reason = reason;
      d.lease.pool.leased -= d.requirement.units;
    }
  }

  /** Gives back the GPUs the deployment's open bids reserved. */
  private release(d: SimDeployment): void {
    for (const b of d.bids) {
      if (b.state === 'open' && b.reserved) {
        b.pool.leased -= d.requirement.units;
        b.reserved = false;
      }
    }
  }

  private mayBid(provider: SimProvider, d: SimDeployment): boolean {
    return providerMeetsPlacement(provider, d);
  }

  /** Online providers with a matching GPU free bid near their ask; the chain refuses bids above the order's price. */
  private bidsFor(d: SimDeployment, delayMs: number, overpriced: boolean, multiplier: number, silent: ReadonlySet<string>): SimBid[] {
    const now = Date.now();
    const bids: SimBid[] = [];
    for (const provider of this.providers) {
      if (!provider.isOnline || silent.has(provider.owner) || !this.mayBid(provider, d)) continue;
      const pool = provider.pools.find((p) => d.requirement.models.some((m) => matches(m, p.kind)) && freeGpus(provider, p) >= d.requirement.units);
      if (!pool) continue;
      const usdPerGpuHour = askUsdPerGpuHour(provider, pool.kind, now, multiplier) * this.rnd.between(1 - BID_SPREAD, 1 + BID_SPREAD) * (overpriced ? 1.6 : 1);
      let perBlock = usdPerHourToUactPerBlock(new Decimal(usdPerGpuHour.toFixed(6)).times(d.requirement.units));
      if (d.denom === 'uakt') perBlock = perBlock.div(SIM_AKT_USD);
      perBlock = perBlock.toDecimalPlaces(2);
      if (!overpriced && perBlock.gt(d.maxPerBlock)) continue;
      pool.leased += d.requirement.units; // reserved for this bid
      bids.push({
        provider,
        pool,
        amount: perBlock,
        appearsAt: now + delayMs * this.rnd.between(1, 2.5),
        state: 'open',
        createdHeight: this.height(now) + 1,
        reserved: true,
      });
    }
    return bids;
  }
}

/** A provider's bid engine bids only on orders whose placement attributes it carries and whose signedBy it meets. */
export function providerMeetsPlacement(provider: SimProvider, d: Pick<SimDeployment, 'attributes' | 'signedBy'>): boolean {
  const own: Record<string, string> = { region: provider.location.region, host: 'akash', tier: provider.tier };
  if (Object.entries(d.attributes).some(([k, v]) => own[k] !== v)) return false;
  return d.signedBy.length === 0 || (provider.isAudited && d.signedBy.includes(SIM_AUDITOR));
}

function matches(want: GpuRequirement['models'][number], kind: SimProvider['pools'][number]['kind']): boolean {
  if (want.model.toLowerCase() !== kind.model) return false;
  if (want.ram && want.ram !== kind.ram) return false;
  if (want.interface && normalizeGpuInterface(want.interface) !== normalizeGpuInterface(kind.interface)) return false;
  return true;
}

/** Reads what the simulated chain needs from an SDL; an SDL the real API would refuse answers 400. */
function parseOrder(
  sdlText: string,
  rewrite: ConsoleRewrite,
): Pick<SimDeployment, 'services' | 'requirement' | 'denom' | 'maxPerBlock' | 'key' | 'attributes' | 'signedBy'> {
  let raw: unknown;
  try {
    raw = parse(sdlText, { maxAliasCount: 100 });
  } catch (err) {
    throw new SimHttpError(400, { error: 'BadRequest', message: `Invalid SDL: ${(err as Error).message.split('\n')[0]}` });
  }
  applyConsoleRewrite(raw, rewrite);
  const checked = sdlSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new SimHttpError(400, { error: 'BadRequest', message: `Invalid SDL: ${issue.path.join('.')}: ${issue.message}` });
  }
  const sdl = checked.data;
  let units = 0;
  let maxPerBlock = new Decimal(0);
  let denom: 'uact' | 'uakt' | undefined;
  const attributes: Record<string, string> = {};
  const signedBy = new Set<string>();
  const models: GpuRequirement['models'] = [];
  const services: SimDeployment['services'] = [];
  for (const [service, placements] of Object.entries(sdl.deployment)) {
    for (const [placement, { profile, count }] of Object.entries(placements)) {
      const compute = sdl.profiles.compute[profile];
      const pricing = sdl.profiles.placement[placement]?.pricing[profile];
      if (!compute || !pricing)
        throw new SimHttpError(400, { error: 'BadRequest', message: `Invalid SDL: deployment.${service}.${placement} refers to a missing profile or pricing` });
      if (denom && pricing.denom !== denom) throw new SimHttpError(400, { error: 'BadRequest', message: 'Invalid SDL: all pricing must use one denom' });
      denom = pricing.denom;
      const where = sdl.profiles.placement[placement];
      for (const [k, v] of Object.entries(where?.attributes ?? {})) attributes[k] = String(v);
      const anyOf = (where?.signedBy as { anyOf?: unknown } | null | undefined)?.anyOf;
      if (Array.isArray(anyOf)) for (const a of anyOf) if (typeof a === 'string') signedBy.add(a);
      maxPerBlock = maxPerBlock.plus(new Decimal(String(pricing.amount)).times(count));
      const gpu = compute.resources.gpu;
      units += (gpu?.units ?? 0) * count;
      for (const list of Object.values(gpu?.attributes?.vendor ?? {})) {
        for (const m of list ?? []) models.push({ model: m.model, ram: m.ram === undefined ? undefined : String(m.ram), interface: m.interface });
      }
      const svc = sdl.services[service];
      services.push({ name: service, count, ports: (svc?.expose ?? []).map((e) => e.port) });
    }
  }
  if (units === 0) throw new SimHttpError(400, { error: 'BadRequest', message: 'The simulated network only runs GPU deployments (resources.gpu.units > 0)' });
  const keyLine = Object.values(sdl.services)
    .flatMap((s) => s.env ?? [])
    .find((e) => e.startsWith(`${IDEMPOTENCY_ENV}=`));
  return {
    services,
    requirement: { units, models },
    denom: denom ?? 'uact',
    attributes,
    signedBy: [...signedBy],
    maxPerBlock,
    key: keyLine ? keyLine.slice(IDEMPOTENCY_ENV.length + 1) : '',
  };
}

/** DeploymentResponse, as GET /v1/deployments/{dseq} and POST /v1/leases answer it (inside `data`). */
export function deploymentJson(d: SimDeployment, now = Date.now()): Record<string, unknown> {
  const lease = d.lease;
  const paidBlocks = lease
    ? Math.max(0, Math.floor((lease.closedHeight ? (lease.closedHeight - lease.createdHeight) * BLOCK_MS : now - lease.createdAt) / BLOCK_MS))
    : 0;
  const transferred = lease ? lease.amount.times(paidBlocks) : new Decimal(0);
  const deposit = d.denom === 'uact' ? new Decimal(d.depositUsd).times(1_000_000) : new Decimal(d.depositUsd).div(SIM_AKT_USD).times(1_000_000);
  const leaseId = lease && { owner: d.owner, dseq: d.dseq, gseq: 1, oseq: 1, provider: lease.provider.owner, bseq: 0 };
  return {
    deployment: { id: { owner: d.owner, dseq: d.dseq }, state: d.state, hash: d.hash, created_at: String(d.createdHeight) },
    leases: lease
      ? [
          {
            id: leaseId,
            state: lease.state,
            price: { denom: d.denom, amount: toDecCoinAmount(lease.amount) },
            created_at: String(lease.createdHeight),
            closed_on: String(lease.closedHeight ?? 0),
            ...(lease.reason ? { reason: lease.reason } : {}),
            status: lease.state === 'active' ? leaseStatusJson(d, lease, now) : null,
          },
        ]
      : [],
    escrow_account: {
      id: { scope: 'deployment', xid: `${d.owner}/${d.dseq}` },
      state: {
        owner: d.owner,
        state: d.state === 'active' ? 'open' : 'closed',
        transferred: [{ denom: d.denom, amount: toDecCoinAmount(transferred) }],
        settled_at: String(lease?.closedHeight ?? lease?.createdHeight ?? d.createdHeight),
        funds: [{ denom: d.denom, amount: toDecCoinAmount(Decimal.max(0, deposit.minus(transferred))) }],
        deposits: [{ owner: d.owner, height: String(d.createdHeight), source: 'balance', balance: { denom: d.denom, amount: toDecCoinAmount(deposit) } }],
      },
    },
  };
}

/** The provider's lease status: null while the manifest is deployed, then services starting, then ready. */
function leaseStatusJson(d: SimDeployment, lease: SimLease, now: number): Record<string, unknown> | null {
  if (now < lease.createdAt + (lease.readyAt - lease.createdAt) / 3) return null;
  const ready = now >= lease.readyAt;
  const services: Record<string, unknown> = {};
  const forwarded: Record<string, unknown[]> = {};
  for (const s of d.services) {
    services[s.name] = {
      name: s.name,
      available: ready ? s.count : 0,
      total: s.count,
      uris: ready && s.ports.length > 0 ? [lease.host] : [],
      observed_generation: 1,
      replicas: s.count,
      updated_replicas: s.count,
      ready_replicas: ready ? s.count : 0,
      available_replicas: ready ? s.count : 0,
    };
    const extra = s.ports.filter((p) => p !== 80);
    if (ready && extra.length > 0) {
      forwarded[s.name] = extra.map((port, i) => ({ port, externalPort: 30000 + ((Number(d.dseq) + i) % 2000), host: lease.provider.name, available: 1 }));
    }
  }
  return { forwarded_ports: forwarded, ips: {}, services };
}

/** A bid as GET /v1/bids lists it: `{bid, escrow_account}`. */
export function bidJson(d: SimDeployment, b: SimBid): Record<string, unknown> {
  const gpu = d.requirement.models.find(() => true);
  const xid = `${d.owner}/${d.dseq}/1/1/${b.provider.owner}/0`;
  return {
    bid: {
      id: { owner: d.owner, dseq: d.dseq, gseq: 1, oseq: 1, provider: b.provider.owner, bseq: 0 },
      state: b.state,
      price: { denom: d.denom, amount: toDecCoinAmount(b.amount) },
      created_at: String(b.createdHeight),
      resources_offer: [
        {
          resources: {
            cpu: { units: { val: '8000' }, attributes: [] },
            gpu: {
              units: { val: String(d.requirement.units) },
              attributes: gpu
                ? [
                    {
                      key: `vendor/nvidia/model/${gpu.model}${gpu.ram ? `/ram/${gpu.ram}` : ''}${gpu.interface ? `/interface/${gpu.interface}` : ''}`,
                      value: 'true',
                    },
                  ]
                : [],
            },
            memory: { quantity: { val: String(64 * 2 ** 30) }, attributes: [] },
            storage: [{ name: 'default', quantity: { val: String(100 * 2 ** 30) }, attributes: [] }],
            endpoints: [{ kind: 'SHARED_HTTP', sequence_number: 0 }],
          },
          count: 1,
        },
      ],
      reclamation_window: '3600s',
    },
    escrow_account: {
      id: { scope: 'bid', xid },
      state: {
        owner: b.provider.owner,
        state: b.state === 'open' ? 'open' : 'closed',
        transferred: [],
        settled_at: String(b.createdHeight),
        funds: [{ denom: d.denom, amount: '500000' }],
        deposits: [],
      },
    },
  };
}
