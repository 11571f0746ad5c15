// Providers + gpu-prices → offers: one offer per (online provider, GPU model) with GPUs available now,
// priced at the Console's market estimate for that model (USD per GPU-hour) until a bid makes it firm.
// Offline providers are left out of the offers (not quarantined: their records are valid, just not supply).
import Decimal from 'decimal.js';
import type { Offer, OfferListing } from '../sdk';
import { checkUpstream } from '../sdk';
import { estimateFromSpread } from './akash.estimate';
import { auditedBy, offerAttributes } from './akash.placement';
import { bytesToGb, normalizeGpuInterface, quantityToGb } from './akash.units';
import { AkashProvider, GpuPriceModel, GpuPricesResponse, providerSchema } from './akash.wire';

export const AKASH_NETWORK = 'akash';

export function offerIdFor(owner: string, gpu: { vendor: string; model: string; ram?: string | null; interface?: string | null }): string {
  return [owner, gpu.vendor.toLowerCase(), gpu.model.toLowerCase(), gpu.ram ?? 'any', normalizeGpuInterface(gpu.interface) ?? 'any'].join('/');
}

/** The GPU an offer id names (vendor, model, ram, interface; `any` where the Console gave none). */
export function gpuOfOfferId(offerId: string): { owner: string; vendor: string; model: string; ram?: string; interface?: 'sxm' | 'pcie' } | undefined {
  const parts = offerId.split('/');
  if (parts.length !== 5 || parts.some((p) => p === '')) return undefined;
  const [owner, vendor, model, ram, iface] = parts;
  return { owner, vendor, model, ram: ram === 'any' ? undefined : ram, interface: iface === 'any' ? undefined : normalizeGpuInterface(iface) };
}

/** The id of the same GPU offer at another provider (bids on one deployment all answer its GPU). */
export function sameGpuAt(offerId: string, provider: string): string | undefined {
  const gpu = gpuOfOfferId(offerId);
  return gpu && offerIdFor(provider, gpu);
}

/** Our own orders for a GPU (by gpuKeyOf) that are open or waiting for their turn: they will take free providers first. */
export type OrdersAhead = (gpuKey: string) => number;

/**
 * `auditors`: the Console's allowed auditors. It leases only to providers one of them audited (it lists no
 * other bids, console bid.service.ts), so other providers' GPUs are not routable through it and are left out.
 */
export function offersFromConsole(
  providers: unknown[],
  prices: GpuPricesResponse,
  observedAt: string,
  ordersAhead: OrdersAhead = () => 0,
  auditors: readonly string[] = [],
): OfferListing {
  const listing: OfferListing = { offers: [], quarantined: [] };
  const seen = new Set<string>();
  for (const raw of providers) {
    const checked = checkUpstream(providerSchema, raw);
    if (!checked.ok) {
      listing.quarantined.push({ reason: checked.reason, raw });
      continue;
    }
    const provider = checked.value;
    const available = provider.stats.gpu.available ?? 0;
    if (!provider.isOnline || available <= 0) continue;
    if (auditors.length && !auditedBy(provider, auditors)) continue;
    const models = provider.gpuModels ?? [];
    if (models.length === 0) {
      listing.quarantined.push({ reason: `provider ${provider.owner} has ${available} GPUs available but lists no gpuModels`, raw });
      continue;
    }
    for (const gpu of models) {
      const offerId = offerIdFor(provider.owner, gpu);
      if (seen.has(offerId)) continue;
      seen.add(offerId);
      const market = marketPrice(
        prices,
        gpu,
        ordersAhead(gpuKeyOf({ vendor: gpu.vendor, label: gpu.model, vramGb: quantityToGb(gpu.ram), interface: gpu.interface })),
      );
      if (!market) {
        listing.quarantined.push({
          reason: `no gpu-prices market price for ${gpu.vendor} ${gpu.model} ${gpu.ram ?? ''} (provider ${provider.owner})`.trim(),
          raw,
        });
        continue;
      }
      listing.offers.push(toOffer(provider, gpu, available, market, offerId, observedAt, raw));
    }
  }
  return listing;
}

interface MarketPrice {
  usdPerGpuHour: string;
  /** Where the estimate comes from, for the offer's price source. */
  source: string;
}

