// The Console API has no idempotency key. Each adapter deployment carries the key in its SDL (an env var),
// so its content is unique per key; the fingerprint of that SDL is what the adapter compares with
// `deployment.hash` when it lists deployments to find one an earlier attempt created.
//
// Uncertain on the real network: the chain's hash is chain-sdk's manifest version (sha256 of the sorted
// manifest JSON the Console derives from the SDL), which this function does not reproduce byte for byte.
// The simulator computes its hash with this function. See README.md ("Idempotency").
import { createHash } from 'node:crypto';
import { parse } from 'yaml';

export function deploymentFingerprint(sdl: string): string {
  return createHash('sha256').update(stableJson(parse(sdl))).digest('base64');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
