// On-demand hyperscaler GPU prices, the yardstick for "how much cheaper is the decentralized supply".
//
// The figures live in hyperscaler-reference.snapshot.ts, a dated snapshot of a maintained public
// catalog (SkyPilot's, skypilot-org/skypilot-catalog) written by `npm run pricing:refresh-references`.
// Every row names its source (catalog, path, commit) and the day it was read; rows older than
// HYPERSCALER_REFERENCE_MAX_AGE_DAYS are served as stale and never as a saving (hyperscaler-reference.ts).
// Rows are keyed by canonical GPU id (src/catalog) and family, so offers and references group the same way.
import { catalogIndex } from '../catalog/gpu-catalog.index';
import { SNAPSHOT } from './hyperscaler-reference.snapshot';

export type Hyperscaler = 'aws' | 'gcp' | 'azure';

/** Where a row's price comes from. */
export interface HyperscalerSource {
  id: string;
  provider: Hyperscaler;
  /** The catalog (`owner/repo`), or what a hand-typed row was typed from. */
  catalog: string;
  path?: string;
  commit?: string;
  url?: string;
  /** The day the catalog version was read (YYYY-MM-DD). Age is counted from here. */
  observedAt: string;
  note?: string;
}

export interface HyperscalerPrice {
  provider: Hyperscaler;
  instanceType: string;
  region: string;
  /** Canonical GPU id, e.g. `nvidia-h100-sxm-80gb`. */
  gpuId: string;
  /** Canonical family, e.g. `h100`. */
  gpuFamily: string;
  vramGb: number;
  gpuCount: number;
  /** USD per hour for the whole instance (decimal string). */
  instanceUsdPerHour: string;
  /** The catalog's accelerator name (`A100-80GB`). */
  accelerator: string;
  source: HyperscalerSource;
  /** True when typed by hand rather than read from a maintained catalog. */
  handTyped: boolean;
  note?: string;
}

/**
 * The catalog's accelerator names (SkyPilot spells them `A100-80GB`, `V100-32GB`) → canonical GPU ids.
 * The interface is the one the hyperscalers' instances carry (AWS p4d/p4de and GCP a2 are SXM4).
 */
export const ACCELERATOR_GPU_IDS: Readonly<Record<string, string>> = {
  B200: 'nvidia-b200-sxm-180gb',
  H200: 'nvidia-h200-sxm-141gb',
  H100: 'nvidia-h100-sxm-80gb',
  'H100-MEGA': 'nvidia-h100-sxm-80gb',
  'A100-80GB': 'nvidia-a100-sxm-80gb',
  'A100-80GB-PCIE': 'nvidia-a100-pcie-80gb',
  A100: 'nvidia-a100-sxm-40gb',
  A10G: 'nvidia-a10g-24gb',
  A10: 'nvidia-a10-24gb',
  L40S: 'nvidia-l40s-48gb',
  L4: 'nvidia-l4-24gb',
  T4: 'nvidia-t4-16gb',
  V100: 'nvidia-v100-sxm-16gb',
  'V100-32GB': 'nvidia-v100-sxm-32gb',
  MI300X: 'amd-mi300x-192gb',
};

export interface SnapshotRow {
  provider: string;
  instanceType: string;
  region: string;
  accelerator: string;
  /** Overrides the accelerator mapping where one provider's part differs (Azure's V100s are PCIe). */
  gpuId?: string;
  gpuCount: number;
  instanceUsdPerHour: string;
  source: string;
  note?: string;
}

export interface HyperscalerSnapshot {
  about?: string;
  sources: Record<string, Omit<HyperscalerSource, 'id' | 'provider'> & { provider: string }>;
  gaps: Array<{ provider: string; reason: string }>;
  rows: SnapshotRow[];
}

/** Reads a snapshot into priced rows; a row whose accelerator or source is unknown is an error, never dropped. */
export function loadHyperscalerSnapshot(data: HyperscalerSnapshot): HyperscalerPrice[] {
  return data.rows.map((row) => {
    const gpuId = row.gpuId ?? ACCELERATOR_GPU_IDS[row.accelerator];
    const gpu = gpuId ? catalogIndex.byId(gpuId) : undefined;
    if (!gpu) throw new Error(`hyperscaler snapshot: accelerator "${row.accelerator}" (${row.instanceType}) maps to no catalog GPU`);
    const src = data.sources[row.source];
    if (!src) throw new Error(`hyperscaler snapshot: row ${row.instanceType} names unknown source "${row.source}"`);
    return {
      provider: row.provider as Hyperscaler,
      instanceType: row.instanceType,
      region: row.region,
      gpuId: gpu.id,
      gpuFamily: gpu.family,
      vramGb: gpu.vramGb,
      gpuCount: row.gpuCount,
      instanceUsdPerHour: row.instanceUsdPerHour,
      accelerator: row.accelerator,
      source: { id: row.source, ...src, provider: src.provider as Hyperscaler },
      handTyped: row.source.startsWith('hand-typed'),
      ...(row.note ? { note: row.note } : {}),
    };
  });
}

export const HYPERSCALER_SNAPSHOT: HyperscalerSnapshot = SNAPSHOT;
export const HYPERSCALER_PRICES: readonly HyperscalerPrice[] = Object.freeze(loadHyperscalerSnapshot(HYPERSCALER_SNAPSHOT));
/** Providers with no maintained public catalog, and why. */
export const HYPERSCALER_GAPS: ReadonlyArray<{ provider: string; reason: string }> = HYPERSCALER_SNAPSHOT.gaps;
