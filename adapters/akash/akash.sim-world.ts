// The simulated Akash supply: a seeded population of providers (GPU models, regions, uptime, audits,
// some offline), their asking prices around a market that drifts slowly, and the Console's
// /v1/providers and /v1/gpu-prices views of it. Prices are calibrated to the Console's gpu-prices
// (H100 about $1.2–2.4 per GPU-hour).
import type { SeededRandom } from '../sdk';

export interface GpuKind {
  vendor: 'nvidia';
  model: string;
  ram: string;
  interface: 'SXM5' | 'SXM4' | 'PCIe';
  /** Typical USD per GPU-hour of recent bids. */
  baseUsd: number;
  weight: number;
}

export const GPU_KINDS: GpuKind[] = [
  { vendor: 'nvidia', model: 'h100', ram: '80Gi', interface: 'SXM5', baseUsd: 1.6, weight: 6 },
  { vendor: 'nvidia', model: 'h100', ram: '80Gi', interface: 'PCIe', baseUsd: 1.35, weight: 3 },
  { vendor: 'nvidia', model: 'h200', ram: '141Gi', interface: 'SXM5', baseUsd: 2.3, weight: 1 },
  { vendor: 'nvidia', model: 'a100', ram: '80Gi', interface: 'SXM4', baseUsd: 0.95, weight: 4 },
  { vendor: 'nvidia', model: 'a100', ram: '40Gi', interface: 'PCIe', baseUsd: 0.7, weight: 2 },
  { vendor: 'nvidia', model: 'l40s', ram: '48Gi', interface: 'PCIe', baseUsd: 0.75, weight: 3 },
  { vendor: 'nvidia', model: 'a6000', ram: '48Gi', interface: 'PCIe', baseUsd: 0.42, weight: 3 },
  { vendor: 'nvidia', model: 'a40', ram: '48Gi', interface: 'PCIe', baseUsd: 0.38, weight: 1 },
  { vendor: 'nvidia', model: 'rtx4090', ram: '24Gi', interface: 'PCIe', baseUsd: 0.33, weight: 6 },
  { vendor: 'nvidia', model: 'rtx3090', ram: '24Gi', interface: 'PCIe', baseUsd: 0.2, weight: 4 },
  { vendor: 'nvidia', model: 't4', ram: '16Gi', interface: 'PCIe', baseUsd: 0.1, weight: 1 },
];

const LOCATIONS = [
  { region: 'us-west', country: 'US', countryName: 'United States', ipRegion: 'California', city: 'San Jose' },
  { region: 'us-east', country: 'US', countryName: 'United States', ipRegion: 'Virginia', city: 'Ashburn' },
  { region: 'us-central', country: 'US', countryName: 'United States', ipRegion: 'Texas', city: 'Dallas' },
  { region: 'ca-east', country: 'CA', countryName: 'Canada', ipRegion: 'Quebec', city: 'Montreal' },
  { region: 'eu-central', country: 'DE', countryName: 'Germany', ipRegion: 'Hesse', city: 'Frankfurt' },
  { region: 'eu-west', country: 'NL', countryName: 'Netherlands', ipRegion: 'North Holland', city: 'Amsterdam' },
  { region: 'eu-west', country: 'FR', countryName: 'France', ipRegion: 'Ile-de-France', city: 'Paris' },
  { region: 'eu-north', country: 'SE', countryName: 'Sweden', ipRegion: 'Stockholm', city: 'Stockholm' },
  { region: 'ap-southeast', country: 'SG', countryName: 'Singapore', ipRegion: 'Singapore', city: 'Singapore' },
  { region: 'ap-northeast', country: 'JP', countryName: 'Japan', ipRegion: 'Tokyo', city: 'Tokyo' },
] as const;

/** The Console's default allowed auditor; simulated audited providers carry its signature. */
export const SIM_AUDITOR = 'akash1365yvmc4s7awdyj3n2sav7xfx76adc6dnmlx63';
const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GiB = 2 ** 30;

export interface SimGpuPool {
  kind: GpuKind;
  total: number;
  /** Taken by other tenants of the simulated network. */
  busy: number;
  /** Leased or reserved for open bids through the simulator's own deployments. */
  leased: number;
}

export interface SimProvider {
  owner: string;
  name: string;
  hostUri: string;
  location: (typeof LOCATIONS)[number];
  isOnline: boolean;
  isAudited: boolean;
  uptime: { d1: number; d7: number; d30: number };
  /** This provider's price relative to the market (0.85–1.3). */
  askFactor: number;
  pools: SimGpuPool[];
  cpuMillis: number;
  memoryBytes: number;
  storageBytes: number;
  createdHeight: number;
  tier: 'community' | 'platinum';
}

export function akashAddress(rnd: SeededRandom): string {
  let out = 'akash1';
  for (let i = 0; i < 38; i++) out += BECH32[rnd.int(0, BECH32.length - 1)];
  return out;
}

