import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProblemException } from '../common/problem';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NetworkHealthService } from '../health/network-health.service';
import { comparePrices, PriceComparison, PricedOfferView } from '../pricing/compare-prices';
import { hyperscalerReferenceLookup, ReferenceLookup } from '../pricing/hyperscaler-reference';
import { hyperscalerReferenceConfig } from '../pricing/hyperscaler-reference.config';
import type { NetworkAvailability, PriceComparisonRequest, PriceHistory, PriceHistoryRequest, PriceMarket } from '../pricing/price-market';
import { bucketPriceHistory } from '../pricing/price-history';
import { countLiveOffers } from './network-states';
import { OffersService } from './offers.service';
import type { PoolOffer } from './pool-offer';
import { PoolIndexService } from './pool-index.service';

const CACHE_MS = 1_000;

type CompareQuery = PriceComparisonRequest;
type Comparison = PriceComparison & { networks: NetworkAvailability[] };
interface ComparisonEntry {
  revision: number;
  at: number;
  value: Comparison;
  /** `value` as JSON, written on first use. */
  json?: string;
}

/** The live offers of one set of GPU models at one pool revision, counted, and the comparisons made over them. */
interface CountedOffers {
  revision: number;
  /** The first live offer's expiry: until then the live offers of this pool revision stay the same. */
  validUntilMs: number;
  /** Networks by id, with their live and stale offers. */
  byNetwork: Array<{ id: string; offers: number; staleOffers: number }>;
  /** Comparisons over these offers, by count, region, hours and the networks left out. */
  compared: Map<string, PriceComparison>;
}

function countedOffers(live: readonly PoolOffer[], revision: number, nowMs: number): CountedOffers {
  const { byNetwork, validUntilMs } = countLiveOffers(live, nowMs);
  const sorted = [...byNetwork.keys()].sort().map((id) => ({ id, ...byNetwork.get(id)! }));
  return { revision, validUntilMs, byNetwork: sorted, compared: new Map() };
}

/**
 * The market data pricing serves (PriceMarket, pricing/price-market.ts), over the pool: comparisons from memory,
 * history from aggregates.
 */
@Injectable()
export class PricingMarketService implements PriceMarket {
  private readonly cache = new Map<string, ComparisonEntry>();
  /** Per set of GPU ids: its live offers counted per network, and the comparisons made over them. */
  private readonly live = new Map<string, CountedOffers>();
  /** The canonical ids of each `gpu=` list asked for (the catalog does not change while the service runs). */
  private readonly modelIds = new Map<string, string[]>();
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
  compare(q: CompareQuery): Comparison {
    return this.entry(q).value;
  }

  /** The comparison as JSON text: serialized once per cached comparison, not once per response. */
  compareJson(q: CompareQuery): string {
    const entry = this.entry(q);
    return (entry.json ??= JSON.stringify(entry.value));
  }

