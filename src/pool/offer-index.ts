import type { PoolOffer } from './pool-offer';
import { compareIds } from './offer-query';

/**
 * The in-memory offer index that serves the hot read paths (quotes, offer listings, comparisons).
 * Per network a slice replaced atomically on publish; per GPU model a list kept sorted by price, so the
 * router walks only the models it may use, cheapest first.
 */
export class OfferIndex {
  /** Per network: its offers as given, the same by price and by id; kept while other networks are replaced. */
  private readonly byNetwork = new Map<string, { offers: PoolOffer[]; sorted: PoolOffer[]; ids: Map<string, PoolOffer> }>();
  private byModel = new Map<string, PoolOffer[]>();
  private sorted: PoolOffer[] = [];
  /** The largest VRAM any offer of a model has. */
  private modelVram = new Map<string, number>();
  private version = 0;

  /** Replaces one network's offers; readers see the old slice or the new one, never a mix. */
  replaceNetwork(network: string, offers: PoolOffer[]): void {
    this.setNetwork(network, offers);
    this.rebuild();
  }

  replaceAll(offers: PoolOffer[]): void {
    const networks = new Map<string, PoolOffer[]>();
    for (const offer of offers) {
      const list = networks.get(offer.network);
      if (list) list.push(offer);
      else networks.set(offer.network, [offer]);
    }
    this.byNetwork.clear();
    for (const [network, list] of networks) this.setNetwork(network, list);
    this.rebuild();
  }

  /** Every live offer (not expired at `nowMs`), cheapest per GPU-hour first. */
  all(nowMs: number): PoolOffer[] {
    return this.sorted.filter((o) => o.expiresAtMs > nowMs);
  }

  /** Live offers of one canonical model, cheapest first. */
  ofModel(model: string, nowMs: number): PoolOffer[] {
    return (this.byModel.get(model) ?? []).filter((o) => o.expiresAtMs > nowMs);
  }

  /** The sorted list of one model including expired entries: the router filters expiry in its own pass. */
  rawOfModel(model: string): readonly PoolOffer[] {
    return this.byModel.get(model) ?? [];
  }

  rawAll(): readonly PoolOffer[] {
    return this.sorted;
  }

  /**
   * The price-sorted lists a route walks (expired entries included): one per allowed model, or the whole pool when
   * any model will do. A VRAM floor leaves out the models below it, counted in `belowVram` (with any model
   * allowed, one per model instead of the whole pool). Lists with the cheapest head first, so a route fills its top
   * candidates early and stops sooner in the lists after.
   */
  routeLists(models: ReadonlySet<string> | undefined, minVramGb?: number): { lists: ReadonlyArray<readonly PoolOffer[]>; belowVram: number } {
    if (!models && minVramGb === undefined) return { lists: [this.sorted], belowVram: 0 };
    const lists: PoolOffer[][] = [];
    let belowVram = 0;
    for (const model of models ?? this.byModel.keys()) {
      const list = this.byModel.get(model);
      if (!list) continue;
      if (minVramGb !== undefined && (this.modelVram.get(model) ?? 0) < minVramGb) belowVram += list.length;
      else lists.push(list);
    }
    lists.sort((a, b) => byPrice(a[0], b[0]));
    return { lists, belowVram };
  }

  models(): string[] {
    return [...this.byModel.keys()];
  }

  get(network: string, offerId: string): PoolOffer | undefined {
    return this.byNetwork.get(network)?.ids.get(offerId);
  }

  /** The networks with entries in the index (expired ones included), by name. */
  networks(): string[] {
    return [...this.byNetwork.keys()].sort();
  }

  networkOffers(network: string): readonly PoolOffer[] {
    return this.byNetwork.get(network)?.offers ?? [];
  }

  get size(): number {
    return this.sorted.length;
  }

  /** Increases on every change; lets callers cache derived views. */
  get revision(): number {
    return this.version;
  }

  /** Sorts one network's offers and keys them by id; the others keep theirs. */
  private setNetwork(network: string, offers: PoolOffer[]): void {
    if (offers.length === 0) {
      this.byNetwork.delete(network);
      return;
    }
    const ids = new Map<string, PoolOffer>();
    for (const o of offers) ids.set(o.offerId, o);
    this.byNetwork.set(network, { offers, sorted: offers.slice().sort(byPrice), ids });
  }

  /** The whole pool by price, merged from the networks' sorted lists (the order a sort of all of them gives). */
  private rebuild(): void {
    let lists = [...this.byNetwork.values()].map((n) => n.sorted);
    while (lists.length > 1) {
      const next: PoolOffer[][] = [];
      for (let i = 0; i < lists.length; i += 2) next.push(i + 1 < lists.length ? mergeByPrice(lists[i], lists[i + 1]) : lists[i]);
      lists = next;
    }
    const sorted = lists.length ? lists[0].slice() : [];
    const byModel = new Map<string, PoolOffer[]>();
    const modelVram = new Map<string, number>();
    for (const o of sorted) {
      const list = byModel.get(o.gpuModel);
      if (list) list.push(o);
      else byModel.set(o.gpuModel, [o]);
      modelVram.set(o.gpuModel, Math.max(modelVram.get(o.gpuModel) ?? 0, o.gpuVramGb));
    }
    this.sorted = sorted;
    this.byModel = byModel;
    this.modelVram = modelVram;
    this.version++;
  }
}

/** Two lists sorted by price as one (pushed, so the array stays packed for the readers' loops). */
function mergeByPrice(a: readonly PoolOffer[], b: readonly PoolOffer[]): PoolOffer[] {
  const out: PoolOffer[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(byPrice(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** Price, then the listing's tie order: the listing pages through these lists without sorting them again. */
function byPrice(a: PoolOffer, b: PoolOffer): number {
  return a.usdPerGpuHourMicros - b.usdPerGpuHourMicros || compareIds(a, b);
}