export function createProviders(rnd: SeededRandom, count: number): SimProvider[] {
  const kinds = GPU_KINDS.map((k) => [k, k.weight] as const);
  return Array.from({ length: count }, (_, i) => {
    const location = rnd.pick(LOCATIONS);
    const first = rnd.weighted(kinds);
    const pools: SimGpuPool[] = [poolOf(rnd, first)];
    if (rnd.chance(0.2)) {
      const second = rnd.weighted(kinds);
      if (second !== first) pools.push(poolOf(rnd, second));
    }
    const gpus = pools.reduce((s, p) => s + p.total, 0);
    const isOnline = !rnd.chance(0.12);
    const d7 = isOnline ? rnd.between(0.86, 0.9995) : rnd.between(0.2, 0.8);
    const host = `provider.${location.region}-${i}.${rnd.pick(['gpu.cloud', 'akash.pub', 'compute.zone', 'hosting.io'])}`;
    return {
      owner: akashAddress(rnd),
      name: host,
      hostUri: `https://${host}:8443`,
      location,
      isOnline,
      isAudited: rnd.chance(0.4),
      uptime: { d1: isOnline ? Math.min(1, d7 + rnd.between(0, 0.02)) : rnd.between(0, 0.5), d7, d30: Math.max(0, d7 - rnd.between(0, 0.05)) },
      askFactor: rnd.between(0.85, 1.3),
      pools,
      cpuMillis: gpus * rnd.pick([8, 16, 24]) * 1000,
      memoryBytes: gpus * rnd.pick([64, 128, 256]) * GiB,
      storageBytes: gpus * rnd.pick([500, 1000, 2000]) * GiB,
      createdHeight: rnd.int(9_000_000, 21_000_000),
      tier: rnd.chance(0.15) ? 'platinum' : 'community',
    };
  });
}

function poolOf(rnd: SeededRandom, kind: GpuKind): SimGpuPool {
  const total = rnd.weighted([
    [1, 1],
    [2, 2],
    [4, 3],
    [8, 5],
    [16, 1],
  ] as const);
  return { kind, total, busy: rnd.int(0, Math.max(0, total - 1)), leased: 0 };
}

/** Free GPUs of one pool (or of the whole provider), after other tenants, our leases and our open bids. */
export function freeGpus(provider: SimProvider, pool?: SimGpuPool): number {
  let free = 0;
  for (const p of provider.pools) if (!pool || p === pool) free += Math.max(0, p.total - p.busy - p.leased);
  return free;
}

/** The market multiplier of a GPU kind at `nowMs`: a slow ±4% swing over six hours, phase per kind. */
export function marketDrift(kind: GpuKind, nowMs: number): number {
  const phase = (GPU_KINDS.indexOf(kind) + 1) * 1.7;
  return 1 + 0.04 * Math.sin((2 * Math.PI * nowMs) / (6 * 3600_000) + phase);
}

