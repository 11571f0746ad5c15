// io.net quotes a CaaS request as one USDC total with its fees (GET /enterprise/v1/io-cloud/caas/price,
// [GetCaasPriceData]). The adapter asks for one GPU for one hour, so the total is a price per GPU-hour; the
// fees travel as extras so the host shows them in the price's provenance. JSON numbers become decimal strings
// through their shortest text form, never through float arithmetic.
import Decimal from 'decimal.js';
import type { NativePrice } from '@switchyard/adapter-sdk';
import type { CaasPrice } from './ionet.wire';

const text = (n: number) => new Decimal(String(n)).toFixed();

export function priceFromQuote(quote: CaasPrice, gpus: number, hours: number, location: string): NativePrice {
  const units = new Decimal(gpus).times(hours);
  const fees = new Decimal(String(quote.ionet_fee)).plus(String(quote.currency_conversion_fee));
  const base = new Decimal(String(quote.total_cost_usdc)).minus(fees);
  const perGpuHour = (d: Decimal) => d.dividedBy(units).toDecimalPlaces(8, Decimal.ROUND_HALF_UP).toFixed();
  return {
    amount: perGpuHour(base),
    asset: 'USDC',
    unit: 'hour',
    per: 'gpu',
    kind: 'firm',
    source: `io.net caas/price for ${gpus} GPU × ${hours} h in ${location} (total_cost_usdc ${text(quote.total_cost_usdc)}, discount ${text(quote.discount)})`,
    extras: [
      {
        name: `io.net fee (${text(quote.ionet_fee_percent)}%)`,
        amount: perGpuHour(new Decimal(String(quote.ionet_fee))),
        asset: 'USDC',
        unit: 'hour',
        per: 'gpu',
      },
      {
        name: `currency conversion fee (${text(quote.currency_conversion_fee_percent)}%)`,
        amount: perGpuHour(new Decimal(String(quote.currency_conversion_fee))),
        asset: 'USDC',
        unit: 'hour',
        per: 'gpu',
      },
    ],
  };
}

/** The market snapshot's per-model price (USDC per GPU-hour, no fees): an estimate when no quote came back. */
export function priceFromMarket(price: number): NativePrice {
  return {
    amount: text(price),
    asset: 'USDC',
    unit: 'hour',
    per: 'gpu',
    kind: 'estimate',
    source: 'io.net explorer market-snapshot price (fees not included)',
  };
}
