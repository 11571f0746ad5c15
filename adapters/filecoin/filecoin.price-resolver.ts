// Decides a node's asking price per GPU: its own labels first (firm), then the operator's configured
// fallback per GPU model (estimate), else no price at all (the caller quarantines the node).
import type { NativePrice } from '../sdk';
import { filPerHourToAttoFilPerEpoch, isPositiveAttoFil, isPositiveDecimal } from './filecoin.units';
import { LABEL_PRICE_ATTOFIL_PER_EPOCH, LABEL_PRICE_FIL_PER_GPU_HOUR } from './filecoin.node-labels';

/** Operator fallback: FIL per GPU-hour keyed by a case-insensitive substring of the GPU label. */
export type FallbackPrices = Record<string, string>;

export type PriceResolution = { ok: true; price: NativePrice } | { ok: false; reason: string };

const perEpochPerGpu = { asset: 'attoFIL', unit: 'epoch', per: 'gpu' } as const;

export function resolvePrice(labels: Record<string, string>, gpuLabel: string, fallback: FallbackPrices): PriceResolution {
  const atto = labels[LABEL_PRICE_ATTOFIL_PER_EPOCH];
  if (atto !== undefined) {
    if (!isPositiveAttoFil(atto.trim()))
      return { ok: false, reason: `label ${LABEL_PRICE_ATTOFIL_PER_EPOCH} is not a positive whole attoFIL amount: "${atto}"` };
    return { ok: true, price: { ...perEpochPerGpu, amount: atto.trim(), kind: 'firm', source: `node label ${LABEL_PRICE_ATTOFIL_PER_EPOCH}` } };
  }
  const filHour = labels[LABEL_PRICE_FIL_PER_GPU_HOUR];
  if (filHour !== undefined) {
    if (!isPositiveDecimal(filHour.trim()))
      return { ok: false, reason: `label ${LABEL_PRICE_FIL_PER_GPU_HOUR} is not a positive decimal FIL amount: "${filHour}"` };
    return {
      ok: true,
      price: {
        ...perEpochPerGpu,
        amount: filPerHourToAttoFilPerEpoch(filHour.trim()),
        kind: 'firm',
        source: `node label ${LABEL_PRICE_FIL_PER_GPU_HOUR}=${filHour.trim()} FIL/GPU-hour, converted at 120 epochs/hour`,
      },
    };
  }
  const match = fallbackFor(gpuLabel, fallback);
  if (match) {
    return {
      ok: true,
      price: {
        ...perEpochPerGpu,
        amount: filPerHourToAttoFilPerEpoch(match.filPerHour),
        // The SP never stated this number; the operator's guess is only an estimate of what it will ask.
        kind: 'estimate',
        source: `operator fallback price for "${match.key}" (${match.filPerHour} FIL/GPU-hour); the node states no price`,
      },
    };
  }
  return {
    ok: false,
    reason: `no price: the node has neither a ${LABEL_PRICE_ATTOFIL_PER_EPOCH} nor a ${LABEL_PRICE_FIL_PER_GPU_HOUR} label, and no operator fallback price matches "${gpuLabel}"`,
  };
}

/** The longest fallback key contained in the label wins ("A100 80GB" beats "A100"). */
export function fallbackFor(gpuLabel: string, fallback: FallbackPrices): { key: string; filPerHour: string } | undefined {
  const label = gpuLabel.toLowerCase();
  let best: string | undefined;
  for (const key of Object.keys(fallback)) {
    if (key && label.includes(key.toLowerCase()) && (best === undefined || key.length > best.length)) best = key;
  }
  return best === undefined ? undefined : { key: best, filPerHour: fallback[best] };
}
