// Akash's units in one place: prices per block (6 s blocks, 600 per hour), uact as micro-USD, k8s-style
// quantities ("80Gi", "512Mi") for memory, storage and GPU RAM. All money arithmetic is decimal.js.
import Decimal from 'decimal.js';

export const BLOCKS_PER_HOUR = 600;
/** 1 ACT = 1,000,000 uact, and ACT is USD-denominated, so 1 uact = 1 micro-USD. */
export const UACT_PER_USD = 1_000_000;

export type AkashDenom = 'uact' | 'uakt';

/** USD per hour → uact per block. */
export function usdPerHourToUactPerBlock(usdPerHour: Decimal.Value): Decimal {
  return new Decimal(usdPerHour).times(UACT_PER_USD).div(BLOCKS_PER_HOUR);
}

/** uact per block → USD per hour (`amount * 600 / 1e6`, as the Console's gpu-price service does). */
export function uactPerBlockToUsdPerHour(amount: Decimal.Value): Decimal {
  return new Decimal(amount).times(BLOCKS_PER_HOUR).div(UACT_PER_USD);
}

/**
 * The SDL pricing cap for a whole deployment, in the denom's base unit per block, as an integer string.
 * Rounded half-up to a whole base unit: $2.00/GPU-hour × 2 GPUs = 6666.67 → 6667 uact/block. The excess
 * is at most half a base unit per block (≤ $0.0003/h for uact); the adapter then compares bids against
 * this same integer, so what the chain enforces and what the adapter accepts agree.
 * For uakt the USD cap is converted with `aktUsd` (USD per AKT).
 */
export function pricingCapPerBlock(maxUsdPerGpuHour: string, gpus: number, denom: AkashDenom, aktUsd?: string): string {
  const usdPerHour = new Decimal(maxUsdPerGpuHour).times(gpus);
  let perBlock = usdPerHourToUactPerBlock(usdPerHour);
  if (denom === 'uakt') {
    if (!aktUsd || new Decimal(aktUsd).lte(0)) throw new Error('a uakt pricing cap needs the AKT/USD price (aktUsd)');
    perBlock = perBlock.div(aktUsd); // uakt per block = micro-USD per block / USD per AKT
  }
  return Decimal.max(perBlock.toDecimalPlaces(0, Decimal.ROUND_HALF_UP), 1).toFixed(0);
}

/** Renders a chain DecCoin amount ("2500.000000000000000000") without trailing zeros ("2500"). */
export function normalizeDecCoinAmount(amount: string): string {
  return new Decimal(amount).toFixed();
}

/** A DecCoin amount as the chain renders it: 18 decimals. */
export function toDecCoinAmount(amount: Decimal.Value): string {
  return new Decimal(amount).toFixed(18, Decimal.ROUND_DOWN);
}

/**
 * A size as chain-sdk reads it (sdl/sizes.ts `convertResourceString`, which the Console uses): case-insensitive,
 * a prefix k/m/g/t/p/e, then `i` for powers of 1024, anything else (`b` or nothing) for powers of 1000:
 * "16gi", "512Mi", "8gb", "1T". A plain number is bytes.
 */
const QUANTITY = /^(\d+(?:\.\d+)?)\s*(?:([kmgtpe])(i?)b?)?$/i;
const PREFIXES = 'kmgtpe';
const GIB = new Decimal(2).pow(30);

/** Parses a size ("80Gi", "512mi", "8gb", 1073741824) into bytes; undefined when it is not one. */
export function parseQuantityBytes(value: string | number): Decimal | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? new Decimal(value) : undefined;
  const m = QUANTITY.exec(value.trim());
  if (!m) return undefined;
  if (!m[2]) return new Decimal(m[1]);
  const power = PREFIXES.indexOf(m[2].toLowerCase()) + 1;
  return new Decimal(m[1]).times(new Decimal(m[3] ? 1024 : 1000).pow(power));
}

/** Bytes → GB as Switchyard states sizes (GiB, rounded to 2 decimals, so "80Gi" is 80). */
export function bytesToGb(bytes: Decimal): number {
  return bytes.div(GIB).toDecimalPlaces(2).toNumber();
}

/** "80Gi" → 80; undefined for anything that is not a size. */
export function quantityToGb(value: string | number | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const bytes = parseQuantityBytes(value);
  return bytes ? bytesToGb(bytes) : undefined;
}

/** A size in GB (GiB) as an SDL quantity: whole numbers as "64Gi", fractions in whole Mi ("0.5" → "512Mi"). */
export function gbToQuantity(gb: number): string {
  if (Number.isInteger(gb)) return `${gb}Gi`;
  return `${new Decimal(gb).times(1024).toDecimalPlaces(0, Decimal.ROUND_UP).toFixed(0)}Mi`;
}

/** The Console reports "SXM5", "SXM4", "PCIe"; SDL and bid attributes use `sxm` or `pcie`. */
export function normalizeGpuInterface(value: string | undefined | null): 'sxm' | 'pcie' | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v.startsWith('sxm')) return 'sxm';
  if (v.startsWith('pcie')) return 'pcie';
  return undefined;
}
