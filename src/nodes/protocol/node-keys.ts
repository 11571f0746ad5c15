// Ed25519 device keys in Solana's format: the 32-byte public key, base58-encoded, is the node id; the
// 64-byte secret key is seed ‖ public key (what `solana-keygen` writes). Only node:crypto and bs58.
import { createPrivateKey, createPublicKey, KeyObject, randomBytes, sign, verify } from 'node:crypto';
import bs58 from 'bs58';

// DER headers that wrap a raw 32-byte Ed25519 key into PKCS#8 / SPKI (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface NodeKeypair {
  /** base58 of the public key: the node id, and a valid Solana address. */
  nodeId: string;
  publicKey: Buffer;
  /** Solana layout: seed (32) ‖ public key (32). */
  secretKey: Buffer;
  privateKey: KeyObject;
}

export function keypairFromSeed(seed: Uint8Array): NodeKeypair {
  if (seed.length !== 32) throw new Error(`an Ed25519 seed is 32 bytes, got ${seed.length}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, Buffer.from(seed)]), format: 'der', type: 'pkcs8' });
  const publicKey = Buffer.from(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length));
  return { nodeId: bs58.encode(publicKey), publicKey, secretKey: Buffer.concat([Buffer.from(seed), publicKey]), privateKey };
}

export function generateKeypair(): NodeKeypair {
  return keypairFromSeed(randomBytes(32));
}

/** Reads a Solana-format 64-byte secret key and checks that its public half matches its seed. */
export function keypairFromSecretKey(secretKey: Uint8Array): NodeKeypair {
  if (secretKey.length !== 64) throw new Error(`a Solana secret key is 64 bytes, got ${secretKey.length}`);
  const kp = keypairFromSeed(secretKey.subarray(0, 32));
  if (!kp.publicKey.equals(Buffer.from(secretKey.subarray(32)))) throw new Error('secret key is corrupt: its public half does not match its seed');
  return kp;
}

/** Decodes a base58 Solana address to its 32 bytes, or undefined when it is not one. */
export function decodeAddress(address: string): Buffer | undefined {
  if (!/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(address)) return undefined;
  try {
    const bytes = Buffer.from(bs58.decode(address));
    return bytes.length === 32 ? bytes : undefined;
  } catch {
    return undefined;
  }
}

export function isSolanaAddress(address: string): boolean {
  return decodeAddress(address) !== undefined;
}

export function signBytes(keypair: NodeKeypair, message: Uint8Array): string {
  return bs58.encode(sign(null, message, keypair.privateKey));
}

/** Verifies a base58 signature by the key whose base58 address is `nodeId`; false for anything malformed. */
export function verifyBytes(nodeId: string, message: Uint8Array, signature: string): boolean {
  const raw = decodeAddress(nodeId);
  if (!raw) return false;
  let sig: Buffer;
  try {
    sig = Buffer.from(bs58.decode(signature));
  } catch {
    return false;
  }
  if (sig.length !== 64) return false;
  try {
    const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    return verify(null, message, key, sig);
  } catch {
    return false;
  }
}
