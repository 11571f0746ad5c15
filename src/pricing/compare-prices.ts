// The cross-network price comparison (pure): per (GPU model, VRAM) and network, what is on offer and at
// what USD per GPU-hour, next to the hyperscaler on-demand price and the saving against it.
import { formatMoney, median, Money, percentile } from './money';
import { catalogIndex } from '../catalog/gpu-catalog.index';
import { HYPERSCALER_GAPS, HYPERSCALER_PRICES, HyperscalerSource } from './hyperscaler-reference.data';
import { HyperscalerReference, hyperscalerReferenceFor, ReferenceLookup } from './hyperscaler-reference';

/** The least the comparison needs to know about a priced offer in the pool. */
export interface PricedOfferView {
  network: string;
  offerId: string;
  providerId: string;
  region?: string;
  /** Canonical GPU id (`nvidia-h100-sxm-80gb`). */
  gpuModel: string;
  /** Canonical family (`h100`), when known: lets `gpuModels: ['h100']` match every H100 variant. */
  gpuFamily?: string;
  gpuVramGb: number;
  gpuCount: number;
  usdPerGpuHour: string;
  priceKind: 'firm' | 'estimate';
  observedAt: string;
  stale: boolean;
  /** Oracle identifiers the offer's FX conversion rests on that the oracle does not confirm (fx/feed-registry). */
  unconfirmedFxFeeds?: readonly string[];
  /** Where the price came from: the network's own words and the conversion to USD per GPU-hour. */
  provenance?: PriceSource;
}

export interface PriceSource {
  source: string;
  formula: string;
}

export interface PriceComparisonQuery {
  /** Canonical ids or families; absent means every GPU. */
  gpuModels?: string[];
  /** GPUs wanted: offers with fewer are left out; the total is priced for this many. Default 1. */
  count?: number;
  /** Region prefix, case-insensitive (`us` matches `us-east-1`). */
  region?: string;
  /** Hours the total is priced for. Default 1. */
  hours?: number;
}

export interface CheapestOffer {
  network: string;
  offerId: string;
  providerId: string;
  region?: string;
  usdPerGpuHour: string;
  priceKind: 'firm' | 'estimate';
  stale: boolean;
  /** usdPerGpuHour × count × hours. */
  totalUsd: string;
  provenance?: PriceSource;
}

export interface Saving {
  /** (reference − ours) / reference × 100, two decimals; negative when dearer than the hyperscaler. */
  percent: string;
  /** reference − ours, USD per GPU-hour. */
  usdPerGpuHour: string;
}

export interface NetworkPriceSummary {
  network: string;
  offers: number;
  availableGpus: number;
  minUsdPerGpuHour: string;
  medianUsdPerGpuHour: string;
  p90UsdPerGpuHour: string;
  cheapest: CheapestOffer;
  firmOffers: number;
  estimateOffers: number;
  staleOffers: number;
  freshness: { oldestObservedAt: string; newestObservedAt: string };
  savingVsHyperscaler?: Saving;
  /** Unconfirmed oracle identifiers some of these prices were converted with (see GET /v1/fx `feeds`). */
  unconfirmedFxFeeds: string[];
  /** How many of the offers rest on one. */
  offersOnUnconfirmedFx: number;
}

export interface GpuPriceComparison {
  gpuModel: string;
  gpuVramGb: number;
  networks: NetworkPriceSummary[];
  /** The cheapest offer across networks (fresh offers first). */
  cheapest: CheapestOffer;
  hyperscaler?: HyperscalerReference;
  savingVsHyperscaler?: Saving;
}

/** A GPU asked for (or covered by the hyperscaler snapshot) with no offer in the pool right now. */
export interface GpuWithoutOffers {
  gpuModel: string;
  gpuVramGb: number;
  reason: string;
  hyperscaler?: HyperscalerReference;
}

export interface PriceComparison {
  query: Required<Pick<PriceComparisonQuery, 'count' | 'hours'>> & Omit<PriceComparisonQuery, 'count' | 'hours'>;
  gpus: GpuPriceComparison[];
  /** Never a silent empty list: what was asked for (or what the snapshot covers) and has no offer now. */
  withoutOffers: GpuWithoutOffers[];
  /** Where the hyperscaler references come from, and the providers no maintained catalog covers. */
  hyperscalerSources: { sources: HyperscalerSource[]; gaps: ReadonlyArray<{ provider: string; reason: string }> };
}

export function comparePrices(
  offers: readonly PricedOfferView[],
  query: PriceComparisonQuery = {},
  reference: ReferenceLookup = hyperscalerReferenceFor,
): PriceComparison {
  const count = query.count ?? 1;
  const hours = query.hours ?? 1;
  const wanted = query.gpuModels?.map((m) => m.toLowerCase());
  const region = query.region?.toLowerCase();
  const kept = offers.filter(
    (o) =>
      o.gpuCount >= count &&
      (!wanted || wanted.includes(o.gpuModel.toLowerCase()) || (o.gpuFamily !== undefined && wanted.includes(o.gpuFamily.toLowerCase()))) &&
      (!region || (o.region ?? '').toLowerCase().startsWith(region)),
  );

  const groups = groupBy(kept.map(withPrice), ({ offer }) => `${offer.gpuModel}|${offer.gpuVramGb}`);
  const gpus: GpuPriceComparison[] = [];
  for (const group of groups.values()) {
    const { gpuModel, gpuVramGb, gpuFamily } = group[0].offer;
    const ref = reference({ gpuModel, gpuVramGb, gpuFamily });
    const networks = [...groupBy(group, ({ offer }) => offer.network).values()]
      .map((list) => summarize(list, count, hours, ref))
      .sort((a, b) => new Money(a.minUsdPerGpuHour).comparedTo(b.minUsdPerGpuHour));
    const cheapest = cheapestOf(group, count, hours);
    gpus.push({ gpuModel, gpuVramGb, networks, cheapest, hyperscaler: ref, savingVsHyperscaler: savingOrNone(ref, cheapest.usdPerGpuHour) });
  }
  gpus.sort((a, b) => a.gpuModel.localeCompare(b.gpuModel) || a.gpuVramGb - b.gpuVramGb);
  return { query: { ...query, count, hours }, gpus, withoutOffers: withoutOffers(gpus, wanted, reference), hyperscalerSources: referenceSources() };
}

