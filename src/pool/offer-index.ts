import type { PoolOffer } from './pool-offer';
import { compareIds } from './offer-query';

/**
 * The in-memory offer index that serves the hot read paths (quotes, offer listings, comparisons).
 * Per network a slice replaced atomically on publish; per GPU model a list kept sorted by price, so the
 * router walks only the models it may use, cheapest first.
 */
export class OfferIndex {
  private readonly byNetwork = new Map<string, PoolOffer[]>();
  private byModel = new Map<string, PoolOffer[]>();
  private sorted: PoolOffer[] = [];
  /** Per network, its offers by id (no composite key string per offer). */
  private byKey = new Map<string, Map<string, PoolOffer>>();
  /** The largest VRAM any offer of a model has. */
  private modelVram = new Map<string, number>();
  private version = 0;

  /** Replaces one network's offers; readers see the old slice or the new one, never a mix. */
  replaceNetwork(network: string, offers: PoolOffer[]): void {
    if (offers.length === 0) this.byNetwork.delete(network);
    else this.byNetwork.set(network, offers);
    this.rebuild();
  }

  replaceAll(offers: PoolOffer[]): void {
    this.byNetwork.clear();
    for (const offer of offers) {
      const list = this.byNetwork.get(offer.network);
      if (list) list.push(offer);
      else this.byNetwork.set(offer.network, [offer]);
    }
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
    return this.byKey.get(network)?.get(offerId);
  }

  /** The networks with entries in the index (expired ones included), by name. */
  networks(): string[] {
    return [...this.byNetwork.keys()].sort();
  }

  networkOffers(network: string): readonly PoolOffer[] {
    return this.byNetwork.get(network) ?? [];
  }

  get size(): number {
    return this.sorted.length;
  }

  /** Increases on every change; lets callers cache derived views. */
  get revision(): number {
    return this.version;
  }

  private rebuild(): void {
    const sorted: PoolOffer[] = [];
    for (const offers of this.byNetwork.values()) for (const o of offers) sorted.push(o);
    sorted.sort(byPrice);
    const byModel = new Map<string, PoolOffer[]>();
    const byKey = new Map<string, Map<string, PoolOffer>>();
    const modelVram = new Map<string, number>();
    for (const o of sorted) {
      const list = byModel.get(o.gpuModel);
      if (list) list.push(o);
      else byModel.set(o.gpuModel, [o]);
      const ids = byKey.get(o.network) ?? byKey.set(o.network, new Map()).get(o.network)!;
      ids.set(o.offerId, o);
      modelVram.set(o.gpuModel, Math.max(modelVram.get(o.gpuModel) ?? 0, o.gpuVramGb));
    }
    this.sorted = sorted;
    this.byModel = byModel;
    this.byKey = byKey;
    this.modelVram = modelVram;
    this.version++;
  }
}

/** Price, then the listing's tie order: the listing pages through these lists without sorting them again. */
function byPrice(a: PoolOffer, b: PoolOffer): number {
  return a.usdPerGpuHourMicros - b.usdPerGpuHourMicros || compareIds(a, b);
}
