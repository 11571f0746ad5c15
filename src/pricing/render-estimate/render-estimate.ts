// Cost estimate for 3D rendering on the Render Network, which has no public job API: work in
// OctaneBench-hours (OBh) → RENDER credits at the tier's rate → USD at a given RENDER/USD quote.
// Pure: no clock, no I/O. Facts and their uncertainty: shared/reference/render.md §2.2.
import Decimal from 'decimal.js';
import { RenderEstimateInputError } from './render-estimate.error';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -40, toExpPos: 40 });
type Dec = InstanceType<typeof D>;

export type RenderTier = 2 | 3;

/**
 * OBh one RENDER credit buys: "1 RENDER Credit can equal 100 OB for 1 hour at Tier 2, and 200 OB for
 * 1 hour at Tier 3" (know.rendernetwork.com/basics/how-much-does-rndr-cost). An example, not a rate card.
 */
export const RENDER_OBH_PER_CREDIT: Readonly<Record<RenderTier, string>> = { 2: '100', 3: '200' };
const TIER_NAMES: Readonly<Record<RenderTier, string>> = { 2: 'Tier 2 (Priority)', 3: 'Tier 3 (Economy)' };
/** RENDER (SPL on Solana) has 8 decimals: an amount finer than that cannot be paid. */
export const RENDER_DECIMALS = 8;

export interface RenderEstimateInput {
  /** Work in OctaneBench-hours, as a decimal string. Give this or `gpu`, not both. */
  obh?: string;
  /** A GPU's OctaneBench score and how long it renders the job locally, in hours (decimal string). */
  gpu?: { octaneBench: number; hours: string };
  tier: RenderTier;
  /** USD per RENDER token, from an FX source. */
  renderUsd: { price: string; source: string; publishTime: string };
}

export interface RenderEstimate {
  obh: string;
  tier: RenderTier;
  obhPerRenderCredit: string;
  /** RENDER credits, rounded up to 8 decimals. */
  renderCredits: string;
  /** renderCredits × the RENDER/USD price, exact. */
  usd: string;
  fx: { asset: 'RENDER'; quote: 'USD'; price: string; source: string; publishTime: string };
  assumptions: string[];
}

const DECIMAL_STRING = /^(0|[1-9]\d*)(\.\d+)?$/;

function positiveDecimal(value: unknown, field: string): Dec {
  if (typeof value !== 'string') throw new RenderEstimateInputError(field, `must be a decimal string such as "12.5", got ${describe(value)}`);
  if (!DECIMAL_STRING.test(value))
    throw new RenderEstimateInputError(
      field,
      `must be a plain decimal string such as "12.5" (no sign, exponent, spaces or separators), got ${JSON.stringify(value)}`,
    );
  const d = new D(value);
  if (d.lte(0)) throw new RenderEstimateInputError(field, `must be greater than zero, got ${JSON.stringify(value)}`);
  return d;
}

function describe(value: unknown): string {
  return value === undefined ? 'nothing' : typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${JSON.stringify(value)}`;
}

function workInObh(input: RenderEstimateInput): { obh: Dec; how: string } {
  const hasObh = input.obh !== undefined;
  const hasGpu = input.gpu !== undefined;
  if (hasObh === hasGpu) {
    throw new RenderEstimateInputError(
      hasObh ? 'obh' : 'obh|gpu',
      hasObh ? 'give either obh or gpu, not both' : 'give either obh (OctaneBench-hours) or gpu { octaneBench, hours }',
    );
  }
  if (hasObh) return { obh: positiveDecimal(input.obh, 'obh'), how: 'given directly' };
  const gpu = input.gpu as { octaneBench?: unknown; hours?: unknown } | null;
  if (typeof gpu !== 'object' || gpu === null) throw new RenderEstimateInputError('gpu', `must be an object { octaneBench, hours }, got ${describe(gpu)}`);
  const score = gpu.octaneBench;
  if (typeof score !== 'number' || !Number.isFinite(score) || score <= 0) {
    throw new RenderEstimateInputError('gpu.octaneBench', `must be a positive number (the GPU's OctaneBench score), got ${describe(score)}`);
  }
  const hours = positiveDecimal(gpu.hours, 'gpu.hours');
  const obh = new D(String(score)).times(hours);
  return { obh, how: `OctaneBench ${score} × ${hours.toFixed()} h` };
}

