// API key material: random, shown once, stored only as a hash.
//
// Why plain sha256 and not scrypt/argon2: a key carries 256 bits of randomness, so nobody can guess it
// from its hash whatever the hash's speed; slow hashes defend low-entropy passwords. A fast, deterministic
// hash lets the guard find the key with one indexed lookup (`ux_api_keys_hash`) instead of comparing a
// slow hash against every row. (An operator-chosen ADMIN_API_KEY must therefore be long: min 24 chars.)
import { createHash, hash, randomBytes } from 'node:crypto';
import bs58 from 'bs58';

export const API_KEY_PREFIX = 'sy_live_';
/** How many leading characters listings show (`sy_live_` + 6 of the random part). */
const SHOWN_CHARS = API_KEY_PREFIX.length + 6;
const MAX_PRESENTED_LENGTH = 200;

export interface NewApiKeyMaterial {
  /** The secret: returned to the caller once, never stored or logged. */
  key: string;
  prefix: string;
  hash: string;
}

export function generateApiKey(): NewApiKeyMaterial {
  return materialFor(API_KEY_PREFIX + bs58.encode(randomBytes(32)));
}

/** Hash and display prefix for a key chosen elsewhere (ADMIN_API_KEY). */
export function materialFor(key: string): NewApiKeyMaterial {
  return { key, prefix: key.slice(0, SHOWN_CHARS), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  // Every authenticated request hashes its key: the one-shot crypto.hash (Node >= 20.12) builds no Hash object.
  return typeof hash === 'function' ? hash('sha256', key, 'hex') : createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A presented key worth looking up: printable, no whitespace, bounded length. */
export function isPlausibleApiKey(key: string): boolean {
  return key.length >= 16 && key.length <= MAX_PRESENTED_LENGTH && /^[\x21-\x7e]+$/.test(key);
}
