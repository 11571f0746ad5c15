// Signed agent requests. Every request an agent sends carries four headers:
//   x-sy-node       the node id (base58 Ed25519 public key)
//   x-sy-timestamp  unix time in milliseconds
//   x-sy-nonce      16–64 chars of [A-Za-z0-9_-], never reused by the same node
//   x-sy-signature  base58 Ed25519 signature over the canonical string below
// The canonical string is these lines joined by "\n" (no trailing newline):
//   switchyard-node-request-v1
//   <METHOD, upper case>
//   <path with the query string exactly as sent, e.g. /v1/agent/work?wait=25>
//   <timestamp>
//   <nonce>
//   <node id>
//   <hex sha256 of the exact body bytes (of the empty string when there is no body)>
// The node id header names the key; only the signature proves it. Nothing else is trusted as identity.
// This module is pure: replay protection (remembering nonces) is the coordinator's job.
import { createHash } from 'node:crypto';
import { NodeKeypair, signBytes, verifyBytes } from './node-keys';

export const SIGNATURE_VERSION = 'switchyard-node-request-v1';
export const HEADER_NODE = 'x-sy-node';
export const HEADER_TIMESTAMP = 'x-sy-timestamp';
export const HEADER_NONCE = 'x-sy-nonce';
export const HEADER_SIGNATURE = 'x-sy-signature';

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const NONCE = NONCE_PATTERN;
const TIMESTAMP = /^\d{1,16}$/;

export interface SignableRequest {
  method: string;
  /** Path and query string, exactly as on the wire. */
  pathWithQuery: string;
  body: string | Uint8Array;
}

export type SignedHeaders = {
  [HEADER_NODE]: string;
  [HEADER_TIMESTAMP]: string;
  [HEADER_NONCE]: string;
  [HEADER_SIGNATURE]: string;
};

export function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

export function canonicalRequest(req: SignableRequest, timestamp: string, nonce: string, nodeId: string): string {
  return [SIGNATURE_VERSION, req.method.toUpperCase(), req.pathWithQuery, timestamp, nonce, nodeId, sha256Hex(req.body)].join('\n');
}

export function signRequest(keypair: NodeKeypair, req: SignableRequest, timestampMs: number, nonce: string): SignedHeaders {
  const timestamp = String(Math.trunc(timestampMs));
  const signature = signBytes(keypair, Buffer.from(canonicalRequest(req, timestamp, nonce, keypair.nodeId), 'utf8'));
  return { [HEADER_NODE]: keypair.nodeId, [HEADER_TIMESTAMP]: timestamp, [HEADER_NONCE]: nonce, [HEADER_SIGNATURE]: signature };
}

export type SignatureRejection = 'missing_headers' | 'malformed_headers' | 'stale_timestamp' | 'bad_signature';

export type SignatureVerdict = { ok: true; nodeId: string; nonce: string; timestampMs: number } | { ok: false; reason: SignatureRejection; detail: string };

/** Checks headers, the time window and the signature; the caller must still check the nonce was never seen. */
export function verifySignedRequest(
  headers: Record<string, string | string[] | undefined>,
  req: SignableRequest,
  nowMs: number,
  windowMs: number,
): SignatureVerdict {
  const get = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? undefined : v;
  };
  const nodeId = get(HEADER_NODE);
  const timestamp = get(HEADER_TIMESTAMP);
  const nonce = get(HEADER_NONCE);
  const signature = get(HEADER_SIGNATURE);
  if (!nodeId || !timestamp || !nonce || !signature) {
    return {
      ok: false,
      reason: 'missing_headers',
      detail: `signed requests need ${HEADER_NODE}, ${HEADER_TIMESTAMP}, ${HEADER_NONCE} and ${HEADER_SIGNATURE}`,
    };
  }
  if (!TIMESTAMP.test(timestamp) || !NONCE.test(nonce)) {
    return { ok: false, reason: 'malformed_headers', detail: 'timestamp must be unix milliseconds; nonce 16-64 chars of [A-Za-z0-9_-]' };
  }
  const timestampMs = Number(timestamp);
  if (Math.abs(nowMs - timestampMs) > windowMs) {
    return { ok: false, reason: 'stale_timestamp', detail: `timestamp is more than ${windowMs} ms away from the coordinator's clock` };
  }
  const message = Buffer.from(canonicalRequest(req, timestamp, nonce, nodeId), 'utf8');
  if (!verifyBytes(nodeId, message, signature)) {
    return { ok: false, reason: 'bad_signature', detail: 'the signature does not verify against the node key' };
  }
  return { ok: true, nodeId, nonce, timestampMs };
}
