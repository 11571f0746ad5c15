// The `supplyScale` simulator option, checked once for every simulator that multiplies its supply.

/** `supplyScale` as a whole number ≥ 1 (unset: 1); anything else is a mistake in the caller's setup. */
export function supplyScaleOf(options: { supplyScale?: number }): number {
  const scale = options.supplyScale ?? 1;
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`supplyScale=${String(options.supplyScale)}: must be a whole number ≥ 1`);
  return scale;
}
