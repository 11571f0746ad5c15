// Finding the hyperscaler yardstick for a GPU (pure): the exact canonical GPU first, then the same family
// with the same VRAM (an A100 SXM 80GB offer compares with an A100 PCIe 80GB reference, not a 40GB one).
import { formatMoney, Money } from './money';
import { HYPERSCALER_PRICES, HyperscalerPrice } from './hyperscaler-reference.data';

export interface HyperscalerReferenceRow extends HyperscalerPrice {
  usdPerGpuHour: string;
}

export interface HyperscalerReference {
  /** `exact` when the same canonical GPU, `family` when the same family and VRAM. */
  match: 'exact' | 'family';
  /** The cheapest on-demand USD per GPU-hour among the rows. */
  usdPerGpuHour: string;
  cheapest: HyperscalerReferenceRow;
  rows: HyperscalerReferenceRow[];
}

export type ReferenceLookup = (gpu: { gpuModel: string; gpuVramGb: number; gpuFamily?: string }) => HyperscalerReference | undefined;

export function perGpuHour(row: HyperscalerPrice): string {
  return formatMoney(new Money(row.instanceUsdPerHour).div(row.gpuCount), 6);
}

export function hyperscalerReferenceLookup(prices: readonly HyperscalerPrice[] = HYPERSCALER_PRICES): ReferenceLookup {
  return ({ gpuModel, gpuVramGb, gpuFamily }) => {
    let match: HyperscalerReference['match'] = 'exact';
    let rows = prices.filter((p) => p.gpuId === gpuModel);
    if (rows.length === 0) {
      const family = gpuFamily ?? prices.find((p) => p.gpuId === gpuModel)?.gpuFamily ?? familyFromId(gpuModel);
      rows = prices.filter((p) => p.gpuFamily === family && p.vramGb === gpuVramGb);
      match = 'family';
    }
    if (rows.length === 0) return undefined;
    const withRate = rows.map((r) => ({ ...r, usdPerGpuHour: perGpuHour(r) }));
    const cheapest = withRate.reduce((a, b) => (new Money(a.usdPerGpuHour).lte(b.usdPerGpuHour) ? a : b));
    return { match, usdPerGpuHour: cheapest.usdPerGpuHour, cheapest, rows: withRate };
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
