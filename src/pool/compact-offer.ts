// The pool's in-memory form of an offer (a PoolOffer, read-only): one class, so every offer has the same hidden
// class and its fields inside the object, and only what is the offer's own is held per offer — its ids, its
// amounts, its observation time. What many offers repeat is held once and pointed at: the seller, the hardware,
// the snapshot's times, and how the price and its provenance are written (PriceShape). The native price and the
// provenance are built when read: they are read for a page of a listing, a comparison's best offers and a
// publish, never on the route's path. Built by OfferCompactor; 100,000 offers hold about half the heap they did
// as plain records. JSON.stringify writes the plain PoolOffer (toJSON), key for key.
import type { NativePrice, OfferSignals } from '../../adapters/sdk';
import type { PoolOffer } from './pool-offer';

/** Who sells: one instance per provider and place. */
export interface Seller {
  readonly providerId: string;
  readonly providerName: string | null;
  readonly region: string | null;
  readonly country: string | null;
  readonly providerAttributes: Record<string, string> | null;
}

/** What is rented: one instance per machine shape. */
export interface Hardware {
  readonly gpuLabel: string;
  readonly gpuModel: string;
  readonly gpuFamily: string;
  readonly gpuVramGb: number;
  readonly gpuCount: number;
  readonly fixedCount: boolean;
  readonly cpu: number | null;
  readonly memoryGb: number | null;
  readonly diskGb: number | null;
}

/** One snapshot's times: one instance per publish. */
export interface Publication {
  readonly publishedAt: string;
  readonly expiresAtMs: number;
}

/** The amounts a PriceShape writes into an offer's native price and provenance. */
export interface OwnAmounts {
  /** The native price's amount. */
  readonly amount: string;
  readonly usdPerGpuHour: string;
  readonly observedAt: string;
}

/**
 * One key of a provenance record, in its place: a value shared as it is, the offer's observation time, a record
 * that is the offer's native price (or a part of it) with the offer's amount, or a text (the formula) that is
 * the same for many offers but for the offer's amount and USD price written into it: held as the parts between
 * them, and which of the two goes after each part but the last (the text splits back into them, exactly,
 * whatever it says).
 */
export type ProvenanceEntry =
  | { readonly key: string; readonly kind: 'value'; readonly value: unknown }
  | { readonly key: string; readonly kind: 'observedAt' }
  | { readonly key: string; readonly kind: 'amountRecord'; readonly frame: Readonly<Record<string, unknown>> }
  | { readonly key: string; readonly kind: 'text'; readonly parts: readonly string[]; readonly between: ReadonlyArray<'amount' | 'usd'> };

type OwnEntry = Exclude<ProvenanceEntry, { kind: 'value' }>;

/** How an offer's native price and provenance are written, but for its own amounts: shared by offers priced alike. */
export class PriceShape {
  /** The provenance with its shared values in place and the offer's own left blank: keys in their order. */
  private readonly template: Readonly<Record<string, unknown>>;
  private readonly own: readonly OwnEntry[];

  constructor(
    readonly priceKind: 'firm' | 'estimate',
    /** The native price with its amount left to the offer (keys in their order). */
    private readonly native: Readonly<Record<string, unknown>>,
    entries: readonly ProvenanceEntry[],
  ) {
    const template: Record<string, unknown> = {};
    for (const e of entries) template[e.key] = e.kind === 'value' ? e.value : undefined;
    this.template = template;
    this.own = entries.filter((e): e is OwnEntry => e.kind !== 'value');
  }

  nativePrice(own: OwnAmounts): NativePrice {
    return withAmount(this.native, own.amount) as unknown as NativePrice;
  }

  provenance(own: OwnAmounts): Record<string, unknown> {
    const out: Record<string, unknown> = { ...this.template };
    for (const e of this.own) {
      if (e.kind === 'observedAt') out[e.key] = own.observedAt;
      else if (e.kind === 'amountRecord') out[e.key] = withAmount(e.frame, own.amount);
      else {
        let text = e.parts[0];
        for (let i = 0; i < e.between.length; i++) text += (e.between[i] === 'amount' ? own.amount : own.usdPerGpuHour) + e.parts[i + 1];
        out[e.key] = text;
      }
    }
    return out;
  }
}

/** The record with the offer's amount in the place its `amount` key holds (a spread keeps the key order). */
function withAmount(frame: Readonly<Record<string, unknown>>, amount: string): Record<string, unknown> {
  return { ...frame, amount };
}

