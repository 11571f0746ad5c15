// Shares equal strings and equal small JSON values between the offers of one snapshot or one load (pure): a pool
// of 100,000 offers repeats a few hundred providers, regions, GPU labels and models, price units, FX quotes and
// health signals, and each parsed record would otherwise hold its own copy. The offers come out equal to the
// ones that went in, key order included; the index treats them as read-only.
import type { PoolOffer } from './pool-offer';

export class OfferCompactor {
  private readonly strings = new Map<string, string>();
  private readonly values = new Map<string, unknown>();

  offer(o: PoolOffer): PoolOffer {
    const nativePrice = this.record(o.nativePrice);
    const provenance: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(o.provenance)) {
      // The normalizer repeats the native price and the observation time inside the provenance: one instance serves
      // both. Its other strings (the formula) are the offer's own: looking them up would cost more than it saves.
      if (typeof value === 'string') provenance[key] = value === o.observedAt ? o.observedAt : value;
      else provenance[key] = sameRecord(value, nativePrice) ? nativePrice : this.value(value);
    }
    return {
      ...o,
      network: this.str(o.network),
      providerId: this.str(o.providerId),
      providerName: this.str(o.providerName),
      region: this.str(o.region),
      country: this.str(o.country),
      providerAttributes: this.value(o.providerAttributes),
      gpuLabel: this.str(o.gpuLabel),
      gpuModel: this.str(o.gpuModel),
      gpuFamily: this.str(o.gpuFamily),
      nativePrice,
      provenance,
      signals: this.value(o.signals),
      publishedAt: this.str(o.publishedAt),
    };
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

  /** A flat record with its string fields interned (a price is rarely shared whole: its amount differs). */
  private record<T extends object>(r: T): T {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(r)) out[key] = typeof value === 'string' ? this.str(value) : value;
    return out as T;
  }
}

/** Equal flat records (strings, numbers, booleans), keys in the same order: what JSON would write the same. */
function sameRecord(a: unknown, b: object): boolean {
  if (typeof a !== 'object' || a === null || Array.isArray(a)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const va = (a as Record<string, unknown>)[ka[i]];
    if (ka[i] !== kb[i] || va !== (b as Record<string, unknown>)[kb[i]] || (typeof va === 'object' && va !== null)) return false;
  }
  return true;
}