function withoutOffers(gpus: readonly GpuPriceComparison[], wanted: string[] | undefined, reference: ReferenceLookup): GpuWithoutOffers[] {
  const shown = new Set(gpus.map((g) => g.gpuModel));
  // Families asked for stand for their variants; with no filter, every GPU the snapshot covers is listed.
  // A family counts as answered when any of its variants is on offer.
  const ids = wanted
    ? wanted.flatMap((w) => {
        const family = catalogIndex.family(w);
        if (!family) return [w];
        return family.variants.some((g) => shown.has(g.id)) ? [] : family.variants.map((g) => g.id);
      })
    : [...new Set(HYPERSCALER_PRICES.map((p) => p.gpuId))];
  const out: GpuWithoutOffers[] = [];
  for (const id of new Set(ids)) {
    if (shown.has(id)) continue;
    const gpu = catalogIndex.byId(id);
    if (!gpu) continue;
    out.push({
      gpuModel: id,
      gpuVramGb: gpu.vramGb,
      reason: wanted
        ? 'a known GPU, but no network offers it in the pool right now (or none matches count and region)'
        : 'covered by the hyperscaler snapshot; no network offers it in the pool right now',
      hyperscaler: reference({ gpuModel: id, gpuVramGb: gpu.vramGb, gpuFamily: gpu.family }),
    });
  }
  return out.sort((a, b) => a.gpuModel.localeCompare(b.gpuModel));
}

function referenceSources(): PriceComparison['hyperscalerSources'] {
  const sources = new Map(HYPERSCALER_PRICES.map((p) => [p.source.id, p.source]));
  return { sources: [...sources.values()], gaps: HYPERSCALER_GAPS };
}

/** An offer with its price parsed once: a comparison over a whole pool must not parse a price per comparison. */
interface Priced {
  offer: PricedOfferView;
  price: Money;
}

function withPrice(offer: PricedOfferView): Priced {
  return { offer, price: new Money(offer.usdPerGpuHour) };
}

function summarize(list: Priced[], count: number, hours: number, ref: HyperscalerReference | undefined): NetworkPriceSummary {
  const prices = list.map((p) => p.price).sort((a, b) => a.comparedTo(b));
  const cheapest = cheapestOf(list, count, hours);
  let oldest = list[0].offer.observedAt;
  let newest = oldest;
  let availableGpus = 0;
  let firmOffers = 0;
  let staleOffers = 0;
  let onUnconfirmed = 0;
  const unconfirmed = new Set<string>();
  for (const { offer } of list) {
    if (offer.unconfirmedFxFeeds?.length) {
      onUnconfirmed++;
      for (const f of offer.unconfirmedFxFeeds) unconfirmed.add(f);
    }
    if (Date.parse(offer.observedAt) < Date.parse(oldest)) oldest = offer.observedAt;
    if (Date.parse(offer.observedAt) > Date.parse(newest)) newest = offer.observedAt;
    availableGpus += offer.gpuCount;
    if (offer.priceKind === 'firm') firmOffers++;
    if (offer.stale) staleOffers++;
  }
  return {
    network: list[0].offer.network,
    offers: list.length,
    availableGpus,
    minUsdPerGpuHour: formatMoney(prices[0], 6),
    medianUsdPerGpuHour: formatMoney(median(prices), 6),
    p90UsdPerGpuHour: formatMoney(percentile(prices, 90), 6),
    cheapest,
    firmOffers,
    estimateOffers: list.length - firmOffers,
    staleOffers,
    freshness: { oldestObservedAt: oldest, newestObservedAt: newest },
    savingVsHyperscaler: savingOrNone(ref, cheapest.usdPerGpuHour),
    unconfirmedFxFeeds: [...unconfirmed].sort(),
    offersOnUnconfirmedFx: onUnconfirmed,
  };
}

/** The cheapest offer, preferring fresh ones: a stale price is shown but never the headline if avoidable. */
function cheapestOf(list: readonly Priced[], count: number, hours: number): CheapestOffer {
  const fresh = list.filter(({ offer }) => !offer.stale);
  const pool = fresh.length ? fresh : list;
  const { offer: best, price } = pool.reduce((a, b) => (a.price.lte(b.price) ? a : b));
  return {
    network: best.network,
    offerId: best.offerId,
    providerId: best.providerId,
    region: best.region,
    usdPerGpuHour: best.usdPerGpuHour,
    priceKind: best.priceKind,
    stale: best.stale,
    totalUsd: formatMoney(price.times(count).times(hours), 6),
    ...(best.provenance ? { provenance: best.provenance } : {}),
  };
}

/** A saving only against a fresh reference: a stale one is shown (with its age) but not compared with. */
function savingOrNone(ref: HyperscalerReference | undefined, ours: string): Saving | undefined {
  if (!ref || ref.stale || ref.usdPerGpuHour === undefined) return undefined;
  const r = new Money(ref.usdPerGpuHour);
  const diff = r.minus(ours);
  return { percent: diff.div(r).times(100).toFixed(2), usdPerGpuHour: formatMoney(diff, 6) };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