/** What a provider asks per GPU-hour for a kind, in USD (`multiplier`: the `priceMultiplier` fault flag, a price spike). */
export function askUsdPerGpuHour(provider: SimProvider, kind: GpuKind, nowMs: number, multiplier = 1): number {
  return kind.baseUsd * provider.askFactor * marketDrift(kind, nowMs) * multiplier;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** GET /v1/providers: the Console's field names; GPU counts are provider-wide. */
export function providerJson(p: SimProvider, nowIso: string): Record<string, unknown> {
  const total = p.pools.reduce((s, x) => s + x.total, 0);
  const available = p.isOnline ? freeGpus(p) : 0;
  const busyShare = total === 0 ? 0 : (total - available) / total;
  const stat = (all: number) => {
    const active = Math.round(all * busyShare);
    return { active, available: all - active, pending: 0, total: all };
  };
  return {
    owner: p.owner,
    name: p.name,
    hostUri: p.hostUri,
    createdHeight: p.createdHeight,
    email: null,
    website: null,
    lastCheckDate: nowIso,
    deploymentCount: total - available,
    leaseCount: total - available,
    cosmosSdkVersion: 'v0.53.x',
    akashVersion: 'v1.x',
    ipRegion: p.location.ipRegion,
    ipRegionCode: null,
    ipCountry: p.location.countryName,
    ipCountryCode: p.location.country,
    ipLat: null,
    ipLon: null,
    uptime1d: round(p.uptime.d1, 4),
    uptime7d: round(p.uptime.d7, 4),
    uptime30d: round(p.uptime.d30, 4),
    isValidVersion: true,
    isOnline: p.isOnline,
    lastOnlineDate: p.isOnline ? nowIso : '2026-06-01T00:00:00.000Z',
    isAudited: p.isAudited,
    stats: {
      cpu: stat(p.cpuMillis),
      gpu: { active: total - available, available, pending: 0, total },
      memory: stat(p.memoryBytes),
      storage: { ephemeral: stat(p.storageBytes), persistent: stat(0), total: stat(p.storageBytes) },
    },
    gpuModels: p.pools.map((x) => ({ vendor: x.kind.vendor, model: x.kind.model, ram: x.kind.ram, interface: x.kind.interface })),
    attributes: [
      { key: 'region', value: p.location.region, auditedBy: p.isAudited ? [SIM_AUDITOR] : [] },
      { key: 'host', value: 'akash', auditedBy: [] },
      { key: 'tier', value: p.tier, auditedBy: [] },
      ...p.pools.map((x) => ({ key: `capabilities/gpu/vendor/${x.kind.vendor}/model/${x.kind.model}`, value: 'true', auditedBy: [] })),
    ],
    host: 'akash',
    organization: null,
    locationRegion: p.location.region,
    country: p.location.country,
    city: p.location.city,
    statusPage: null,
    timezone: null,
    locationType: 'datacenter',
    hostingProvider: null,
    hardwareCpu: 'AMD EPYC',
    hardwareCpuArch: 'x86-64',
    hardwareGpuVendor: 'nvidia',
    hardwareGpuModels: p.pools.map((x) => x.kind.model),
    hardwareDisk: ['nvme'],
    featPersistentStorage: false,
    featPersistentStorageType: [],
    hardwareMemory: 'ddr5',
    networkProvider: null,
    networkSpeedDown: 10000,
    networkSpeedUp: 10000,
    tier: p.tier,
    featEndpointCustomDomain: true,
    workloadSupportChia: false,
    workloadSupportChiaCapabilities: [],
    featEndpointIp: false,
  };
}

/** GET /v1/gpu-prices: availability and recent-bid price statistics per (vendor, model, ram, interface). */
export function gpuPricesJson(providers: SimProvider[], nowMs: number, multiplier = 1): Record<string, unknown> {
  let total = 0;
  let available = 0;
  const models = GPU_KINDS.map((kind) => {
    const holders = providers.filter((p) => p.pools.some((x) => x.kind === kind));
    const pools = holders.map((p) => ({ p, pool: p.pools.find((x) => x.kind === kind)! }));
    const kindTotal = pools.reduce((s, { pool }) => s + pool.total, 0);
    const kindAvailable = pools.reduce((s, { p, pool }) => s + (p.isOnline ? freeGpus(p, pool) : 0), 0);
    total += kindTotal;
    available += kindAvailable;
    const asks = holders.map((p) => askUsdPerGpuHour(p, kind, nowMs, multiplier)).sort((a, b) => a - b);
    const weights = pools.map(({ pool }) => pool.total);
    return {
      vendor: kind.vendor,
      model: kind.model,
      ram: kind.ram,
      interface: kind.interface,
      availability: { total: kindTotal, available: kindAvailable },
      providerAvailability: { total: holders.length, available: pools.filter(({ p, pool }) => p.isOnline && freeGpus(p, pool) > 0).length },
      price:
        asks.length === 0
          ? null
          : priceStats(
              asks,
              holders.map((p) => askUsdPerGpuHour(p, kind, nowMs, multiplier)),
              weights,
            ),
    };
  });
  return { availability: { total, available }, models };
}

/** A bid is its provider's ask within ± this share (market.ts draws it per bid). */
export const BID_SPREAD = 0.03;

/**
 * The Console's statistics are of recent bids, not asks: the extremes carry the bids' own spread around the
 * asks, the middle figures the asks (the spread averages out).
 */
function priceStats(sorted: number[], asks: number[], weights: number[]): Record<string, unknown> {
  const mid = Math.floor(sorted.length / 2);
  const med = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const weightTotal = weights.reduce((s, w) => s + w, 0);
  return {
    currency: 'USD',
    min: round(sorted[0] * (1 - BID_SPREAD), 2),
    max: round(sorted[sorted.length - 1] * (1 + BID_SPREAD), 2),
    avg: round(sorted.reduce((s, v) => s + v, 0) / sorted.length, 2),
    weightedAverage: round(asks.reduce((s, v, i) => s + v * weights[i], 0) / weightTotal, 2),
    med: round(med, 2),
  };
}

export function gpuModelsJson(): unknown[] {
  const byModel = new Map<string, { memory: Set<string>; interface: Set<string> }>();
  for (const k of GPU_KINDS) {
    const entry = byModel.get(k.model) ?? { memory: new Set(), interface: new Set() };
    entry.memory.add(k.ram);
    entry.interface.add(k.interface);
    byModel.set(k.model, entry);
  }
  return [
    {
      name: 'nvidia',
      displayName: 'NVIDIA',
      models: [...byModel].map(([name, e]) => ({ name, displayName: name.toUpperCase(), memory: [...e.memory], interface: [...e.interface] })),
    },
  ];
}
