// Who may win an Akash job: the job's placement (regions, excluded regions) and the Console's auditors, read
// against the provider records of GET /v1/providers. The same rules make the SDL's placement attributes (so
// providers outside do not bid) and refuse any bid that still breaks them (so none is ever accepted).
import type { JobSpec } from '../sdk';
import { checkUpstream } from '../sdk';
import { AkashProvider, providerSchema } from './akash.wire';

/**
 * The Console's default `MANAGED_WALLET_LEASE_ALLOWED_AUDITORS` (akash-network/console @ d84c9e93:
 * apps/api/src/billing/config/env.config.ts): it adds them as `signedBy.anyOf` to every placement
 * (sdl.service.ts) and lists only bids of providers they audited (bid.service.ts).
 */
export const CONSOLE_AUDITORS = ['akash1365yvmc4s7awdyj3n2sav7xfx76adc6dnmlx63'] as const;

/** The provider's region as offers show it: its `region` attribute, else the Console's location or IP region. */
export function regionOfProvider(p: Pick<AkashProvider, 'attributes' | 'locationRegion' | 'ipRegion'>): string | undefined {
  return p.attributes?.find((a) => a.key === 'region')?.value ?? p.locationRegion ?? p.ipRegion ?? undefined;
}

/** Whether one of the allowed auditors signed any of the provider's attributes (how the Console decides). */
export function auditedBy(p: Pick<AkashProvider, 'attributes'>, auditors: readonly string[]): boolean {
  return (p.attributes ?? []).some((a) => Array.isArray(a.auditedBy) && a.auditedBy.some((x) => typeof x === 'string' && auditors.includes(x)));
}

/** A region matches a wanted one exactly or as its prefix (`us` matches `us-east`), as the host's router reads regions. */
export function regionMatches(region: string | undefined, wanted: string): boolean {
  if (!region) return false;
  const r = region.toLowerCase();
  const w = wanted.toLowerCase();
  return r === w || r.startsWith(w);
}

export interface BidderFacts {
  region?: string;
  audited: boolean;
}

/** Why a provider breaks the job's placement or the Console's audit rule; undefined when it may win. */
export function placementRefusal(
  facts: BidderFacts | undefined,
  placement: JobSpec['placement'],
  auditors: readonly string[],
  exclude: { providers?: string[]; regions?: string[] } = {},
  provider?: string,
): string | undefined {
  if (provider && exclude.providers?.includes(provider)) return 'provider excluded for this job (blocked after a failure)';
  const regions = placement?.regions ?? [];
  const excluded = [...(placement?.excludeRegions ?? []), ...(exclude.regions ?? [])];
  if (!facts) return regions.length || excluded.length || auditors.length ? 'provider unknown to the Console provider list' : undefined;
  if (regions.length && !regions.some((r) => regionMatches(facts.region, r))) return `region ${facts.region ?? 'unknown'} is not in ${regions.join(', ')}`;
  const out = excluded.find((r) => regionMatches(facts.region, r));
  if (out) return `region ${facts.region} is excluded (${out})`;
  if (auditors.length && !facts.audited) return 'not audited by an allowed auditor (the Console will not lease to it)';
  return undefined;
}

/** Provider facts by owner from a GET /v1/providers answer; malformed records are skipped (they cannot win). */
export function bidderFacts(providers: unknown[], auditors: readonly string[]): Map<string, BidderFacts> {
  const facts = new Map<string, BidderFacts>();
  for (const raw of providers) {
    const checked = checkUpstream(providerSchema, raw);
    if (checked.ok) facts.set(checked.value.owner, { region: regionOfProvider(checked.value), audited: auditedBy(checked.value, auditors) });
  }
  return facts;
}

/**
 * The SDL placement attribute for the job's regions. Akash matches attributes exactly and all of them (no
 * "one of", no prefix), so the attribute is the routed provider's own `region` attribute when it lies in the
 * job's regions (the router only routes there): providers elsewhere do not bid. Without one, none is set and
 * the bid check alone keeps the job in its regions.
 */
export function placementRegionAttribute(placement: JobSpec['placement'], routedRegionAttribute: string | undefined): string | undefined {
  const regions = placement?.regions ?? [];
  if (!regions.length || !routedRegionAttribute) return undefined;
  return regions.some((r) => regionMatches(routedRegionAttribute, r)) ? routedRegionAttribute : undefined;
}
