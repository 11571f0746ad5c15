// io.net IO Cloud, Container-as-a-Service, through its enterprise API (X-API-KEY). Supply: one offer per
// hardware type and location (GPUs a container can take there, priced by io.net's own quote for one GPU-hour
// with its fees). A job becomes one CaaS deployment of one container, named after the attempt so a resubmit
// finds it again.
import { z } from 'zod';
import {
  AdapterContext,
  AdapterError,
  CallOptions,
  checkUpstream,
  isAdapterError,
  NetworkAdapter,
  Offer,
  OfferListing,
  Placement,
  PlacementRef,
  PlacementState,
  PlacementStatus,
  ProbeResult,
  SubmitRequest,
  UpstreamHttpClient,
} from '@switchyard/adapter-sdk';
import { priceFromMarket, priceFromQuote } from './ionet-price';
import {
  availableReplicasResponseSchema,
  CaasStatus,
  containersResponseSchema,
  DeploymentDetails,
  deploymentDetailsSchema,
  deploymentsResponseSchema,
  hardwareInfoSchema,
  hardwareSupplyResponseSchema,
  marketRowSchema,
  marketSnapshotResponseSchema,
  maxGpusResponseSchema,
  successResponseSchema,
  caasPriceResponseSchema,
} from './ionet.schemas';

export const IONET_NETWORK = 'ionet';
const CAAS = '/enterprise/v1/io-cloud/caas';
/** Connectivity tiers, best first (create-cluster-data: 4 Ultra High Speed … 1 Low Speed). */
const TIERS = [4, 3, 2, 1];

export const ionetConfigSchema = z.object({
  baseUrl: z.string().url(),
  apiKey: z.string().min(1, 'is required: the io.net API key sent as X-API-KEY'),
  timeoutMs: z.coerce.number().int().positive().default(10_000),
  maxAttempts: z.coerce.number().int().min(1).max(5).default(3),
  /** Hours bought when a job names none (io.net: "a one hour minimum"). */
  defaultDurationHours: z.coerce.number().int().min(1).default(1),
  /** The port io.net health-checks when a job exposes none (`traffic_port` is required). */
  defaultTrafficPort: z.coerce.number().int().min(1).max(65535).default(8080),
});
export type IonetConfig = z.infer<typeof ionetConfigSchema>;

const STATES: Record<CaasStatus, PlacementState> = {
  'deployment requested': 'starting',
  running: 'running',
  completed: 'succeeded',
  failed: 'failed',
  'termination requested': 'cancelled',
  destroyed: 'cancelled',
};
const FINISHED = new Set<string>(['completed', 'failed', 'destroyed', 'termination requested']);

/** `hardwareId@locationId`: what submit needs to deploy on the offer again. */
export function offerIdOf(hardwareId: number, locationId: number): string {
  return `${hardwareId}@${locationId}`;
}

function parseOfferId(offerId: string): { hardwareId: number; locationId: number } {
  const m = /^(\d+)@(\d+)$/.exec(offerId);
  if (!m) throw new AdapterError('bad_request', `not an io.net offer id: ${offerId}`);
  return { hardwareId: Number(m[1]), locationId: Number(m[2]) };
}

export class IonetAdapter implements NetworkAdapter {
  readonly network = IONET_NETWORK;
  readonly capabilities = { submit: true, logs: true, ipfsInputs: false, multiService: false, ports: true };
  private readonly http: UpstreamHttpClient;

  constructor(
    private readonly config: IonetConfig,
    private readonly context: AdapterContext,
  ) {
    // The document declares HTTPBasic / OAuth2, but every example (and io.net's API-key page) sends X-API-KEY.
    this.http = new UpstreamHttpClient({
      network: this.network,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      maxAttempts: config.maxAttempts,
      headers: { 'X-API-KEY': config.apiKey },
    });
  }

