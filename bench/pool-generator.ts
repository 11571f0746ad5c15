// A seeded, realistic pool for the benchmarks: offers across the four networks in each network's own
// price units (uact/uakt per block, USD or RENDER per hour/OBh, attoFIL per epoch, USDC per hour), with
// the GPU mix of a rental market drawn from the catalog, regions, CPU/RAM/disk and health signals.
// `generateListings` gives what adapters would return; `generatePool` runs them through the real
// snapshot check (resolve + normalize) so the PoolOffers are exactly what a sync would publish, then compacts
// them as the sync does before the index takes them.
import type { NativePrice, Offer } from '../adapters/sdk';
import { SeededRandom } from '../adapters/sdk/simulator/seeded-random';
import { GPU_CATALOG, type CatalogGpu } from '../src/catalog/gpu-catalog.data';
import { normalizePrice } from '../src/pricing/normalize-price';
import type { FxAsset, FxQuoteView } from '../src/pricing/fx/fx-quote';
import { catalogGpuResolver } from '../src/pool/gpu-resolver.binding';
import { checkSnapshot, type PriceNormalizer, type SnapshotCheckResult } from '../src/pool/snapshot-check';
import { compactOffers } from '../src/pool/offer-compactor';
import type { PoolOffer } from '../src/pool/pool-offer';

export const BENCH_NETWORKS = ['akash', 'render', 'filecoin', 'native'] as const;
export type BenchNetwork = (typeof BENCH_NETWORKS)[number];

/** Nobody offers this family in the generated pool: the "model nobody has" requirement. */
export const ABSENT_FAMILY = 'b200';

/** Market share and a typical USD/GPU-hour per family (marketplace prices, roughly mid-2025). */
const FAMILY_MIX: Record<string, { weight: number; usd: number }> = {
  'rtx-4090': { weight: 18, usd: 0.35 },
  'rtx-3090': { weight: 12, usd: 0.2 },
  'rtx-5090': { weight: 4, usd: 0.6 },
  'rtx-4080': { weight: 4, usd: 0.25 },
  'rtx-4070': { weight: 3, usd: 0.15 },
  'rtx-3080': { weight: 3, usd: 0.14 },
  'rtx-3060': { weight: 3, usd: 0.09 },
  'rtx-a6000': { weight: 6, usd: 0.5 },
  'rtx-6000-ada': { weight: 3, usd: 0.8 },
  'rtx-a5000': { weight: 3, usd: 0.3 },
  'rtx-a4000': { weight: 3, usd: 0.18 },
  a100: { weight: 10, usd: 1.2 },
  h100: { weight: 9, usd: 2.1 },
  h200: { weight: 2, usd: 3.0 },
  l40s: { weight: 4, usd: 0.85 },
  l40: { weight: 1, usd: 0.75 },
  l4: { weight: 3, usd: 0.4 },
  a40: { weight: 2, usd: 0.45 },
  a10: { weight: 2, usd: 0.35 },
  a10g: { weight: 2, usd: 0.4 },
  t4: { weight: 3, usd: 0.15 },
  v100: { weight: 3, usd: 0.3 },
  mi300x: { weight: 1, usd: 2.2 },
};

const REGIONS: Array<readonly [{ region: string; country: string }, number]> = [
  [{ region: 'us-east', country: 'US' }, 22],
  [{ region: 'us-west', country: 'US' }, 16],
  [{ region: 'us-central', country: 'US' }, 8],
  [{ region: 'ca-central', country: 'CA' }, 4],
  [{ region: 'eu-central', country: 'DE' }, 14],
  [{ region: 'eu-west', country: 'NL' }, 10],
  [{ region: 'eu-north', country: 'SE' }, 4],
  [{ region: 'ap-southeast', country: 'SG' }, 8],
  [{ region: 'ap-northeast', country: 'JP' }, 6],
  [{ region: 'ap-south', country: 'IN' }, 4],
  [{ region: 'sa-east', country: 'BR' }, 4],
];

/** Share of the pool per network (Akash and native nodes hold most of the long tail). */
const NETWORK_SHARE: Record<BenchNetwork, number> = { akash: 0.35, render: 0.2, filecoin: 0.15, native: 0.3 };

