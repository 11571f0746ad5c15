// Native price → USD per GPU-hour, with provenance (PURE: no Nest, no database, no clock but `now`).
//
// Units (DESIGN.md "Money and units", reference/akash.md §1.0, render.md §2.2, filecoin.md):
//   block  Akash, 6 s → 600 per hour. uakt = 10^-6 AKT (× AKT/USD); uact = 10^-6 ACT, ACT ≈ 1 USD (BME).
//   epoch  Filecoin, 30 s → 120 per hour. attoFIL = 10^-18 FIL (× FIL/USD).
//   obh    Render OctaneBench-hour: a GPU with OctaneBench score S delivers S OBh per hour, so a price per
//          OBh × S = price per GPU-hour. It is always per unit of work, so `per` does not divide it.
//   hour   wall clock; USD as is, USDC × USDC/USD.
// `per: 'offer'` prices the whole offer and is divided by the GPU count; extras (storage, fees) are
// normalized the same way and added.
import type { NativePrice, PriceComponent } from '../../adapters/sdk';
import type { FxAsset, FxQuoteView } from './fx/fx-quote';
import { unconfirmedFeedsFor } from './fx/feed-registry';
import { formatMoney, isDecimalString, Money, sum } from './money';

export interface NormalizeInput {
  price: NativePrice;
  gpuCount: number;
  /** OctaneBench score of the offer's GPU model; required for Render's per-OBh prices. */
  octaneBench?: number;
  fx: (asset: FxAsset) => FxQuoteView | undefined;
  now: Date;
  /** An offer observed longer ago than this is reported stale. */
  maxOfferAgeMs?: number;
  observedAt: string;
}

export interface FxUsed {
  asset: FxAsset;
  usd: string;
  source: string;
  publishTime: string;
  confidence: string;
  stale: boolean;
  /** Oracle identifiers the quote rests on that the oracle's own list does not confirm; absent when none. */
  unconfirmedFeeds?: string[];
}

export interface ComponentProvenance {
  name: string;
  amount: string;
  asset: string;
  unit: PriceComponent['unit'];
  per: PriceComponent['per'];
  usdPerGpuHour: string;
  formula: string;
}

// A type alias (not an interface) so it fits callers that hold provenance as Record<string, unknown>.
export type PriceProvenance = {
  native: { amount: string; asset: string; unit: PriceComponent['unit']; per: PriceComponent['per']; kind: NativePrice['kind']; source: string };
  fx: FxUsed[];
  extras: ComponentProvenance[];
  gpuCount: number;
  octaneBench?: number;
  observedAt: string;
  /** The whole computation, readable: "19200 uakt/block ÷ 10^6 × 2.5 USD/AKT × 600 block/h ÷ 8 GPU = 3.6 USD/GPU-h". */
  formula: string;
};

export type NormalizeResult =
  { ok: true; usdPerGpuHour: string; usdPerHour: string; provenance: PriceProvenance; stale: boolean; staleReasons: string[] } | { ok: false; reason: string };

interface Denomination {
  /** The token whose USD quote converts it; absent for USD itself. */
  fx?: FxAsset;
  /** Base units per whole token (as a power of ten). */
  decimals: number;
  /** Used when no quote exists: a protocol peg is fine, an assumption is reported as stale. */
  fallback?: { usd: string; source: string; staleReason?: string };
}

const DENOMINATIONS: Record<string, Denomination> = {
  USD: { decimals: 0 },
  USDC: { fx: 'USDC', decimals: 0, fallback: { usd: '1', source: 'assumed:usdc-usd-par', staleReason: 'no USDC/USD quote: assumed 1 USDC = 1 USD' } },
  uakt: { fx: 'AKT', decimals: 6 },
  AKT: { fx: 'AKT', decimals: 0 },
  uact: { fx: 'ACT', decimals: 6, fallback: { usd: '1', source: 'peg:akash-bme-act-usd' } },
  ACT: { fx: 'ACT', decimals: 0, fallback: { usd: '1', source: 'peg:akash-bme-act-usd' } },
  attoFIL: { fx: 'FIL', decimals: 18 },
  FIL: { fx: 'FIL', decimals: 0 },
  RENDER: { fx: 'RENDER', decimals: 0 },
  SOL: { fx: 'SOL', decimals: 0 },
};