export interface CompactOfferParts extends OwnAmounts {
  network: string;
  offerId: string;
  seller: Seller;
  hardware: Hardware;
  price: PriceShape;
  usdPerHour: string;
  usdPerGpuHourMicros: number;
  stale: boolean;
  signals: OfferSignals;
  publication: Publication;
}

export class CompactOffer implements PoolOffer, OwnAmounts {
  readonly network: string;
  readonly offerId: string;
  private readonly seller: Seller;
  private readonly hardware: Hardware;
  private readonly price: PriceShape;
  readonly amount: string;
  readonly usdPerGpuHour: string;
  readonly usdPerHour: string;
  readonly usdPerGpuHourMicros: number;
  readonly stale: boolean;
  readonly signals: OfferSignals;
  readonly observedAt: string;
  private readonly publication: Publication;

  constructor(p: CompactOfferParts) {
    this.network = p.network;
    this.offerId = p.offerId;
    this.seller = p.seller;
    this.hardware = p.hardware;
    this.price = p.price;
    this.amount = p.amount;
    this.usdPerGpuHour = p.usdPerGpuHour;
    this.usdPerHour = p.usdPerHour;
    this.usdPerGpuHourMicros = p.usdPerGpuHourMicros;
    this.stale = p.stale;
    this.signals = p.signals;
    this.observedAt = p.observedAt;
    this.publication = p.publication;
  }

  get providerId(): string {
    return this.seller.providerId;
  }
  get providerName(): string | null {
    return this.seller.providerName;
  }
  get region(): string | null {
    return this.seller.region;
  }
  get country(): string | null {
    return this.seller.country;
  }
  get providerAttributes(): Record<string, string> | null {
    return this.seller.providerAttributes;
  }
  get gpuLabel(): string {
    return this.hardware.gpuLabel;
  }
  get gpuModel(): string {
    return this.hardware.gpuModel;
  }
  get gpuFamily(): string {
    return this.hardware.gpuFamily;
  }
  get gpuVramGb(): number {
    return this.hardware.gpuVramGb;
  }
  get gpuCount(): number {
    return this.hardware.gpuCount;
  }
  get fixedCount(): boolean {
    return this.hardware.fixedCount;
  }
  get cpu(): number | null {
    return this.hardware.cpu;
  }
  get memoryGb(): number | null {
    return this.hardware.memoryGb;
  }
  get diskGb(): number | null {
    return this.hardware.diskGb;
  }
  get priceKind(): 'firm' | 'estimate' {
    return this.price.priceKind;
  }
  /** A new record on every read, equal to the one the offer was built from. */
  get nativePrice(): NativePrice {
    return this.price.nativePrice(this);
  }
  /** A new record on every read, equal to the one the offer was built from. */
  get provenance(): Record<string, unknown> {
    return this.price.provenance(this);
  }
  get publishedAt(): string {
    return this.publication.publishedAt;
  }
  get expiresAtMs(): number {
    return this.publication.expiresAtMs;
  }

  /** JSON writes the offer as the plain PoolOffer it stands for. */
  toJSON(): PoolOffer {
    return plainOffer(this);
  }
}

/** Any PoolOffer as a plain record, its fields in PoolOffer's order (what specs compare). */
export function plainOffer(o: PoolOffer): PoolOffer {
  return {
    network: o.network,
    offerId: o.offerId,
    providerId: o.providerId,
    providerName: o.providerName,
    region: o.region,
    country: o.country,
    providerAttributes: o.providerAttributes,
    gpuLabel: o.gpuLabel,
    gpuModel: o.gpuModel,
    gpuFamily: o.gpuFamily,
    gpuVramGb: o.gpuVramGb,
    gpuCount: o.gpuCount,
    fixedCount: o.fixedCount,
    cpu: o.cpu,
    memoryGb: o.memoryGb,
    diskGb: o.diskGb,
    nativePrice: o.nativePrice,
    priceKind: o.priceKind,
    usdPerGpuHour: o.usdPerGpuHour,
    usdPerHour: o.usdPerHour,
    usdPerGpuHourMicros: o.usdPerGpuHourMicros,
    provenance: o.provenance,
    stale: o.stale,
    signals: o.signals,
    observedAt: o.observedAt,
    publishedAt: o.publishedAt,
    expiresAtMs: o.expiresAtMs,
  };
}
