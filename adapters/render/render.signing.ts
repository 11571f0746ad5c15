// Request signing for the Render Compute (Dispersed) API. Pure functions, no clock and no randomness
// except where passed in, so the simulator verifies with exactly the code the adapter signs with.
//
//   canonical = publicKey|timestamp|nonce|METHOD|pathname|queryString|bodySha256
//   X-Signature = lowercase hex HMAC-SHA256(secret_key, canonical)
//
// Source: otoyinc.mintlify.app/service-consumers/service-consumers-authenticate-requests and
// docs.compute.x.io/guides/send-an-api-request/request-headers (see shared/reference/render.md §2.3).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface RenderCredentials {
  publicKey: string;
  secretKey: string;
}

/** Query parameters as ordered pairs (repeated keys allowed) or as a plain record. */
export type QueryInput = ReadonlyArray<readonly [string, string]> | Record<string, string | number | boolean | undefined>;

export interface SignableRequest {
  method: string;
  /** URL pathname as sent, e.g. `/v1/jobs` (no query string). */
  pathname: string;
  query: QueryInput;
  /** The exact body bytes sent ('' for none). */
  body: string;
}

export interface RenderAuthHeaders {
  'X-API-Key': string;
  'X-Time': string;
  'X-Nonce': string;
  'X-Signature': string;
}

export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
export const NONCE_PATTERN = /^[0-9a-f]{32}$/;
export const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;

/** Compares by Unicode code point (as a Python `sorted` would), not by UTF-16 code unit. */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * Canonical JSON: object keys sorted recursively, no whitespace, every character outside printable
 * ASCII escaped as \uXXXX (lowercase hex, surrogate pairs for astral characters), like Python's
 * `json.dumps(v, sort_keys=True, separators=(',', ':'), ensure_ascii=True)`. We write the object walk
 * ourselves because JS objects put integer-like keys ("2", "10") first, whatever order they were added in.
 */
export function canonicalJson(value: unknown): string {
  return toAsciiSafe(serialize(value) ?? 'null');
}

function serialize(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('canonicalJson: bigint is not a JSON number');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined; // dropped from objects, null in arrays, as JSON.stringify does
  }
  if (Array.isArray(value)) return `[${value.map((v) => serialize(v) ?? 'null').join(',')}]`;
  const entries = Object.keys(value as object)
    .sort(compareCodePoints)
    .map((k) => {
      const v = serialize((value as Record<string, unknown>)[k]);
      return v === undefined ? undefined : `${JSON.stringify(k)}:${v}`;
    })
    .filter((e): e is string => e !== undefined);
  return `{${entries.join(',')}}`;
}

function toAsciiSafe(json: string): string {
  return json.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** RFC 3986 percent-encoding (unreserved characters kept; space is %20, never '+'). */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function queryPairs(query: QueryInput): Array<[string, string]> {
  if (Array.isArray(query)) return query.map(([k, v]) => [k, v]);
  return Object.entries(query as Record<string, string | number | boolean | undefined>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => [k, String(v)]);
}

/** Sorted by key, then by value (on the decoded strings), each part URL-encoded, joined with '&', no '?'. */
export function canonicalQuery(query: QueryInput): string {
  return queryPairs(query)
    .sort(([ka, va], [kb, vb]) => compareCodePoints(ka, kb) || compareCodePoints(va, vb))
    .map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`)
    .join('&');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface CanonicalParts {
  publicKey: string;
  timestampMs: number | string;
  nonce: string;
  method: string;
  pathname: string;
  query: QueryInput;
  /** The exact body bytes; its SHA-256 is what enters the canonical string. */
  body: string;
}

export function canonicalString(p: CanonicalParts): string {
  const bodyHash = p.body === '' ? EMPTY_BODY_SHA256 : sha256Hex(p.body);
  return [p.publicKey, String(p.timestampMs), p.nonce, p.method.toUpperCase(), p.pathname, canonicalQuery(p.query), bodyHash].join('|');
}

export function hmacSha256Hex(secretKey: string, message: string): string {
  return createHmac('sha256', secretKey).update(message, 'utf8').digest('hex');
}

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Signs one request. The caller sends `request.body` byte for byte (serialize it with canonicalJson). */
export function signRenderRequest(credentials: RenderCredentials, request: SignableRequest, stamp: { timestampMs: number; nonce: string }): RenderAuthHeaders {
  const canonical = canonicalString({ publicKey: credentials.publicKey, timestampMs: stamp.timestampMs, nonce: stamp.nonce, ...request });
  return {
    'X-API-Key': credentials.publicKey,
    'X-Time': String(stamp.timestampMs),
    'X-Nonce': stamp.nonce,
    'X-Signature': hmacSha256Hex(credentials.secretKey, canonical),
  };
}

/** Constant-time comparison of two hex signatures. */
export function signaturesEqual(expected: string, given: string): boolean {
  if (!SIGNATURE_PATTERN.test(given) || expected.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}