/** Estimates what rendering work costs on the Render Network at a tier, in RENDER credits and USD. */
export function estimateRenderCost(input: RenderEstimateInput): RenderEstimate {
  if (typeof input !== 'object' || input === null) throw new RenderEstimateInputError('input', 'must be an object');
  const { obh, how } = workInObh(input);
  const tier = input.tier as unknown;
  if (tier !== 2 && tier !== 3) {
    const note = tier === 1 ? 'Tier 1 (Trusted) is not released' : `got ${describe(tier)}`;
    throw new RenderEstimateInputError('tier', `must be 2 (Priority) or 3 (Economy); ${note}`);
  }
  const fxIn = input.renderUsd as { price?: unknown; source?: unknown; publishTime?: unknown } | undefined;
  if (typeof fxIn !== 'object' || fxIn === null) throw new RenderEstimateInputError('renderUsd', 'must be an object { price, source, publishTime }');
  const price = positiveDecimal(fxIn.price, 'renderUsd.price');
  if (typeof fxIn.source !== 'string' || fxIn.source.trim() === '')
    throw new RenderEstimateInputError('renderUsd.source', 'must name where the price came from');
  if (typeof fxIn.publishTime !== 'string' || Number.isNaN(Date.parse(fxIn.publishTime))) {
    throw new RenderEstimateInputError('renderUsd.publishTime', `must be an ISO-8601 time, got ${describe(fxIn.publishTime)}`);
  }

  const rate = new D(RENDER_OBH_PER_CREDIT[tier]);
  const credits = obh.div(rate).toDecimalPlaces(RENDER_DECIMALS, Decimal.ROUND_UP);
  const usd = credits.times(price);
  return {
    obh: obh.toFixed(),
    tier,
    obhPerRenderCredit: rate.toFixed(),
    renderCredits: credits.toFixed(),
    usd: usd.toFixed(),
    fx: { asset: 'RENDER', quote: 'USD', price: price.toFixed(), source: fxIn.source, publishTime: fxIn.publishTime },
    assumptions: [
      `Work: ${obh.toFixed()} OBh (${how}). OBh scale linearly: a GPU with OctaneBench score S delivers S OBh per hour of rendering; this covers rendering only, not scene upload or processing.`,
      `Rate: ${TIER_NAMES[tier]} at ${rate.toFixed()} OBh per RENDER credit. Source: know.rendernetwork.com "How much does RNDR cost": "1 RENDER Credit can equal 100 OB for 1 hour at Tier 2, and 200 OB for 1 hour at Tier 3". The source gives this as an example ("can equal"), not a published rate card.`,
      'Uncertainty: the same sources give ranges, not one rate. Tier multipliers against Tier 1 are 2–4× (Tier 2) and 8–16× (Tier 3); an older OTOY article puts Tier 1 at 25 OBh per token, and "100 RNDR would give anywhere from 2,500 OBh to 20,000 OBh" (25–200 OBh per token). Read together, Tier 2 could be 50–100 OBh per credit (so up to 2× this estimate) and Tier 3 200–400 (down to half of it). Treat the result as an order-of-magnitude estimate.',
      'Tier 1 (Trusted) is not released and is not estimated.',
      `Credits: 1 RENDER credit is valued as 1 RENDER token (under BME, RNP-001, jobs are priced in USD and the USD-equivalent RENDER is burned); credits are rounded up to ${RENDER_DECIMALS} decimals, RENDER's smallest unit. Network fees are not added.`,
      `FX: USD = RENDER credits × ${price.toFixed()} USD/RENDER from ${fxIn.source}, published ${fxIn.publishTime}; this estimator does not judge whether that quote is stale.`,
    ],
  };
}
