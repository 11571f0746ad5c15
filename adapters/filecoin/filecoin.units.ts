// Filecoin money and time: 1 FIL = 10^18 attoFIL, one epoch = 30 s (120 per hour). Amounts stay decimal
// strings; arithmetic goes through a high-precision Decimal so 18-digit base units never lose a digit.
import Decimal from 'decimal.js';

export const FilDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

export const ATTOFIL_PER_FIL = new FilDecimal('1e18');
export const EPOCH_SECONDS = 30;
export const EPOCHS_PER_HOUR = 3600 / EPOCH_SECONDS;
/** Mainnet genesis (unix seconds): unix_time = genesis + 30 × epoch. */
export const MAINNET_GENESIS_UNIX = 1_598_306_400;

const POSITIVE_DECIMAL = /^\d+(\.\d+)?$/;
const POSITIVE_INTEGER = /^\d+$/;

/**
 * FIL per GPU-hour → whole attoFIL per GPU per epoch (attoFIL is the base unit, so the result is rounded
 * half-up to an integer: 0.5 FIL/h = 4166666666666666.67 → "4166666666666667").
 */
export function filPerHourToAttoFilPerEpoch(filPerHour: string): string {
  if (!POSITIVE_DECIMAL.test(filPerHour)) throw new Error(`not a decimal FIL amount: "${filPerHour}"`);
  return new FilDecimal(filPerHour).mul(ATTOFIL_PER_FIL).div(EPOCHS_PER_HOUR).toDecimalPlaces(0).toFixed(0);
}

/** attoFIL per epoch → FIL per hour, as a decimal string (for READMEs, logs and tests). */
export function attoFilPerEpochToFilPerHour(attoPerEpoch: string): string {
  return new FilDecimal(attoPerEpoch).mul(EPOCHS_PER_HOUR).div(ATTOFIL_PER_FIL).toFixed();
}

/** A positive whole number of attoFIL, as labels must carry it. */
export function isPositiveAttoFil(value: string): boolean {
  return POSITIVE_INTEGER.test(value) && !new FilDecimal(value).isZero();
}

export function isPositiveDecimal(value: string): boolean {
  return POSITIVE_DECIMAL.test(value) && !new FilDecimal(value).isZero();
}

/** Current epoch for a wall-clock time, counted from mainnet genesis. */
export function epochAt(unixMs: number, genesisUnix = MAINNET_GENESIS_UNIX): number {
  return Math.floor((unixMs / 1000 - genesisUnix) / EPOCH_SECONDS);
}
