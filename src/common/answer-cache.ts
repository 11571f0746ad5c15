// Finished response bodies, kept while what they were computed from stays the same. The caller names the state
// an answer depends on (its stamp: values compared with ===, such as a revision number or the identity of a
// snapshot that is replaced, never changed in place) and the moment the answer stops being true even if that state
// does not change (an offer expiring, an age in seconds ticking over). A hit needs the same key, the same stamp and
// a clock before that moment, so it is the answer the request would have computed. Bodies are kept as bytes: a hit
// is written to the socket without being serialized or encoded again.

interface Entry {
  stamp: readonly unknown[];
  validUntilMs: number;
  body: Buffer;
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    /** When full (this many entries, or maxBytes of bodies), the cache starts again empty: a burst of distinct requests costs what no cache would. */
    private readonly maxEntries = 1_000,
    /** Longer keys (large request bodies) are not kept. */
    private readonly maxKeyLength = 4_096,
    /** The bodies kept, in bytes, at most (a page of 500 offers is about 0.6 MB). */
    private readonly maxBytes = 32 * 2 ** 20,
  ) {}

  get(key: string, stamp: readonly unknown[], nowMs: number): Buffer | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (nowMs < hit.validUntilMs && sameStamp(hit.stamp, stamp)) return hit.body;
    this.entries.delete(key);
    this.bytes -= hit.body.length;
    return undefined;
  }

  /** Keeps the body (as UTF-8 bytes) and returns those bytes, to be sent. */
  set(key: string, stamp: readonly unknown[], validUntilMs: number, body: string): Buffer {
    const bytes = Buffer.from(body, 'utf8');
    if (key.length > this.maxKeyLength || bytes.length > this.maxBytes) return bytes;
    const replaced = this.entries.get(key);
    if (replaced) {
      this.entries.delete(key);
      this.bytes -= replaced.body.length;
    }
    if (this.entries.size >= this.maxEntries || this.bytes + bytes.length > this.maxBytes) {
      this.entries.clear();
      this.bytes = 0;
    }
    this.entries.set(key, { stamp, validUntilMs, body: bytes });
    this.bytes += bytes.length;
    return bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The bytes of the bodies kept. */
  get keptBytes(): number {
    return this.bytes;
  }
}

function sameStamp(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
