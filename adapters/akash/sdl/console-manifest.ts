// What the Console does to an SDL before it broadcasts it, and the manifest and hash it derives (read in
// akash-network/console @ d84c9e93, apps/api/src/deployment/services):
//   - sdl/sdl.service.ts `generateManifest`: every placement's pricing denom becomes DEPLOYMENT_GRANT_DENOM
//     (`uact` on mainnet), and every placement gets the MANAGED_WALLET_LEASE_ALLOWED_AUDITORS appended to
//     `signedBy.anyOf` (each only once);
//   - deployment-writer/deployment-writer.service.ts `create`: the deployment's on-chain `hash` is chain-sdk's
//     `generateManifestVersion(manifest.groups)` and the `manifest` it answers is
//     `manifestToSortedJSON(manifest.groups)`; `ensureDeploymentIsUpToDate` compares the hash as base64.
// The adapter uses this to find its own deployment again after a crash (the same SDL gives the same hash on
// the real chain), and the simulator uses it so that its hashes and manifests are the real ones.
import { generateManifest, generateManifestVersion, manifestToSortedJSON } from '@akashnetwork/chain-sdk';
import { parse } from 'yaml';

export interface ConsoleRewrite {
  /** DEPLOYMENT_GRANT_DENOM: `uact` on mainnet. */
  grantDenom: string;
  /** MANAGED_WALLET_LEASE_ALLOWED_AUDITORS (empty: none added). */
  auditors: readonly string[];
}

export interface ConsoleManifest {
  /** The deployment's on-chain `hash`, base64 (as GET /v1/deployments lists it). */
  hash: string;
  /** The manifest JSON the Console answers POST /v1/deployments with. */
  manifest: string;
}

export class SdlManifestError extends Error {}

/** Applies the Console's two rewrites to a parsed SDL, in place. */
export function applyConsoleRewrite(sdl: unknown, rewrite: ConsoleRewrite): void {
  const placement = (sdl as { profiles?: { placement?: unknown } } | null)?.profiles?.placement;
  if (!placement || typeof placement !== 'object') return;
  for (const profile of Object.values(placement as Record<string, unknown>)) {
    if (!profile || typeof profile !== 'object') continue;
    const p = profile as { pricing?: Record<string, { denom?: string } | null>; signedBy?: { anyOf?: string[] } };
    for (const price of Object.values(p.pricing ?? {})) if (price && typeof price === 'object') price.denom = rewrite.grantDenom;
    for (const auditor of rewrite.auditors) {
      p.signedBy ??= {};
      p.signedBy.anyOf ??= [];
      if (!p.signedBy.anyOf.includes(auditor)) p.signedBy.anyOf.push(auditor);
    }
  }
}

/** The manifest and on-chain hash the Console makes of this SDL text. */
export async function consoleManifest(sdlText: string, rewrite: ConsoleRewrite): Promise<ConsoleManifest> {
  const sdl = parse(sdlText, { maxAliasCount: 100 });
  applyConsoleRewrite(sdl, rewrite);
  const result = generateManifest(sdl);
  if (!result.ok) throw new SdlManifestError(`Invalid SDL: ${result.value.map((e) => `${e.instancePath ?? ''} ${e.message ?? ''}`.trim()).join(', ')}`);
  const version = await generateManifestVersion(result.value.groups);
  return { hash: Buffer.from(version).toString('base64'), manifest: manifestToSortedJSON(result.value.groups) };
}