  async listOffers({ signal }: CallOptions): Promise<OfferListing> {
    const listing: OfferListing = { offers: [], quarantined: [] };
    const observedAt = this.context.now().toISOString();
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

  async probe({ signal }: CallOptions): Promise<ProbeResult> {
    const started = Date.now();
    try {
      await this.http.request({ method: 'GET', path: `${CAAS}/hardware/max-gpus-per-container`, signal, schema: maxGpusResponseSchema });
      return { ok: true, latencyMs: Date.now() - started };
    } catch (err) {
      return { ok: false, latencyMs: Date.now() - started, detail: (err as Error).message };
    }
  }

  async submit({ job, offer, idempotencyKey, firstSubmit, signal }: SubmitRequest): Promise<Placement> {
    const { hardwareId, locationId } = parseOfferId(offer.offerId);
    const name = deploymentName(idempotencyKey);
    const existing = firstSubmit ? undefined : await this.findDeployment(name, signal);
    const gpus = job.resources.gpu.count;
    if (gpus > 8) throw new AdapterError('bad_request', `io.net runs at most 8 GPUs per container; the job asks for ${gpus}`);
    const deploymentId =
      existing ??
      (
        await this.http.request({
          method: 'POST',
          path: `${CAAS}/deploy`,
          signal,
          schema: successResponseSchema,
          body: {
            resource_private_name: name,
            duration_hours: Math.max(1, Math.ceil(job.durationHours ?? this.config.defaultDurationHours)),
            gpus_per_container: gpus,
            hardware_id: hardwareId,
            location_ids: [locationId],
            container_config: {
              replica_count: 1,
              traffic_port: job.ports?.[0] ?? this.config.defaultTrafficPort,
              ...(job.env && Object.keys(job.env).length ? { env_variables: job.env } : {}),
              ...(job.command?.length ? { entrypoint: job.command } : {}),
              ...(job.args?.length ? { args: job.args } : {}),
            },
            registry_config: { image_url: job.image },
          },
        })
      ).deployment_id;
    return {
      network: this.network,
      placementId: deploymentId,
      providerId: offer.provider.id,
      offerId: offer.offerId,
      state: 'starting',
      price: offer.price,
      createdAt: this.context.now().toISOString(),
    };
  }

  async status(placement: PlacementRef, { signal }: CallOptions): Promise<PlacementStatus> {
    const details = await this.details(placement.placementId, signal);
    const state = STATES[details.status as CaasStatus];
    if (!state) throw new AdapterError('bad_response', `io.net deployment ${details.id}: unknown status "${details.status}"`);
    const status: PlacementStatus = { state, message: `io.net: ${details.status} (${details.completed_percent}% of the bought time)` };
    if (details.started_at) status.startedAt = details.started_at;
    if (details.finished_at) status.finishedAt = details.finished_at;
    if (state === 'running') {
      const containers = await this.containers(placement.placementId, signal);
      const urls = containers.flatMap((c) => (c.public_url ? [c.public_url] : []));
      if (urls.length) status.endpoints = urls;
    }
    if (state === 'failed') status.error = new AdapterError('internal', `io.net deployment ${details.id} failed`).toJSON();
    return status;
  }

  async cancel(placement: PlacementRef, { signal }: CallOptions): Promise<void> {
    let details: DeploymentDetails;
    try {
      details = await this.details(placement.placementId, signal);
    } catch (err) {
      if (isAdapterError(err) && err.code === 'not_found') return;
      throw err;
    }
    if (FINISHED.has(details.status)) return;
    await this.http.request({ method: 'DELETE', path: `${CAAS}/deployment/${encodeURIComponent(placement.placementId)}`, signal, schema: successResponseSchema, acceptStatus: [404] });
  }

  async logs(placement: PlacementRef, { signal }: CallOptions): Promise<string[]> {
    const lines: string[] = [];
    for (const container of await this.containers(placement.placementId, signal)) {
      const body = await this.http.request<unknown>({
        method: 'GET',
        path: `${CAAS}/deployment/${encodeURIComponent(placement.placementId)}/log/${encodeURIComponent(container.container_id)}`,
        query: { stream: 'stdout' },
        signal,
      });
      // The document types the body as any JSON; its example (and the service) answers one string.
      const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
      lines.push(...text.split('\n').filter((l) => l !== ''));
    }
    return lines;
  }

  /** Buys more time for a running deployment (POST …/extend); returns the minutes now remaining. */
  async extend(placement: PlacementRef, hours: number, { signal }: CallOptions): Promise<number> {
    if (!Number.isInteger(hours) || hours < 1) throw new AdapterError('bad_request', 'io.net extends by whole hours (at least 1)');
    const body = await this.http.request({
      method: 'POST',
      path: `${CAAS}/deployment/${encodeURIComponent(placement.placementId)}/extend`,
      body: { duration_hours: hours },
      signal,
      schema: deploymentDetailsSchema,
    });
    return body.data.compute_minutes_remaining;
  }

  private async details(deploymentId: string, signal: AbortSignal): Promise<DeploymentDetails> {
    return (await this.http.request({ method: 'GET', path: `${CAAS}/deployment/${encodeURIComponent(deploymentId)}`, signal, schema: deploymentDetailsSchema })).data;
  }

  private async containers(deploymentId: string, signal: AbortSignal) {
    const body = await this.http.request({ method: 'GET', path: `${CAAS}/deployment/${encodeURIComponent(deploymentId)}/containers`, signal, schema: containersResponseSchema });
    return body.data.workers;
  }

  /** The deployment an earlier attempt with this name created, if any (the deployments list, newest pages first). */
  private async findDeployment(name: string, signal: AbortSignal): Promise<string | undefined> {
    const pageSize = 100;
    for (let page = 0; page < 50; page++) {
      const body = await this.http.request({ method: 'GET', path: `${CAAS}/deployments`, query: { page, page_size: pageSize }, signal, schema: deploymentsResponseSchema });
      const hit = body.data.deployments.find((d) => d.name === name);
      if (hit) return hit.id;
      if ((page + 1) * pageSize >= body.data.total || body.data.deployments.length === 0) return undefined;
    }
    return undefined;
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
      this.http.request({ method: 'GET', path: '/v1/io-cloud/clusters/hardware-supply', query: { ...query, location_ids: JSON.stringify([locationId]) }, signal, schema: hardwareSupplyResponseSchema });
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

/** `resource_private_name` "must be a unique string identifying the deployment": the attempt's key is. */
export function deploymentName(idempotencyKey: string): string {
  return `switchyard-${idempotencyKey}`;
}