/** Fixed FX quotes for the run: the benchmarks measure the pipeline, not the oracles. */
export const BENCH_FX: Record<string, string> = { AKT: '1.15', ACT: '1', FIL: '2.60', RENDER: '3.40', USDC: '1', SOL: '150' };

export function benchFxLookup(now: Date): (asset: FxAsset) => FxQuoteView | undefined {
  const publishTime = new Date(now.getTime() - 5_000).toISOString();
  return (asset) => (BENCH_FX[asset] ? { asset, usd: BENCH_FX[asset], source: 'bench:fixed', publishTime, confidence: '0', stale: false } : undefined);
}

/** The normalizer a sync would bind, over the fixed bench FX quotes. */
export function benchNormalizer(now: Date): PriceNormalizer {
  const fx = benchFxLookup(now);
  return (input) => normalizePrice({ ...input, fx });
}

const CANDIDATES: Array<readonly [CatalogGpu, number]> = (() => {
  const byFamily = new Map<string, CatalogGpu[]>();
  for (const g of GPU_CATALOG) {
    if (g.family === ABSENT_FAMILY || !FAMILY_MIX[g.family]) continue;
    byFamily.set(g.family, [...(byFamily.get(g.family) ?? []), g]);
  }
  // Within a family the first catalog entry is the common variant: give it half the family's share.
  const out: Array<readonly [CatalogGpu, number]> = [];
  for (const [family, gpus] of byFamily) {
    const w = FAMILY_MIX[family].weight;
    gpus.forEach((g, i) => out.push([g, gpus.length === 1 ? w : i === 0 ? w / 2 : w / 2 / (gpus.length - 1)] as const));
  }
  return out;
})();

export interface GeneratedListings {
  /** Per network, what its adapter would have listed. */
  listings: Map<BenchNetwork, Offer[]>;
  total: number;
}

/** Offers as adapters list them, `total` across the four networks, reproducible for a seed. */
export function generateListings(total: number, seed = 7, now = new Date()): GeneratedListings {
  const rnd = new SeededRandom(seed);
  const listings = new Map<BenchNetwork, Offer[]>();
  let left = total;
  BENCH_NETWORKS.forEach((network, i) => {
    const n = i === BENCH_NETWORKS.length - 1 ? left : Math.round(total * NETWORK_SHARE[network]);
    left -= n;
    const offers: Offer[] = [];
    const providers = Math.max(4, Math.round(n / 12));
    for (let k = 0; k < n; k++) offers.push(makeOffer(rnd, network, k, providers, now));
    listings.set(network, offers);
  });
  return { listings, total };
}

/** One network's generated listing, checked and priced by the code a sync runs (the catalog, the bench's FX). */
export function checkListing(network: string, offers: Offer[], now: Date, offerTtlMs = 3_600_000): SnapshotCheckResult {
  return checkSnapshot({ network, offers, quarantined: [], resolveGpu: catalogGpuResolver, normalize: benchNormalizer(now), now, offerTtlMs });
}

/** The generated pool, checked and priced by the same code a sync runs, compacted as the index holds it. */
export function generatePool(total: number, seed = 7, now = new Date(), offerTtlMs = 3_600_000): PoolOffer[] {
  const { listings } = generateListings(total, seed, now);
  const pool: PoolOffer[] = [];
  for (const [network, offers] of listings) {
    const checked = checkListing(network, offers, now, offerTtlMs);
    if (checked.quarantined.length) throw new Error(`generator produced ${checked.quarantined.length} bad ${network} offers: ${checked.quarantined[0].reason}`);
    for (const o of checked.accepted) pool.push(o);
  }
  return compactOffers(pool);
}

