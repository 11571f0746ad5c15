// Fixed prices. `static` is an operator's override for offline use; `peg` is ACT's protocol peg (under
// Akash BME 1 ACT is USD-denominated, 1 ACT = 1,000,000 uact ≈ 1 USD). Both say what they are in
// provenance, and report their publish time as "now" so they never go stale.
import { formatMoney, parseMoney } from '../money';
import type { FxAsset, FxQuote, FxSource } from './fx-quote';

export class StaticFxSource implements FxSource {
  constructor(
    readonly id: string,
    private readonly prices: Partial<Record<FxAsset, string>>,
    private readonly label: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    for (const [asset, usd] of Object.entries(prices)) {
      if (parseMoney(usd!).lte(0)) throw new Error(`${id} price for ${asset} must be positive`);
    }
  }

  async quote(assets: readonly FxAsset[]): Promise<FxQuote[]> {
    const at = this.now().toISOString();
    return assets.flatMap((asset) => {
      const usd = this.prices[asset];
      if (usd === undefined) return [];
      return [{ asset, usd: formatMoney(parseMoney(usd), 12), source: `${this.id}:${this.label}`, publishTime: at, confidence: '0', observedAt: at }];
    });
  }
}

/** An operator-configured price (FX_STATIC_<ASSET>), labelled `static:operator-override`. */
export function operatorOverrideSource(prices: Partial<Record<FxAsset, string>>, now?: () => Date): StaticFxSource {
  return new StaticFxSource('static', prices, 'operator-override', now);
}

/** ACT = 1 USD by protocol (Akash BME), labelled `peg:akash-bme-act-usd`. */
export function actPegSource(now?: () => Date): StaticFxSource {
  return new StaticFxSource('peg', { ACT: '1' }, 'akash-bme-act-usd', now);
}
