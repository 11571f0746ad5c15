// How several sources' answers for one asset become one quote (pure: the clock is an argument).
// A quote counts only when it is fresh (publish time within the asset's maximum age) and precise
// (confidence / price within the maximum ratio). The result is the median of those, with the spread
// (max − min) / median recorded. When nothing fresh answered, the freshest precise answer is kept and
// marked stale, so callers see it and decide; it is never passed off as current.
import { formatMoney, maxOf, median, minOf, Money, parseMoney } from '../money';
import type { FxAsset, FxQuote, FxQuoteView } from './fx-quote';

export interface FxPolicy {
  maxAgeS: number;
  /**
   * Per-source maximum age overriding `maxAgeS` (e.g. Chainlink, which publishes on a deviation threshold
   * or a heartbeat of hours, so an hour-old round is still its current answer).
   */
  sourceMaxAgeS?: Readonly<Record<string, number>>;
  /** Largest accepted confidence / price, e.g. "0.02" for 2 %. */
  maxConfidenceRatio: string;
}

/** One source's answer and whether it was used, with the reason when not. */
export interface FxSourceVerdict {
  source: string;
  usd: string;
  publishTime: string;
  confidence: string;
  feedId?: string;
  observedAt: string;
  used: boolean;
  reason?: string;
}

export interface AggregatedFxQuote {
  asset: FxAsset;
  usd: string;
  source: string;
  publishTime: string;
  confidence: string;
  feedId?: string;
  observedAt: string;
  /** (max − min) / median of the sources used, as a decimal fraction ("0" for one source). */
  spread: string;
  stale: boolean;
  /** When the quote goes stale: the earliest (publish time + that source's maximum age) of its inputs. */
  staleAfter: string;
  sources: FxSourceVerdict[];
}

// A publish time this far ahead of our clock is a broken oracle (or clock), not a fresh price.
const FUTURE_TOLERANCE_MS = 60_000;

export function aggregateFxQuotes(asset: FxAsset, quotes: readonly FxQuote[], policy: FxPolicy, now: Date): AggregatedFxQuote | undefined {
  const maxRatio = parseMoney(policy.maxConfidenceRatio);
  const limitS = (q: FxQuote) => policy.sourceMaxAgeS?.[q.source.split(':')[0]] ?? policy.maxAgeS;
  const verdicts: Array<FxSourceVerdict & { fresh: boolean; precise: boolean; limitS: number }> = quotes
    .filter((q) => q.asset === asset)
    .map((q) => {
      const usd = parseMoney(q.usd);
      const ageMs = now.getTime() - Date.parse(q.publishTime);
      let reason: string | undefined;
      let precise = true;
      let fresh = true;
      if (usd.lte(0)) {
        precise = false;
        reason = 'non-positive price';
      } else if (parseMoney(q.confidence).div(usd).gt(maxRatio)) {
        precise = false;
        reason = `confidence ${formatMoney(parseMoney(q.confidence).div(usd).times(100), 3)} % of price exceeds ${formatMoney(maxRatio.times(100), 3)} %`;
      } else if (!Number.isFinite(ageMs) || ageMs < -FUTURE_TOLERANCE_MS) {
        precise = false;
        reason = `publish time ${q.publishTime} is in the future or invalid`;
      } else if (ageMs > limitS(q) * 1000) {
        fresh = false;
        reason = `stale: published ${Math.round(ageMs / 1000)} s ago (max ${limitS(q)} s)`;
      }
      return { ...q, used: false, reason, fresh, precise, limitS: limitS(q) };
    });

  let chosen = verdicts.filter((v) => v.precise && v.fresh);
  let stale = false;
  if (chosen.length === 0) {
    const precise = verdicts.filter((v) => v.precise).sort((a, b) => Date.parse(b.publishTime) - Date.parse(a.publishTime));
    if (precise.length === 0) return undefined;
    chosen = [precise[0]];
    stale = true;
  }
  for (const v of chosen) v.used = true;

  const prices = chosen.map((v) => parseMoney(v.usd));
  const mid = median(prices);
  const spread = chosen.length > 1 ? maxOf(prices).minus(minOf(prices)).div(mid) : new Money(0);
  // The quote is as old as its oldest input.
  const oldest = chosen.reduce((a, b) => (Date.parse(a.publishTime) <= Date.parse(b.publishTime) ? a : b));
  return {
    asset,
    usd: formatMoney(mid, 12),
    source: chosen.length === 1 ? chosen[0].source : `median(${chosen.map((v) => v.source).join(',')})`,
    publishTime: oldest.publishTime,
    confidence: formatMoney(maxOf(chosen.map((v) => parseMoney(v.confidence))), 12),
    feedId: chosen.length === 1 ? chosen[0].feedId : undefined,
    observedAt: chosen.reduce((a, b) => (a.observedAt >= b.observedAt ? a : b)).observedAt,
    spread: formatMoney(spread, 6),
    stale,
    staleAfter: new Date(Math.min(...chosen.map((v) => Date.parse(v.publishTime) + v.limitS * 1000))).toISOString(),
    sources: verdicts.map(({ fresh: _f, precise: _p, limitS: _l, ...v }) => v),
  };
}

/** The caller's view at time `now`: stale once past `staleAfter`. */
export function fxQuoteView(quote: AggregatedFxQuote, now: Date): FxQuoteView {
  const stale = quote.stale || now.getTime() > Date.parse(quote.staleAfter);
  return {
    asset: quote.asset,
    usd: quote.usd,
    source: quote.source,
    publishTime: quote.publishTime,
    confidence: quote.confidence,
    stale,
    feedId: quote.feedId,
  };
}
