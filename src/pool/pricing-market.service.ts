import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NetworkHealthService } from '../health/network-health.service';
import { comparePrices, PriceComparison, PricedOfferView } from '../pricing/compare-prices';
import { hyperscalerReferenceLookup, ReferenceLookup } from '../pricing/hyperscaler-reference';
import { hyperscalerReferenceConfig } from '../pricing/hyperscaler-reference.config';
import type { NetworkAvailability, PriceHistory, PriceHistoryRequest, PriceMarket } from '../pricing/price-market';
import { bucketPriceHistory } from '../pricing/price-history';
import { OffersService } from './offers.service';
import type { PoolOffer } from './pool-offer';
import { PoolIndexService } from './pool-index.service';

const CACHE_MS = 1_000;

/**
 * The market data pricing serves (PriceMarket, pricing/price-market.ts), over the pool: comparisons from memory,
 * history from aggregates.
 */
@Injectable()
export class PricingMarketService implements PriceMarket {
  private readonly cache = new Map<string, { revision: number; at: number; value: PriceComparison & { networks: NetworkAvailability[] } }>();
  private readonly reference: ReferenceLookup;

  constructor(
    private readonly pool: PoolIndexService,
    private readonly offers: OffersService,
    private readonly dataSource: DataSource,
    private readonly health: NetworkHealthService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.reference = hyperscalerReferenceLookup(undefined, hyperscalerReferenceConfig(config.env));
  }

  /**
   * The comparison, with each network's state and staleness. A network that is down, or whose every offer is
   * stale, is left out (its offers would be "cheapest" only on paper) unless includeUnavailable; the answer
   * says which were left out and why.
   */
  compare(q: { gpu?: string[]; count?: number; region?: string; hours?: number; includeUnavailable?: boolean }): PriceComparison & { networks: NetworkAvailability[] } {
    const ids = q.gpu?.length ? [...this.offers.resolveModels(q.gpu)] : undefined;
    const key = JSON.stringify([ids, q.count, q.region, q.hours, q.includeUnavailable === true]);
    const index = this.pool.index;
    // Cached per pool revision for a second: a health change shows within CACHE_MS.
    const hit = this.cache.get(key);
    if (hit && hit.revision === index.revision && Date.now() - hit.at < CACHE_MS) return hit.value;
    const now = Date.now();
    const live = ids ? ids.flatMap((id) => index.ofModel(id, now)) : index.all(now);
    const health = this.health.cached();
    const networks = [...new Set(live.map((o) => o.network))].sort().map((id): NetworkAvailability => {
      const offers = live.filter((o) => o.network === id);
      const h = health.get(id);
      const unavailable = h?.state === 'down' ? `down: ${h.reason}` : offers.every((o) => o.stale) ? 'every offer is stale' : undefined;
      return {
        id,
        state: h?.state ?? 'degraded',
        reason: h?.reason ?? 'not scored yet',
        offers: offers.length,
        staleOffers: offers.filter((o) => o.stale).length,
        includedInComparison: !unavailable || q.includeUnavailable === true,
        ...(unavailable ? { leftOutBecause: unavailable } : {}),
      };
    });
    const left = new Set(networks.filter((n) => !n.includedInComparison).map((n) => n.id));
    const compared = comparePrices(live.filter((o) => !left.has(o.network)).map(pricedView), { gpuModels: ids, count: q.count, region: q.region, hours: q.hours }, this.reference);
    const value = { ...compared, networks };
    if (this.cache.size > 256) this.cache.clear();
    this.cache.set(key, { revision: index.revision, at: now, value });
    return value;
  }

  async history(q: PriceHistoryRequest): Promise<PriceHistory> {
    if (q.from > q.to) throw new ProblemException(400, 'validation', 'Invalid request', 'from must be before to.', { errors: [{ field: 'query.from', reason: 'is after to' }] });
    const ids = [...this.offers.resolveModels(q.gpu)];
    const params: unknown[] = [ids, q.from, q.to];
    let sql = 'SELECT at, network, gpu_model, min_usd, median_usd, max_usd FROM price_aggregates WHERE gpu_model = ANY($1) AND at >= $2 AND at <= $3';
    if (q.network) {
      params.push(q.network);
      sql += ' AND network = $4';
    }
    const rows: Array<{ at: Date; network: string; gpu_model: string; min_usd: string; median_usd: string; max_usd: string }> = await this.dataSource.query(`${sql} ORDER BY at LIMIT 100000`, params);
    const points = bucketPriceHistory(
      rows.map((r) => ({ at: r.at, network: r.network, gpuModel: r.gpu_model, minUsd: r.min_usd, medianUsd: r.median_usd, maxUsd: r.max_usd })),
      q.bucket,
    );
    return { query: { gpuModels: ids, network: q.network ?? null, from: q.from, to: q.to, bucket: q.bucket }, points };
  }
}

/** The comparison's view of a pool offer. */
export function pricedView(o: PoolOffer): PricedOfferView {
  return {
    network: o.network,
    offerId: o.offerId,
    providerId: o.providerId,
    region: o.region ?? undefined,
    gpuModel: o.gpuModel,
    gpuFamily: o.gpuFamily,
    gpuVramGb: o.gpuVramGb,
    gpuCount: o.gpuCount,
    usdPerGpuHour: o.usdPerGpuHour,
    priceKind: o.priceKind,
    observedAt: o.observedAt,
    stale: o.stale,
    unconfirmedFxFeeds: unconfirmedFxFeedsOf(o.provenance),
    provenance: { source: o.nativePrice.source, formula: String(o.provenance.formula ?? '') },
  };
}

/** The unconfirmed oracle identifiers recorded in an offer's price provenance (normalize-price FxUsed). */
function unconfirmedFxFeedsOf(provenance: Record<string, unknown>): string[] | undefined {
  const fx = provenance.fx;
  if (!Array.isArray(fx)) return undefined;
  const feeds = fx.flatMap((f: { unconfirmedFeeds?: unknown }) => (Array.isArray(f?.unconfirmedFeeds) ? f.unconfirmedFeeds.filter((x): x is string => typeof x === 'string') : []));
  return feeds.length ? feeds : undefined;
}