function makeOffer(rnd: SeededRandom, network: BenchNetwork, k: number, providers: number, now: Date): Offer {
  const gpu = rnd.weighted(CANDIDATES);
  const place = rnd.weighted(REGIONS);
  const providerNo = rnd.int(0, providers - 1);
  const datacenter = gpu.tier === 'datacenter';
  const count = datacenter
    ? rnd.weighted([
        [1, 3],
        [2, 2],
        [4, 2],
        [8, 3],
      ] as const)
    : rnd.weighted([
        [1, 6],
        [2, 2],
        [4, 1],
      ] as const);
  // ±35 % around the family price, a little cheaper on the decentralized long tail.
  const usd = FAMILY_MIX[gpu.family].usd * rnd.between(0.65, 1.35) * (network === 'native' ? 0.9 : 1);
  const observedAt = new Date(now.getTime() - rnd.int(0, 120_000)).toISOString();
  const label = labelFor(rnd, network, gpu);
  return {
    network,
    offerId: `${network}-${k.toString(36)}-${rnd.hex(3)}`,
    provider: { id: `${network}-prov-${providerNo}`, name: `${network} provider ${providerNo}`, region: place.region, country: place.country },
    gpu: { label, vendor: gpu.vendor, vramGb: gpu.vramGb, interface: gpu.interface, count, fixedCount: network === 'filecoin' },
    cpu:
      count *
      rnd.weighted([
        [8, 3],
        [16, 3],
        [32, 1],
      ] as const),
    memoryGb:
      count *
      rnd.weighted([
        [32, 3],
        [64, 3],
        [128, 1],
      ] as const),
    diskGb: rnd.weighted([
      [200, 3],
      [500, 3],
      [2000, 1],
    ] as const),
    price: priceFor(rnd, network, usd, count, gpu),
    signals: {
      online: rnd.chance(0.97),
      uptime: Math.round(rnd.between(0.8, 1) * 1000) / 1000,
      verified: network === 'filecoin' ? rnd.chance(0.9) : undefined,
    },
    observedAt,
    raw: { bench: true, network, k },
  };
}

function labelFor(rnd: SeededRandom, network: BenchNetwork, gpu: CatalogGpu): string {
  // Networks spell GPUs differently: a canonical name, an alias, or the short model (resolved by VRAM).
  if (network === 'akash') return gpu.models[0]?.toLowerCase() ?? gpu.name;
  if (gpu.aliases.length && rnd.chance(0.5)) return rnd.pick(gpu.aliases);
  return gpu.name;
}

function priceFor(rnd: SeededRandom, network: BenchNetwork, usdPerGpuHour: number, count: number, gpu: CatalogGpu): NativePrice {
  switch (network) {
    case 'akash': {
      // Per block (600/h) per GPU, in uact (USD-pegged) or uakt.
      const uakt = rnd.chance(0.3);
      const perBlock = (usdPerGpuHour / 600) * 1e6 * (uakt ? 1 / Number(BENCH_FX.AKT) : 1);
      return { amount: perBlock.toFixed(3), asset: uakt ? 'uakt' : 'uact', unit: 'block', per: 'gpu', kind: 'estimate', source: 'bench: console gpu-prices' };
    }
    case 'render':
      // Render Compute in USD/hour; consumer cards also as RENDER per OctaneBench-hour.
      if (gpu.octaneBench && rnd.chance(0.3)) {
        const renderPerObh = usdPerGpuHour / gpu.octaneBench / Number(BENCH_FX.RENDER);
        return { amount: renderPerObh.toFixed(8), asset: 'RENDER', unit: 'obh', per: 'gpu', kind: 'estimate', source: 'bench: render obh tier' };
      }
      return { amount: usdPerGpuHour.toFixed(4), asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm', source: 'bench: render compute rate' };
    case 'filecoin': {
      // Whole offer per 30 s epoch (120/h), in attoFIL: an integer of 18 decimals.
      const filPerEpoch = (usdPerGpuHour * count) / 120 / Number(BENCH_FX.FIL);
      return {
        amount: BigInt(Math.round(filPerEpoch * 1e9)).toString() + '000000000',
        asset: 'attoFIL',
        unit: 'epoch',
        per: 'offer',
        kind: 'firm',
        source: 'bench: bacalhau node label',
      };
    }
    case 'native':
      return { amount: usdPerGpuHour.toFixed(6), asset: 'USDC', unit: 'hour', per: 'gpu', kind: 'firm', source: 'bench: node ask' };
  }
}
