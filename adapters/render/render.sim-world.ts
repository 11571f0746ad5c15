// The simulated Render Compute supply: a seeded mix of consumer and data-centre GPUs across regions,
// priced the way RNP-021 describes (customer price = node ask × (1 + 5/95), e.g. H200 ask $1.90 → $2.00),
// with the RTX 4090 around $0.69/hour as in the API reference example.
import { SeededRandom } from '../sdk';

interface GpuModel {
  name: string;
  label: string;
  vramGib: number;
  /** Typical node ask per GPU-hour in USD, before the 5% network fee. */
  askUsd: number;
  class: 'consumer' | 'datacenter';
  weight: number;
}

export const SIM_GPU_MODELS: readonly GpuModel[] = [
  { name: 'NVIDIA RTX 3090', label: 'RTX 3090', vramGib: 24, askUsd: 0.29, class: 'consumer', weight: 5 },
  { name: 'NVIDIA RTX 4090', label: 'RTX 4090', vramGib: 24, askUsd: 0.655, class: 'consumer', weight: 9 },
  { name: 'NVIDIA RTX 5090', label: 'RTX 5090', vramGib: 32, askUsd: 0.85, class: 'consumer', weight: 3 },
  { name: 'NVIDIA RTX A6000', label: 'RTX A6000', vramGib: 48, askUsd: 0.62, class: 'consumer', weight: 3 },
  { name: 'NVIDIA L40S', label: 'L40S', vramGib: 48, askUsd: 0.9, class: 'datacenter', weight: 4 },
  { name: 'NVIDIA A100 80GB PCIe', label: 'A100 80GB', vramGib: 80, askUsd: 1.15, class: 'datacenter', weight: 4 },
  { name: 'NVIDIA H100 80GB HBM3', label: 'H100 80GB', vramGib: 80, askUsd: 1.75, class: 'datacenter', weight: 4 },
  { name: 'NVIDIA H200', label: 'H200', vramGib: 141, askUsd: 1.9, class: 'datacenter', weight: 2 },
];

export const SIM_REGIONS = [
  'us-west-2',
  'us-east-1',
  'us-central-1',
  'eu-central-1',
  'eu-west-1',
  'eu-north-1',
  'ap-northeast-1',
  'ap-southeast-1',
  'sa-east-1',
] as const;

/** One offer as the simulator stores it; `toWire` adds the quote time. */
export interface SimOffer {
  offer_id: string;
  region_code: string;
  hardware_summary: {
    cpu_cores: number;
    gpu_count: number;
    gpu_model_label: string;
    gpu_models: Array<{ count: number; gpu_registry_uuid: string; min_vram_gib: number; name: string }>;
    gpu_registry_uuid: string;
    min_gpu_vram_gib: number;
    ram_gib: number;
    storage_gib: number;
  };
  /** null: supply listed without a current quote (the adapter must quarantine it, not crash). */
  hourlyRateUsd: number | null;
}

const NETWORK_FEE = 5 / 95;
export const SIM_PRICED_OFFERS = 64;

function uuidFrom(rnd: SeededRandom): string {
  const h = rnd.hex(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-7${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The seeded world's machines; `supplyScale` k lists each of them k times (copy c > 1 has offer id
 * `<id>_c<c>`, the same hardware, region and price), drawing nothing more from `rnd`, so k = 1 is the world as before.
 */
export function buildSimOffers(rnd: SeededRandom, supplyScale = 1): SimOffer[] {
  const registry = new Map(SIM_GPU_MODELS.map((m) => [m.name, uuidFrom(rnd)]));
  const offers: SimOffer[] = [];
  for (let i = 0; i < SIM_PRICED_OFFERS + 1; i++) {
    const model = rnd.weighted(SIM_GPU_MODELS.map((m) => [m, m.weight] as const));
    const count =
      model.class === 'consumer'
        ? rnd.weighted([
            [1, 6],
            [2, 2],
            [4, 1],
          ] as const)
        : rnd.weighted([
            [1, 4],
            [2, 2],
            [4, 2],
            [8, 2],
          ] as const);
    const perGpu = model.askUsd * (1 + NETWORK_FEE) * rnd.between(0.92, 1.08);
    const registryUuid = registry.get(model.name)!;
    offers.push({
      offer_id: `off_${rnd.hex(10)}`,
      region_code: rnd.pick(SIM_REGIONS),
      hardware_summary: {
        cpu_cores: count * (model.class === 'datacenter' ? rnd.pick([16, 24, 32]) : rnd.pick([8, 12, 16])),
        gpu_count: count,
        gpu_model_label: model.label,
        gpu_models: [{ count, gpu_registry_uuid: registryUuid, min_vram_gib: model.vramGib, name: model.name }],
        gpu_registry_uuid: registryUuid,
        min_gpu_vram_gib: model.vramGib,
        ram_gib: count * (model.class === 'datacenter' ? rnd.pick([128, 192, 256]) : rnd.pick([32, 64])),
        storage_gib: rnd.pick([250, 500, 1000, 2000]) * (model.class === 'datacenter' ? 2 : 1),
      },
      // The last one is listed without a quote.
      hourlyRateUsd: i === SIM_PRICED_OFFERS ? null : Math.round(perGpu * count * 100) / 100,
    });
  }
  return [...offers, ...copies(offers, supplyScale)];
}

function copies(offers: SimOffer[], supplyScale: number): SimOffer[] {
  const out: SimOffer[] = [];
  for (let c = 2; c <= supplyScale; c++) for (const o of offers) out.push({ ...o, offer_id: `${o.offer_id}_c${c}` });
  return out;
}

/** Node asks drift slowly with the market: ±3 % over six hours, a phase per GPU model. */
export function priceDrift(o: SimOffer, nowMs: number): number {
  const phase = (SIM_GPU_MODELS.findIndex((m) => m.name === o.hardware_summary.gpu_models[0].name) + 1) * 1.3;
  return 1 + 0.03 * Math.sin((2 * Math.PI * nowMs) / (6 * 3600_000) + phase);
}

/** The offer as quoted at `quotedAt`; `multiplier` is the `priceMultiplier` fault flag (a price spike). */
export function offerToWire(o: SimOffer, quotedAt: string, multiplier = 1): Record<string, unknown> {
  const rate = o.hourlyRateUsd === null ? null : Math.round(o.hourlyRateUsd * priceDrift(o, Date.parse(quotedAt)) * multiplier * 100) / 100;
  return {
    offer_id: o.offer_id,
    region_code: o.region_code,
    availability: {},
    hardware_summary: o.hardware_summary,
    // An offer listed without a quote has no hourly_rate_usd (the reference types it as a number, never null).
    pricing: rate === null ? { quoted_at: quotedAt } : { hourly_rate_usd: rate, quoted_at: quotedAt },
  };
}
