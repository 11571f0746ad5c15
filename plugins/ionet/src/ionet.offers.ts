// io.net supply as offers: hardware types (max GPUs per container), the locations with replicas free, io.net's
// own quote for one GPU-hour there with its fees (the explorer's market price when no quote comes back), and
// each location's compliance and connectivity as provider attributes.
import { checkUpstream, isAdapterError, Offer, OfferListing, UpstreamHttpClient } from '@switchyard/adapter-sdk';
import { priceFromMarket, priceFromQuote } from './ionet.price';
import {
  availableReplicasResponseSchema,
  caasPriceResponseSchema,
  hardwareInfoSchema,
  hardwareSupplyResponseSchema,
  marketRowSchema,
  marketSnapshotResponseSchema,
  maxGpusResponseSchema,
} from './ionet.wire';

export const CAAS = '/enterprise/v1/io-cloud/caas';
/** Connectivity tiers, best first (create-cluster-data: 4 Ultra High Speed … 1 Low Speed). */
const TIERS = [4, 3, 2, 1];

/** `hardwareId@locationId`: what submit needs to deploy on the offer again. */
export function offerIdOf(hardwareId: number, locationId: number): string {
  return `${hardwareId}@${locationId}`;
}

export function parseOfferId(offerId: string): { hardwareId: number; locationId: number } | undefined {
  const m = /^(\d+)@(\d+)$/.exec(offerId);
  return m ? { hardwareId: Number(m[1]), locationId: Number(m[2]) } : undefined;
}

export class IonetSupply {
  constructor(
    private readonly http: UpstreamHttpClient,
    private readonly network: string,
    private readonly now: () => Date,
  ) {}

  async list(signal: AbortSignal): Promise<OfferListing> {
    const listing: OfferListing = { offers: [], quarantined: [] };
    const observedAt = this.now().toISOString();
    const hardware = await this.http.request({ method: 'GET', path: `${CAAS}/hardware/max-gpus-per-container`, signal, schema: maxGpusResponseSchema });
    const market = await this.marketPrices(signal);
    const attributes = new Map<number, Promise<Map<number, Record<string, string>>>>();
    for (const raw of hardware.data.hardware) {
      const checked = checkUpstream(hardwareInfoSchema, raw);
      if (!checked.ok) {
        listing.quarantined.push({ reason: checked.reason, raw });
        continue;
      }
      const hw = checked.value;
      if (hw.available === 0 || hw.max_gpus_per_container === 0) continue;
      const replicas = await this.http.request({
        method: 'GET',
        path: `${CAAS}/available-replicas`,
        query: { hardware_id: hw.hardware_id, hardware_qty: 1 },
        signal,
        schema: availableReplicasResponseSchema,
      });
      for (const location of replicas.data) {
        if (location.available_replicas === 0) continue;
        if (!attributes.has(location.id)) attributes.set(location.id, this.locationAttributes(location.id, signal));
        const attrs = (await attributes.get(location.id)!).get(hw.hardware_id) ?? { security_soc2: 'false' };
        const price = await this.quote(hw.hardware_id, location.id, location.name, signal).catch((err: unknown) => {
          const fallback = market.get(hw.hardware_id);
          if (fallback === undefined || !isAdapterError(err) || err.code === 'aborted') throw err;
          return fallback;
        });
        const offer: Offer = {
          network: this.network,
          offerId: offerIdOf(hw.hardware_id, location.id),
          provider: { id: `location-${location.id}`, name: location.name, region: location.iso2.toLowerCase(), country: location.iso2, attributes: attrs },
          gpu: { label: hw.hardware_name, vendor: hw.brand_name.toLowerCase(), count: Math.min(hw.max_gpus_per_container, location.available_replicas) },
          price,
          signals: { online: true },
          observedAt,
          raw: { hardware: raw, location },
        };
        listing.offers.push(offer);
      }
    }
    return listing;
  }

  private async quote(hardwareId: number, locationId: number, locationName: string, signal: AbortSignal) {
    const body = await this.http.request({
      method: 'GET',
      path: `${CAAS}/price`,
      query: { location_ids: JSON.stringify([locationId]), hardware_id: hardwareId, duration_hours: 1, gpus_per_container: 1, replica_count: 1 },
      signal,
      schema: caasPriceResponseSchema,
    });
    return priceFromQuote(body.data, 1, 1, locationName);
  }

  /** Market snapshot prices by hardware id (the public explorer); empty when the explorer is down. */
  private async marketPrices(signal: AbortSignal): Promise<Map<number, ReturnType<typeof priceFromMarket>>> {
    const prices = new Map<number, ReturnType<typeof priceFromMarket>>();
    const body = await this.http.request({ method: 'GET', path: '/v1/io-explorer/network/market-snapshot', signal, schema: marketSnapshotResponseSchema });
    for (const raw of body.data) {
      const row = checkUpstream(marketRowSchema, raw);
      if (row.ok && row.value.price > 0) prices.set(row.value.id, priceFromMarket(row.value.price));
    }
    return prices;
  }

  /**
   * Compliance and connectivity of each hardware type's supply in one location, from the cluster supply
   * filters (GET /v1/io-cloud/clusters/hardware-supply with `security_soc2` or `connectivity_tier`): CaaS
   * itself has no such parameters, so these say what the location's supply of that hardware offers.
   */
  private async locationAttributes(locationId: number, signal: AbortSignal): Promise<Map<number, Record<string, string>>> {
    const byHardware = new Map<number, Record<string, string>>();
    const entry = (id: number) => byHardware.get(id) ?? byHardware.set(id, { security_soc2: 'false' }).get(id)!;
    const supply = (query: Record<string, string | number | boolean>) =>
      this.http.request({
        method: 'GET',
        path: '/v1/io-cloud/clusters/hardware-supply',
        query: { ...query, location_ids: JSON.stringify([locationId]) },
        signal,
        schema: hardwareSupplyResponseSchema,
      });
    for (const row of (await supply({ security_soc2: true })).data) if (row.quantity_available > 0) entry(row.hardware_id).security_soc2 = 'true';
    for (const tier of TIERS) {
      for (const row of (await supply({ connectivity_tier: tier })).data) {
        const e = entry(row.hardware_id);
        if (row.quantity_available > 0 && e.connectivity_tier === undefined) e.connectivity_tier = String(tier);
      }
    }
    return byHardware;
  }
}