/**
 * The model's estimate from recent bids (see akash.estimate): an exact (model, ram, interface) match first,
 * then the model alone.
 */
export function marketPrice(
  prices: GpuPricesResponse,
  gpu: { vendor: string; model: string; ram?: string | null; interface?: string | null },
  ordersAhead = 0,
): MarketPrice | undefined {
  const same = (m: GpuPriceModel) => m.vendor.toLowerCase() === gpu.vendor.toLowerCase() && m.model.toLowerCase() === gpu.model.toLowerCase();
  const priced = prices.models.filter((m) => same(m) && m.price !== null && positive(m.price.med));
  const exact = priced.find((m) => (m.ram ?? null) === (gpu.ram ?? null) && normalizeGpuInterface(m.interface) === normalizeGpuInterface(gpu.interface));
  const chosen = exact ?? priced.sort((a, b) => b.availability.total - a.availability.total)[0];
  if (!chosen) return undefined;
  const label = [chosen.vendor, chosen.model, chosen.ram, normalizeGpuInterface(chosen.interface)].filter(Boolean).join(' ');
  const listed = chosen.providerAvailability?.available;
  // Our orders ahead take the cheapest free providers first; at least one provider is left to bid.
  const free = listed === undefined ? undefined : Math.max(1, listed - ordersAhead);
  const { usdPerGpuHour, quantile } = estimateFromSpread(chosen.price!, free);
  const which = quantile === 0.5 ? 'median' : `percentile ${Math.round(quantile * 100)}`;
  const why = listed === undefined ? '' : `, ${listed} provider(s) with one free${ordersAhead ? ` and ${ordersAhead} of our orders ahead` : ''}`;
  return {
    usdPerGpuHour: usdPerGpuHour.toDecimalPlaces(6).toFixed(),
    source: `console gpu-prices: ${which} of recent bids for ${label}${exact ? '' : ' (closest model match)'}${why}; a market estimate until this provider bids`,
  };
}

const positive = (v: number): boolean => Number.isFinite(v) && v > 0;

/** A GPU as an order asks for it (vendor, model, memory, interface), the key of our open orders per GPU. */
export function gpuKeyOf(gpu: { vendor?: string; label: string; vramGb?: number; interface?: string | null }): string {
  return [(gpu.vendor ?? 'nvidia').toLowerCase(), gpu.label.toLowerCase(), gpu.vramGb ?? 'any', normalizeGpuInterface(gpu.interface) ?? 'any'].join('/');
}

function toOffer(
  provider: AkashProvider,
  gpu: NonNullable<AkashProvider['gpuModels']>[number],
  available: number,
  market: MarketPrice,
  offerId: string,
  observedAt: string,
  raw: unknown,
): Offer {
  const attributes = offerAttributes(provider);
  const stats = provider.stats;
  const uptime = provider.uptime7d ?? provider.uptime1d ?? provider.uptime30d ?? undefined;
  return {
    network: AKASH_NETWORK,
    offerId,
    provider: {
      id: provider.owner,
      name: provider.name ?? provider.hostUri ?? undefined,
      region: attributes.region ?? provider.locationRegion ?? provider.ipRegion ?? undefined,
      country: provider.country ?? provider.ipCountryCode ?? undefined,
      attributes,
    },
    gpu: {
      label: gpu.model.toLowerCase(),
      vendor: gpu.vendor.toLowerCase(),
      vramGb: quantityToGb(gpu.ram),
      interface: normalizeGpuInterface(gpu.interface),
      // stats.gpu.available is per provider, not per model: with several models it is an upper bound.
      count: available,
    },
    cpu: stats.cpu?.available !== undefined ? Math.floor(stats.cpu.available / 1000) : undefined,
    memoryGb: stats.memory?.available !== undefined ? bytesToGb(new Decimal(stats.memory.available)) : undefined,
    diskGb: stats.storage?.ephemeral?.available !== undefined ? bytesToGb(new Decimal(stats.storage.ephemeral.available)) : undefined,
    price: {
      amount: market.usdPerGpuHour,
      asset: 'USD',
      unit: 'hour',
      per: 'gpu',
      kind: 'estimate',
      source: market.source,
    },
    signals: { online: true, uptime: uptime === null ? undefined : uptime, audited: provider.isAudited ?? undefined },
    observedAt,
    raw,
  };
}
