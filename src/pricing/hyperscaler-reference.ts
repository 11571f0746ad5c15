// Finding the hyperscaler yardstick for a GPU (pure): the exact canonical GPU first, then the same family
// with the same VRAM (an A100 SXM 80GB offer compares with an A100 PCIe 80GB reference, not a 40GB one).
// A row older than the maximum age is still shown, marked stale, but never used as the yardstick: a
// saving against an old list price is marketing, not a measurement.
import { formatMoney, Money } from './money';
import { HYPERSCALER_PRICES, HyperscalerPrice } from './hyperscaler-reference.data';

export const DEFAULT_REFERENCE_MAX_AGE_DAYS = 120;
const DAY_MS = 86_400_000;

export interface HyperscalerReferenceRow extends HyperscalerPrice {
  usdPerGpuHour: string;
  /** Whole days since the row's source was read. */
  ageDays: number;
  /** Older than the maximum age: shown, never compared against. */
  stale: boolean;
}

export interface HyperscalerReference {
  /** `exact` when the same canonical GPU, `family` when the same family and VRAM. */
  match: 'exact' | 'family';
  /** True when every row is stale: there is no yardstick, only history. */
  stale: boolean;
  /** The cheapest fresh on-demand USD per GPU-hour; absent when every row is stale. */
  usdPerGpuHour?: string;
  cheapest?: HyperscalerReferenceRow;
  maxAgeDays: number;
  /** Every row considered, fresh and stale, each with its source and age. */
  rows: HyperscalerReferenceRow[];
}

export type ReferenceLookup = (gpu: { gpuModel: string; gpuVramGb: number; gpuFamily?: string }) => HyperscalerReference | undefined;

export function perGpuHour(row: HyperscalerPrice): string {
  return formatMoney(new Money(row.instanceUsdPerHour).div(row.gpuCount), 6);
}

export interface ReferenceLookupOptions {
  maxAgeDays?: number;
  now?: () => Date;
}

export function hyperscalerReferenceLookup(prices: readonly HyperscalerPrice[] = HYPERSCALER_PRICES, options: ReferenceLookupOptions = {}): ReferenceLookup {
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_REFERENCE_MAX_AGE_DAYS;
  const now = options.now ?? (() => new Date());
  return ({ gpuModel, gpuVramGb, gpuFamily }) => {
    const at = now().getTime();
    const rate = (rows: readonly HyperscalerPrice[]): HyperscalerReferenceRow[] =>
      rows.map((r) => {
        const ageDays = Math.max(0, Math.floor((at - Date.parse(`${r.source.observedAt}T00:00:00Z`)) / DAY_MS));
        return { ...r, usdPerGpuHour: perGpuHour(r), ageDays, stale: ageDays > maxAgeDays };
      });
    const exact = rate(prices.filter((p) => p.gpuId === gpuModel));
    const family = gpuFamily ?? prices.find((p) => p.gpuId === gpuModel)?.gpuFamily ?? familyFromId(gpuModel);
    const sameFamily = rate(prices.filter((p) => p.gpuId !== gpuModel && p.gpuFamily === family && p.vramGb === gpuVramGb));

    // A fresh exact row wins; failing that a fresh row of the same family and VRAM; stale rows only inform.
    let match: HyperscalerReference['match'] = 'exact';
    let rows = exact;
    if (!exact.some((r) => !r.stale) && sameFamily.some((r) => !r.stale)) {
      match = 'family';
      rows = [...sameFamily, ...exact];
    } else if (exact.length === 0) {
      match = 'family';
      rows = sameFamily;
    }
    if (rows.length === 0) return undefined;
    const fresh = rows.filter((r) => !r.stale);
    if (fresh.length === 0) return { match, stale: true, maxAgeDays, rows };
    const cheapest = fresh.reduce((a, b) => (new Money(a.usdPerGpuHour).lte(b.usdPerGpuHour) ? a : b));
    return { match, stale: false, usdPerGpuHour: cheapest.usdPerGpuHour, cheapest, maxAgeDays, rows };
  };
}

/** `nvidia-h100-sxm-80gb` → `h100`; `nvidia-rtx-6000-ada-48gb` → `rtx-6000-ada`. A fallback only. */
function familyFromId(id: string): string {
  return id
    .split('-')
    .slice(1)
    .filter((part) => !/^\d+gb$/.test(part) && !['sxm', 'pcie', 'nvl', 'oam'].includes(part))
    .join('-');
}

export const hyperscalerReferenceFor: ReferenceLookup = hyperscalerReferenceLookup();
