// The simulated market behind all three oracle simulators: per asset a seeded base price that drifts
// slowly (±2 % over a 6-hour sine), so Pyth on Solana, Hermes and Chainlink tell one consistent story.
import { SeededRandom } from '../../../../adapters/sdk';
import { Money } from '../../money';
import type { FxAsset } from '../fx-quote';

export type SimulatedAsset = Exclude<FxAsset, 'ACT'>;
export const SIMULATED_ASSETS: readonly SimulatedAsset[] = ['AKT', 'FIL', 'RENDER', 'SOL', 'USDC'];

const RANGES: Record<SimulatedAsset, [number, number]> = {
  AKT: [1, 3],
  FIL: [3, 5],
  RENDER: [3, 8],
  SOL: [150, 250],
  USDC: [1, 1],
};
const DRIFT = 0.02;
const PERIOD_MS = 6 * 3600 * 1000;

export class OracleWorld {
  private readonly base = new Map<SimulatedAsset, Money>();
  private readonly phase = new Map<SimulatedAsset, number>();

  constructor(
    seed: number,
    readonly now: () => Date = () => new Date(),
  ) {
    const rnd = new SeededRandom(seed ^ 0x0fac1e);
    for (const asset of SIMULATED_ASSETS) {
      const [lo, hi] = RANGES[asset];
      // Base kept away from the range edges so the drift stays inside it.
      this.base.set(asset, new Money(rnd.between(lo + (hi - lo) * 0.1, hi - (hi - lo) * 0.1).toFixed(4)));
      this.phase.set(asset, rnd.between(0, 2 * Math.PI));
    }
  }

  /** USD per token at time t. USDC barely moves (±0.05 %). */
  priceAt(asset: SimulatedAsset, t: Date = this.now()): Money {
    const amplitude = asset === 'USDC' ? 0.0005 : DRIFT;
    const wave = Math.sin((2 * Math.PI * t.getTime()) / PERIOD_MS + this.phase.get(asset)!);
    // The sine is a float; it only shapes the simulated market, rounded to 6 decimals before use.
    return this.base.get(asset)!.times(new Money((1 + amplitude * wave).toFixed(6)));
  }

  /** Price as an integer with exponent -8, as Pyth and Chainlink publish it. */
  scaledPrice(asset: SimulatedAsset, t?: Date, offset = '1'): bigint {
    return BigInt(this.priceAt(asset, t).times(offset).times(1e8).toFixed(0));
  }
}

/** Reads a comma-separated asset list from a simulator flag (`staleAssets: "SOL,FIL"`). */
export function flagAssets(value: boolean | number | string | undefined): Set<string> {
  if (typeof value !== 'string') return new Set();
  return new Set(
    value
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
  );
}
