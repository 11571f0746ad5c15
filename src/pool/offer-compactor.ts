// Turns the offers of one snapshot or one load into CompactOffers (pure): a pool of 100,000 offers repeats a few
// hundred sellers, a few thousand machine shapes, one publish time per snapshot, and a few hundred ways of writing
// a price and its provenance (units, FX quotes, the formula with only the amounts differing); each is held once.
// The offers come out equal to the ones that went in (plainOffer), key order included; the index treats them as
// read-only.
import { CompactOffer, PriceShape, type Hardware, type ProvenanceEntry, type Publication, type Seller } from './compact-offer';
import type { PoolOffer } from './pool-offer';

/**
 * The offers as the index holds them, sharing what they repeat. A sync calls it after the publish, when the
 * snapshot's garbage (the listing, the SQL text) is no longer alive: the offers the index keeps for the next
 * hour are then allocated together instead of between objects about to die, which would leave the heap's pages
 * part-used (and resident) after they die.
 */
export function compactOffers(offers: readonly PoolOffer[]): PoolOffer[] {
  const compact = new OfferCompactor();
  return offers.map((o) => compact.offer(o));
}

export class OfferCompactor {
  private readonly strings = new Map<string, string>();
  private readonly values = new Map<string, unknown>();
  private readonly sellers = new Map<string, Seller>();
  private readonly hardware = new Map<string, Hardware>();
  private readonly publications = new Map<string, Publication>();
  private readonly prices = new Map<string, PriceShape>();
  private readonly frames = new Map<string, Readonly<Record<string, unknown>>>();
  private readonly ids = new Map<object, number>();

  offer(o: PoolOffer): PoolOffer {
    const amount = o.nativePrice.amount;
    // Only a checked price (a decimal string) can leave its amount to the offer: anything else stays as it came.
    if (typeof amount !== 'string' || amount === '') return o;
    const usdPerGpuHour = o.usdPerGpuHour === amount ? amount : o.usdPerGpuHour;
    return new CompactOffer({
      network: this.str(o.network),
      offerId: flat(o.offerId),
      seller: this.seller(o),
      hardware: this.machine(o),
      price: this.price(o, amount, usdPerGpuHour),
      amount,
      usdPerGpuHour,
      usdPerHour: o.usdPerHour === usdPerGpuHour ? usdPerGpuHour : o.usdPerHour,
      usdPerGpuHourMicros: o.usdPerGpuHourMicros,
      stale: o.stale,
      signals: this.value(o.signals),
      observedAt: this.str(o.observedAt),
      publication: this.shared(this.publications, JSON.stringify([o.publishedAt, o.expiresAtMs]), () => ({
        publishedAt: o.publishedAt,
        expiresAtMs: o.expiresAtMs,
      })),
    });
  }

  str<T extends string | null>(s: T): T {
    if (s === null) return s;
    const had = this.strings.get(s);
    if (had !== undefined) return had as T;
    this.strings.set(s, s);
    return s;
  }

  /** One shared instance per distinct JSON value (objects and arrays); strings interned, other scalars as they are. */
  value<T>(v: T): T {
    if (typeof v === 'string') return this.str(v);
    if (v === null || typeof v !== 'object') return v;
    const key = JSON.stringify(v);
    const had = this.values.get(key);
    if (had !== undefined) return had as T;
    this.values.set(key, v);
    return v;
  }

  private seller(o: PoolOffer): Seller {
    const key = JSON.stringify([o.providerId, o.providerName, o.region, o.country, o.providerAttributes]);
    return this.shared(this.sellers, key, () => ({
      providerId: this.str(o.providerId),
      providerName: this.str(o.providerName),
      region: this.str(o.region),
      country: this.str(o.country),
      providerAttributes: this.value(o.providerAttributes),
    }));
  }

  private machine(o: PoolOffer): Hardware {
    const key = JSON.stringify([o.gpuLabel, o.gpuModel, o.gpuFamily, o.gpuVramGb, o.gpuCount, o.fixedCount, o.cpu, o.memoryGb, o.diskGb]);
    return this.shared(this.hardware, key, () => ({
      gpuLabel: this.str(o.gpuLabel),
      gpuModel: this.str(o.gpuModel),
      gpuFamily: this.str(o.gpuFamily),
      gpuVramGb: o.gpuVramGb,
      gpuCount: o.gpuCount,
      fixedCount: o.fixedCount,
      cpu: o.cpu,
      memoryGb: o.memoryGb,
      diskGb: o.diskGb,
    }));
  }

  /** The offer's price and provenance with its own amount and USD price taken out: what offers priced alike share. */
  private price(o: PoolOffer, amount: string, usdPerGpuHour: string): PriceShape {
    const native = this.frame(o.nativePrice);
    const entries: ProvenanceEntry[] = [];
    // The key names every part by its shared instance (ids) or its text, and writes an undefined value apart.
    const key: unknown[] = [o.priceKind, this.id(native)];
    for (const [k, v] of Object.entries(o.provenance)) {
      if (typeof v === 'string' && v === o.observedAt) {
        entries.push({ key: k, kind: 'observedAt' });
        key.push(k, 'o');
      } else if (isFlatRecord(v) && v.amount === amount) {
        const frame = this.frame(v);
        entries.push({ key: k, kind: 'amountRecord', frame });
        key.push(k, 'r', this.id(frame));
      } else if (typeof v === 'string' && (v.includes(amount) || v.includes(usdPerGpuHour))) {
        const parts: string[] = [];
        const between: Array<'amount' | 'usd'> = [];
        v.split(amount).forEach((piece, i) => {
          if (i > 0) between.push('amount');
          piece.split(usdPerGpuHour).forEach((part, j) => {
            if (j > 0) between.push('usd');
            parts.push(this.str(part));
          });
        });
        entries.push({ key: k, kind: 'text', parts, between });
        key.push(k, 't', parts, between);
      } else {
        const value = this.value(v);
        entries.push({ key: k, kind: 'value', value });
        key.push(k, value === undefined ? 'u' : 'v', typeof value === 'object' && value !== null ? this.id(value) : value);
      }
    }
    return this.shared(this.prices, JSON.stringify(key), () => new PriceShape(o.priceKind, native, entries));
  }

  /** A record with its amount left blank and its other values shared: one instance per distinct frame, undefined values kept. */
  private frame(r: object): Readonly<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    const key: unknown[] = [];
    for (const [k, v] of Object.entries(r)) {
      const value = k === 'amount' ? '' : this.value(v);
      out[k] = value;
      key.push(k, value === undefined ? 'u' : 'v', typeof value === 'object' && value !== null ? this.id(value) : value);
    }
    return this.shared(this.frames, JSON.stringify(key), () => out);
  }

  /** A number for each shared instance, to name it in a key without writing it out again. */
  private id(shared: object): number {
    let id = this.ids.get(shared);
    if (id === undefined) this.ids.set(shared, (id = this.ids.size));
    return id;
  }

  private shared<T>(map: Map<string, T>, key: string, make: () => T): T {
    const had = map.get(key);
    if (had !== undefined) return had;
    const made = make();
    map.set(key, made);
    return made;
  }
}

/**
 * The same text as one flat string. An id an adapter built by concatenation (`${node}#${gpu}`) is a tree of its
 * pieces (V8's cons strings): held for as long as the offer, the tree costs about twice the flat text. JSON
 * writes any string back exactly, lone surrogates included.
 */
function flat(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** A record of strings, numbers and booleans (a price): what a frame with the amount left blank can stand for. */
function isFlatRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.values(v).every((x) => x === null || typeof x !== 'object');
}
