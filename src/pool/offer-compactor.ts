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
  private readonly values = new KeyTrie<unknown>();
  private readonly otherValues = new Map<string, unknown>();
  private readonly sellers = new KeyTrie<Seller>();
  private readonly hardware = new KeyTrie<Hardware>();
  private readonly prices = new KeyTrie<PriceShape>();
  private readonly frames = new KeyTrie<Readonly<Record<string, unknown>>>();
  // The offers of one snapshot share a network and a publication: the last ones are checked first.
  private lastNetwork = '';
  private lastPublication: Publication | undefined;
  private readonly lastValues = new Map<string, object>();

  offer(o: PoolOffer): PoolOffer {
    const amount = o.nativePrice.amount;
    // Only a checked price (a decimal string) can leave its amount to the offer: anything else stays as it came.
    if (typeof amount !== 'string' || amount === '') return o;
    const usdPerGpuHour = o.usdPerGpuHour === amount ? amount : o.usdPerGpuHour;
    return new CompactOffer({
      network: o.network === this.lastNetwork ? this.lastNetwork : (this.lastNetwork = this.str(o.network)),
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
      publication: this.publication(o),
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
    // A value of plain records, arrays and scalars is found by its parts; anything else (a toJSON, a Date) by its JSON.
    const node = plainPath(this.values, v);
    if (node !== undefined) return (node.value ??= v) as T;
    const key = JSON.stringify(v);
    const had = this.otherValues.get(key);
    if (had !== undefined) return had as T;
    this.otherValues.set(key, v);
    return v;
  }

  private publication(o: PoolOffer): Publication {
    const last = this.lastPublication;
    if (last !== undefined && last.publishedAt === o.publishedAt && last.expiresAtMs === o.expiresAtMs) return last;
    return (this.lastPublication = { publishedAt: o.publishedAt, expiresAtMs: o.expiresAtMs });
  }

  private seller(o: PoolOffer): Seller {
    const attributes = o.providerAttributes === null ? null : this.value(o.providerAttributes);
    const node = this.sellers.to(o.providerId).to(o.providerName).to(o.region).to(o.country).to(attributes);
    return (node.value ??= {
      providerId: this.str(o.providerId),
      providerName: this.str(o.providerName),
      region: this.str(o.region),
      country: this.str(o.country),
      providerAttributes: attributes,
    });
  }

  private machine(o: PoolOffer): Hardware {
    const node = this.hardware
      .to(o.gpuLabel)
      .to(o.gpuModel)
      .to(o.gpuFamily)
      .to(o.gpuVramGb)
      .to(o.gpuCount)
      .to(o.fixedCount)
      .to(o.cpu)
      .to(o.memoryGb)
      .to(o.diskGb);
    return (node.value ??= {
      gpuLabel: this.str(o.gpuLabel),
      gpuModel: this.str(o.gpuModel),
      gpuFamily: this.str(o.gpuFamily),
      gpuVramGb: o.gpuVramGb,
      gpuCount: o.gpuCount,
      fixedCount: o.fixedCount,
      cpu: o.cpu,
      memoryGb: o.memoryGb,
      diskGb: o.diskGb,
    });
  }

  /** The offer's price and provenance with its own amount and USD price taken out: what offers priced alike share. */
  private price(o: PoolOffer, amount: string, usdPerGpuHour: string): PriceShape {
    const native = this.frame(o.nativePrice as unknown as Record<string, unknown>);
    // Found without building the entries (most offers find a shape already made); built only for a new one.
    const node = this.priceEntries(o, amount, usdPerGpuHour, native, undefined);
    if (node.value !== undefined) return node.value;
    const entries: ProvenanceEntry[] = [];
    this.priceEntries(o, amount, usdPerGpuHour, native, entries);
    return (node.value = new PriceShape(o.priceKind, native, entries));
  }

  /**
   * The node of the price's path: every part by its shared instance or its value, each entry by its key and what
   * kind it is; each entry pushed to `entries` when given.
   */
  private priceEntries(
    o: PoolOffer,
    amount: string,
    usd: string,
    native: Readonly<Record<string, unknown>>,
    entries: ProvenanceEntry[] | undefined,
  ): KeyTrie<PriceShape> {
    const nativePrice = o.nativePrice as unknown as Record<string, unknown>;
    let node = this.prices.to(o.priceKind).to(native);
    for (const k in o.provenance) {
      if (!Object.prototype.hasOwnProperty.call(o.provenance, k)) continue;
      const v = o.provenance[k];
      if (typeof v === 'string' && v === o.observedAt) {
        entries?.push({ key: k, kind: 'observedAt' });
        node = node.to(k).to(OBSERVED_AT);
      } else if (isFlatRecord(v) && v.amount === amount) {
        // The provenance's copy of the native price (same keys, same values) has the native price's frame.
        const frame = sameRecord(v, nativePrice) ? native : this.frame(v);
        entries?.push({ key: k, kind: 'amountRecord', frame });
        node = node.to(k).to(AMOUNT_RECORD).to(frame);
      } else if (typeof v === 'string' && (v.includes(amount) || v.includes(usd))) {
        const parts: string[] = [];
        const between: Array<'amount' | 'usd'> = [];
        node = node.to(k).to(TEXT);
        const pieces = v.split(amount);
        for (let i = 0; i < pieces.length; i++) {
          const inner = pieces[i].split(usd);
          for (let j = 0; j < inner.length; j++) {
            if (j > 0 || i > 0) between.push(j > 0 ? 'usd' : 'amount');
            const part = entries ? this.str(inner[j]) : inner[j];
            parts.push(part);
            node = node.to(j > 0 ? USD : i > 0 ? AMOUNT : START).to(part);
          }
        }
        entries?.push({ key: k, kind: 'text', parts, between });
        node = node.to(END);
      } else {
        // Consecutive offers mostly repeat a value (the snapshot's FX quotes): compared in place before it is looked up.
        const last = this.lastValues.get(k);
        const value = last !== undefined && samePlain(v, last) ? last : this.value(v);
        if (value !== null && typeof value === 'object') this.lastValues.set(k, value);
        entries?.push({ key: k, kind: 'value', value });
        node = node.to(k).to(VALUE).to(value);
      }
    }
    return node;
  }

  /** A record with its amount left blank and its other values shared: one instance per distinct frame, undefined values kept. */
  private frame(r: Record<string, unknown>): Readonly<Record<string, unknown>> {
    let node = this.frames;
    for (const k in r) if (Object.prototype.hasOwnProperty.call(r, k)) node = node.to(k).to(k === 'amount' ? '' : this.value(r[k]));
    if (node.value !== undefined) return node.value;
    const out: Record<string, unknown> = {};
    for (const k in r) if (Object.prototype.hasOwnProperty.call(r, k)) out[k] = k === 'amount' ? '' : this.value(r[k]);
    return (node.value = out);
  }
}

// Marks in a path, apart from any value: what kind of provenance entry follows, where a record or list opens and ends.
const OBSERVED_AT = Symbol('observedAt');
const AMOUNT_RECORD = Symbol('amountRecord');
const TEXT = Symbol('text');
const VALUE = Symbol('value');
const START = Symbol('start');
const AMOUNT = Symbol('amount');
const USD = Symbol('usd');
const RECORD = Symbol('record');
const LIST = Symbol('list');
const END = Symbol('end');

/**
 * What a sequence of parts names, one node per part: a string, a number, a boolean, null, undefined (each as itself,
 * SameValueZero), a shared instance (by identity) or a mark. Finding a sequence hashes no new text: each part is a
 * key the part's own node already holds, where building a key string would write and hash it all again.
 */
class KeyTrie<T> {
  value: T | undefined;
  private next: Map<unknown, KeyTrie<T>> | undefined;

  to(part: unknown): KeyTrie<T> {
    const next = (this.next ??= new Map());
    let node = next.get(part);
    if (node === undefined) next.set(part, (node = new KeyTrie<T>()));
    return node;
  }
}

/**
 * The node for a JSON value made of plain records, arrays, strings, numbers, booleans and null: the same for equal
 * values (and, unlike JSON, apart for a record that holds a key undefined); undefined for anything else.
 */
function plainPath<T>(node: KeyTrie<T>, v: unknown): KeyTrie<T> | undefined {
  if (v === null || typeof v !== 'object') return typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint' ? undefined : node.to(v);
  let at: KeyTrie<T> | undefined;
  if (Array.isArray(v)) {
    at = node.to(LIST);
    for (const item of v) if ((at = plainPath(at, item)) === undefined) return undefined;
    return at.to(END);
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return undefined;
  at = node.to(RECORD);
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    if ((at = plainPath(at.to(k), (v as Record<string, unknown>)[k])) === undefined) return undefined;
  }
  return at.to(END);
}

/**
 * The same plain value: records with the same keys in the same order, arrays, equal scalars (what gives the same
 * JSON and the same record read in place); false for anything else, left to the lookup.
 */
function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return a === null || typeof a !== 'object' || isPlain(a);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isPlain(a) || !isPlain(b)) return false;
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  for (let i = 0; i < ak.length; i++) {
    if (ak[i] !== bk[i] || !samePlain((a as Record<string, unknown>)[ak[i]], (b as Record<string, unknown>)[bk[i]])) return false;
  }
  return true;
}

function isPlain(v: object): boolean {
  if (Array.isArray(v)) return (v as unknown[]).every((x) => x === null || typeof x !== 'object' || isPlain(x));
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && Object.values(v).every((x) => x === null || typeof x !== 'object' || isPlain(x));
}

/** The same keys in the same order with the same values (records of scalars). */
function sameRecord(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  if (a === b) return true;
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  for (let i = 0; i < ak.length; i++) if (ak[i] !== bk[i] || a[ak[i]] !== b[bk[i]]) return false;
  return true;
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
