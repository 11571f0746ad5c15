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
  /** The provider's attributes as its offers show them (what job placement.attributes are matched against). */
  attributes?: Record<string, string>;
}

/** A provider's attributes as offers carry them: on-chain attributes (not `capabilities/*`), hostUri, tier. */
export function offerAttributes(p: Pick<AkashProvider, 'attributes' | 'hostUri' | 'tier'>): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const a of p.attributes ?? []) if (!a.key.startsWith('capabilities/')) attributes[a.key] = a.value;
  if (p.hostUri) attributes.hostUri = p.hostUri;
  if (p.tier) attributes.tier = p.tier;
  return attributes;
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
  const attributes = Object.entries(placement?.attributes ?? {});
  if (!facts) return regions.length || excluded.length || attributes.length || auditors.length ? 'provider unknown to the Console provider list' : undefined;
  if (regions.length && !regions.some((r) => regionMatches(facts.region, r))) return `region ${facts.region ?? 'unknown'} is not in ${regions.join(', ')}`;
  const out = excluded.find((r) => regionMatches(facts.region, r));
  if (out) return `region ${facts.region} is excluded (${out})`;
  for (const [key, value] of attributes) {
    if (facts.attributes?.[key] !== value) return `attribute ${key} is ${facts.attributes?.[key] ?? 'unset'}, not ${value}`;
  }
  if (auditors.length && !facts.audited) return 'not audited by an allowed auditor (the Console will not lease to it)';
  return undefined;
}

/** Provider facts by owner from a GET /v1/providers answer; malformed records are skipped (they cannot win). */
export function bidderFacts(providers: unknown[], auditors: readonly string[]): Map<string, BidderFacts> {
  const facts = new Map<string, BidderFacts>();
  for (const raw of providers) {
    const checked = checkUpstream(providerSchema, raw);
    if (checked.ok)
      facts.set(checked.value.owner, {
        region: regionOfProvider(checked.value),
        audited: auditedBy(checked.value, auditors),
        attributes: offerAttributes(checked.value),
      });
  }
  return facts;
}

/**
 * The SDL placement attribute for the job's regions. Akash matches attributes exactly and all of them (no
 * "one of", no prefix), so the attribute is the routed provider's own `region` attribute when it lies in the
 * job's regions (the router only routes there): providers elsewhere do not bid. Without one, none is set and
 * the bid check alone keeps the job in its regions.
 */
/**
 * The job's placement.attributes that the routed provider carries on chain with that value: written into the
 * SDL, so providers without them do not bid (Akash matches placement attributes exactly). Others (a Console
 * field such as hostUri) are left to the bid check.
 */
export function placementAttributes(placement: JobSpec['placement'], routedRaw: unknown): Record<string, string> {
  const onChain = (routedRaw as { attributes?: unknown } | null | undefined)?.attributes;
  const carried = new Map<string, string>();
  if (Array.isArray(onChain)) for (const a of onChain) if (a && typeof a.key === 'string' && typeof a.value === 'string') carried.set(a.key, a.value);
  return Object.fromEntries(Object.entries(placement?.attributes ?? {}).filter(([k, v]) => carried.get(k) === v));
}

export function placementRegionAttribute(placement: JobSpec['placement'], routedRegionAttribute: string | undefined): string | undefined {
  const regions = placement?.regions ?? [];
  if (!regions.length || !routedRegionAttribute) return undefined;
  return regions.some((r) => regionMatches(routedRegionAttribute, r)) ? routedRegionAttribute : undefined;
}