const UNITS_PER_HOUR: Record<string, number | 'octaneBench'> = { block: 600, epoch: 120, hour: 1, obh: 'octaneBench' };

class NormalizeError extends Error {}

export function normalizePrice(input: NormalizeInput): NormalizeResult {
  try {
    return normalizeOrThrow(input);
  } catch (err) {
    if (err instanceof NormalizeError) return { ok: false, reason: err.message };
    throw err;
  }
}

function normalizeOrThrow(input: NormalizeInput): NormalizeResult {
  const { price, gpuCount } = input;
  if (!Number.isInteger(gpuCount) || gpuCount < 1) throw new NormalizeError(`GPU count must be a positive integer, got ${gpuCount}`);
  const observedMs = Date.parse(input.observedAt);
  if (!Number.isFinite(observedMs)) throw new NormalizeError(`observedAt is not a date: ${JSON.stringify(input.observedAt)}`);

  const fxUsed = new Map<FxAsset, FxUsed>();
  const staleReasons: string[] = [];
  const main = component('price', price, input, fxUsed, staleReasons);
  const extras = (price.extras ?? []).map((e) => component(e.name, e, input, fxUsed, staleReasons));

  // A price without extras is its main component (0 + x is x: x already holds at most the precision's digits).
  const perGpu = extras.length ? sum([main.usdPerGpuHour, ...extras.map((e) => e.usdPerGpuHour)]) : main.usdPerGpuHour;
  if (perGpu.lte(0)) throw new NormalizeError('normalized price is not positive');
  const perHour = perGpu.times(gpuCount);

  if (input.maxOfferAgeMs !== undefined && input.now.getTime() - observedMs > input.maxOfferAgeMs) {
    staleReasons.push(`offer observed ${Math.round((input.now.getTime() - observedMs) / 1000)} s ago (max ${Math.round(input.maxOfferAgeMs / 1000)} s)`);
  }

  const usdPerGpuHour = extras.length ? formatMoney(perGpu, 8) : main.usdPerGpuHourText;
  const formula = [main.formula, ...extras.map((e) => `+ ${e.name}: ${e.formula}`)].join(' ') + (extras.length ? ` → ${usdPerGpuHour} USD/GPU-h` : '');
  return {
    ok: true,
    usdPerGpuHour,
    usdPerHour: formatMoney(perHour, 8),
    provenance: {
      native: { amount: price.amount, asset: price.asset, unit: price.unit, per: price.per, kind: price.kind, source: price.source },
      fx: [...fxUsed.values()],
      extras: extras.map((e) => ({
        name: e.name,
        amount: e.amount,
        asset: e.asset,
        unit: e.unit,
        per: e.per,
        usdPerGpuHour: e.usdPerGpuHourText,
        formula: e.formula,
      })),
      gpuCount,
      octaneBench: input.octaneBench,
      observedAt: input.observedAt,
      formula,
    },
    stale: staleReasons.length > 0,
    staleReasons,
  };
}

interface NormalizedComponent extends PriceComponent {
  name: string;
  usdPerGpuHour: Money;
  /** usdPerGpuHour as formatMoney(…, 8) writes it. */
  usdPerGpuHourText: string;
  formula: string;
}