  private entry(q: CompareQuery): ComparisonEntry {
    const ids = q.gpu?.length ? this.resolveIds(q.gpu) : undefined;
    const key = JSON.stringify([ids, q.count, q.region, q.hours, q.includeUnavailable === true]);
    const index = this.pool.index;
    // Cached per pool revision for a second: a health change shows within CACHE_MS.
    const hit = this.cache.get(key);
    if (hit && hit.revision === index.revision && Date.now() - hit.at < CACHE_MS) return hit;
    const now = Date.now();
    // What the pool holds for these GPUs is counted once per pool revision and again when its first live offer
    // expires, and each comparison over it is kept with it: a second later only the health states are read again.
    const idsKey = JSON.stringify(ids ?? null);
    const liveOffers = () => (ids ? ids.flatMap((id) => index.ofModel(id, now)) : index.all(now));
    let held = this.live.get(idsKey);
    let live: PoolOffer[] | undefined;
    if (!held || held.revision !== index.revision || now >= held.validUntilMs) {
      live = liveOffers();
      held = countedOffers(live, index.revision, now);
      if (this.live.size > 256) this.live.clear();
      this.live.set(idsKey, held);
    }
    const health = this.health.cached();
    const networks = held.byNetwork.map(({ id, offers, staleOffers }): NetworkAvailability => {
      const h = health.get(id);
      const unavailable = h?.state === 'down' ? `down: ${h.reason}` : staleOffers === offers ? 'every offer is stale' : undefined;
      return {
        id,
        state: h?.state ?? 'degraded',
        reason: h?.reason ?? 'not scored yet',
        offers,
        staleOffers,
        includedInComparison: !unavailable || q.includeUnavailable === true,
        ...(unavailable ? { leftOutBecause: unavailable } : {}),
      };
    });
    const left = networks.filter((n) => !n.includedInComparison).map((n) => n.id);
    const comparedKey = JSON.stringify([q.count, q.region, q.hours, left]);
    let compared = held.compared.get(comparedKey);
    if (!compared) {
      const leftOut = new Set(left);
      compared = comparePrices(
        (live ?? liveOffers()).filter((o) => !leftOut.has(o.network)).map(pricedView),
        { gpuModels: ids, count: q.count, region: q.region, hours: q.hours },
        this.reference,
      );
      if (held.compared.size > 256) held.compared.clear();
      held.compared.set(comparedKey, compared);
    }
    const entry: ComparisonEntry = { revision: index.revision, at: now, value: { ...compared, networks } };
    if (this.cache.size > 256) this.cache.clear();
    this.cache.set(key, entry);
    return entry;
  }

  private resolveIds(gpu: string[]): string[] {
    const key = gpu.join('\u0000');
    let ids = this.modelIds.get(key);
    if (!ids) {
      ids = [...this.offers.resolveModels(gpu)]; // an unknown GPU throws its 422 here, every time
      if (this.modelIds.size > 256) this.modelIds.clear();
      this.modelIds.set(key, ids);
    }
    return ids;
  }

  async history(q: PriceHistoryRequest): Promise<PriceHistory> {
    if (q.from > q.to)
      throw new ProblemException(400, 'validation', 'Invalid request', 'from must be before to.', { errors: [{ field: 'query.from', reason: 'is after to' }] });
    const ids = [...this.offers.resolveModels(q.gpu)];
    const params: unknown[] = [ids, q.from, q.to];
    let sql = 'SELECT at, network, gpu_model, min_usd, median_usd, max_usd FROM price_aggregates WHERE gpu_model = ANY($1) AND at >= $2 AND at <= $3';
    if (q.network) {
      params.push(q.network);
      sql += ' AND network = $4';
    }
    const rows: Array<{ at: Date; network: string; gpu_model: string; min_usd: string; median_usd: string; max_usd: string }> = await this.dataSource.query(
      `${sql} ORDER BY at LIMIT 100000`,
      params,
    );
    const points = bucketPriceHistory(
      rows.map((r) => ({ at: r.at, network: r.network, gpuModel: r.gpu_model, minUsd: r.min_usd, medianUsd: r.median_usd, maxUsd: r.max_usd })),
      q.bucket,
    );
    return { query: { gpuModels: ids, network: q.network ?? null, from: q.from, to: q.to, bucket: q.bucket }, points };
  }
}

/** The comparison's view of a pool offer. */
export function pricedView(o: PoolOffer): PricedOfferView {
  // Read once: a pool offer builds its provenance when asked (CompactOffer).
  const provenance = o.provenance;
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
    unconfirmedFxFeeds: unconfirmedFxFeedsOf(provenance),
    provenance: { source: o.nativePrice.source, formula: String(provenance.formula ?? '') },
  };
}

/** The unconfirmed oracle identifiers recorded in an offer's price provenance (normalize-price FxUsed). */
function unconfirmedFxFeedsOf(provenance: Record<string, unknown>): string[] | undefined {
  const fx = provenance.fx;
  if (!Array.isArray(fx)) return undefined;
  const feeds = fx.flatMap((f: { unconfirmedFeeds?: unknown }) =>
    Array.isArray(f?.unconfirmedFeeds) ? f.unconfirmedFeeds.filter((x): x is string => typeof x === 'string') : [],
  );
  return feeds.length ? feeds : undefined;
}
