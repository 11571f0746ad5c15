// The shape of a token→USD quote as every FX source reports it, and the one small interface they share.

export const FX_ASSETS = ['AKT', 'ACT', 'RENDER', 'FIL', 'SOL', 'USDC'] as const;
export type FxAsset = (typeof FX_ASSETS)[number];

export function isFxAsset(value: string): value is FxAsset {
  return (FX_ASSETS as readonly string[]).includes(value);
}

/** One source's answer for one asset. Money fields are decimal strings. */
export interface FxQuote {
  asset: FxAsset;
  /** USD per whole token. */
  usd: string;
  /** Which source said it, e.g. `pyth-solana`, `pyth-hermes`, `chainlink`, `static`, `peg`. */
  source: string;
  /** When the oracle published the price (ISO-8601). */
  publishTime: string;
  /** Confidence interval half-width in USD ("0" when the oracle publishes none). */
  confidence: string;
  /** The oracle's feed id or contract address, when it has one. */
  feedId?: string;
  /** When we read it (ISO-8601). */
  observedAt: string;
}

export interface FxSource {
  /** Stable id used in configuration (`FX_SOURCES_<ASSET>`) and provenance. */
  readonly id: string;
  /** Quotes the given assets; assets it cannot read validly are left out (never guessed). */
  quote(assets: readonly FxAsset[], signal: AbortSignal): Promise<FxQuote[]>;
  close?(): Promise<void>;
}

/** What a caller of the FX service (the normalizer, the pool) sees for an asset. */
export interface FxQuoteView {
  asset: FxAsset;
  usd: string;
  /** The source, or `median(a,b)` when several sources agreed. */
  source: string;
  publishTime: string;
  confidence: string;
  /** True once the quote is older than the asset's maximum age: callers must not use it silently. */
  stale: boolean;
  feedId?: string;
}

/** Rejections are reported, not thrown, so one bad asset never hides the others. */
export type FxRejectionListener = (rejection: { source: string; asset: FxAsset; reason: string }) => void;
