// Builds the FX sources the configuration asks for, and the per-asset ordered lists the service uses.
// A source whose endpoint is not configured is left out, and the caller is told which.
import { Connection } from '@solana/web3.js';
import type { FxSourceId, PricingConfig } from '../pricing.config';
import { ChainlinkFxSource } from './chainlink.source';
import { FX_ASSETS, FxAsset, FxRejectionListener, FxSource } from './fx-quote';
import { PythHermesFxSource } from './pyth-hermes.source';
import { PythSolanaFxSource } from './pyth-solana.source';
import { actPegSource, operatorOverrideSource } from './static.source';

export interface FxSourceSet {
  /** Every source built, once each. */
  sources: FxSource[];
  /** Per asset, the ordered sources that answer for it. */
  byAsset: Record<FxAsset, FxSource[]>;
  /** Sources listed for an asset but not available (no endpoint configured). */
  unavailable: Array<{ asset: FxAsset; source: FxSourceId }>;
}

export function buildFxSources(config: PricingConfig, deps: { now: () => Date; onRejection?: FxRejectionListener }): FxSourceSet {
  const built = new Map<FxSourceId, FxSource>();
  const make = (id: FxSourceId): FxSource | undefined => {
    if (built.has(id)) return built.get(id);
    let source: FxSource | undefined;
    switch (id) {
      case 'pyth-solana':
        if (config.solana) {
          source = new PythSolanaFxSource({
            connection: new Connection(config.solana.rpcUrl, { commitment: 'confirmed', disableRetryOnRateLimit: true }),
            accounts: config.solana.accounts,
            receivers: config.solana.receivers,
            allowPartial: config.solana.allowPartial,
            // The Solana reader refuses anything older than the largest age any asset accepts; the
            // service then applies each asset's own limit.
            maxAgeS: Math.max(...Object.values(config.maxAgeS)),
            now: deps.now,
            onRejection: deps.onRejection,
          });
        }
        break;
      case 'pyth-hermes':
        if (config.hermes)
          source = new PythHermesFxSource({
            baseUrl: config.hermes.url,
            apiKey: config.hermes.apiKey,
            timeoutMs: config.timeoutMs,
            now: deps.now,
            onRejection: deps.onRejection,
          });
        break;
      case 'chainlink':
        if (config.chainlink)
          source = new ChainlinkFxSource({ ...config.chainlink, timeoutMs: config.timeoutMs, now: deps.now, onRejection: deps.onRejection });
        break;
      case 'static':
        source = operatorOverrideSource(config.staticPrices, deps.now);
        break;
      case 'peg':
        source = actPegSource(deps.now);
        break;
    }
    if (source) built.set(id, source);
    return source;
  };
  const byAsset = {} as Record<FxAsset, FxSource[]>;
  const unavailable: FxSourceSet['unavailable'] = [];
  for (const asset of FX_ASSETS) {
    byAsset[asset] = [];
    for (const id of config.sources[asset]) {
      const source = make(id);
      if (source) byAsset[asset].push(source);
      else unavailable.push({ asset, source: id });
    }
  }
  return { sources: [...built.values()], byAsset, unavailable };
}