function component(name: string, c: PriceComponent, input: NormalizeInput, fxUsed: Map<FxAsset, FxUsed>, staleReasons: string[]): NormalizedComponent {
  if (!isDecimalString(c.amount)) throw new NormalizeError(`${name}: amount ${JSON.stringify(c.amount)} is not a decimal string`);
  const amount = new Money(c.amount);
  if (amount.lt(0) || (name === 'price' && amount.isZero()))
    throw new NormalizeError(`${name}: amount must be ${name === 'price' ? 'positive' : 'non-negative'}, got ${c.amount}`);
  const denomination = DENOMINATIONS[c.asset];
  if (!denomination) throw new NormalizeError(`${name}: unknown asset ${c.asset}`);
  const rate = UNITS_PER_HOUR[c.unit];
  if (rate === undefined) throw new NormalizeError(`${name}: unknown price unit ${c.unit}`);
  if (c.per !== 'gpu' && c.per !== 'offer') throw new NormalizeError(`${name}: per must be gpu or offer, got ${c.per}`);

  let formula = `${c.amount} ${c.asset}/${c.unit}`;
  let usd = amount;
  if (denomination.decimals) {
    usd = usd.div(powerOfTen(denomination.decimals));
    formula += ` ÷ 10^${denomination.decimals}`;
  }
  if (denomination.fx) {
    const quote = resolveFx(denomination, input, fxUsed, staleReasons, name);
    usd = usd.times(quote.usd);
    formula += ` × ${quote.usd} USD/${denomination.fx}`;
  }
  let perGpu: Money;
  if (rate === 'octaneBench') {
    const score = input.octaneBench;
    if (score === undefined || !(score > 0)) throw new NormalizeError(`${name}: priced per OctaneBench-hour but the GPU's OctaneBench score is unknown`);
    // OctaneBench scores are published as whole numbers (or to 2 decimals); keep them exact as decimals.
    perGpu = usd.times(new Money(String(score)));
    formula += ` × ${score} OBh/GPU-h`;
  } else {
    perGpu = usd.times(rate);
    if (rate !== 1) formula += ` × ${rate} ${c.unit}/h`;
    if (c.per === 'offer') {
      perGpu = perGpu.div(input.gpuCount);
      formula += ` ÷ ${input.gpuCount} GPU`;
    }
  }
  const usdPerGpuHourText = formatMoney(perGpu, 8);
  formula += ` = ${usdPerGpuHourText} USD/GPU-h`;
  // The fields the provenance reads, named: a spread of the component would copy whatever else it carries.
  return { name, amount: c.amount, asset: c.asset, unit: c.unit, per: c.per, usdPerGpuHour: perGpu, usdPerGpuHourText, formula };
}

const POWERS_OF_TEN = new Map<number, Money>();

/** 10^n as Money, made once per n (Money values are immutable). */
function powerOfTen(n: number): Money {
  let power = POWERS_OF_TEN.get(n);
  if (power === undefined) POWERS_OF_TEN.set(n, (power = new Money(10).pow(n)));
  return power;
}

function resolveFx(d: Denomination, input: NormalizeInput, fxUsed: Map<FxAsset, FxUsed>, staleReasons: string[], name: string): FxUsed {
  const asset = d.fx!;
  const known = fxUsed.get(asset);
  if (known) return known;
  const quote = input.fx(asset);
  let used: FxUsed;
  if (quote) {
    if (!isDecimalString(quote.usd) || new Money(quote.usd).lte(0))
      throw new NormalizeError(`${name}: FX quote for ${asset} is not a positive decimal (${quote.usd})`);
    used = { asset, usd: quote.usd, source: quote.source, publishTime: quote.publishTime, confidence: quote.confidence, stale: quote.stale };
    const unconfirmed = unconfirmedFeedsFor(asset, quote.source);
    if (unconfirmed.length) used.unconfirmedFeeds = unconfirmed;
    if (quote.stale) staleReasons.push(`FX ${asset}/USD quote from ${quote.source} is stale (published ${quote.publishTime})`);
  } else if (d.fallback) {
    used = {
      asset,
      usd: d.fallback.usd,
      source: d.fallback.source,
      publishTime: input.now.toISOString(),
      confidence: '0',
      stale: Boolean(d.fallback.staleReason),
    };
    if (d.fallback.staleReason) staleReasons.push(d.fallback.staleReason);
  } else {
    throw new NormalizeError(`${name}: no FX quote for ${asset}/USD`);
  }
  fxUsed.set(asset, used);
  return used;
}
