// io.net IO Cloud, Container-as-a-Service, through its enterprise API (X-API-KEY). Supply: one offer per
// hardware type and location (GPUs a container can take there, priced by io.net's own quote for one GPU-hour
// with its fees). A job becomes one CaaS deployment of one container, named after the attempt so a resubmit
// finds it again.
import { z } from 'zod';
import {
  AdapterContext,
  AdapterError,
  CallOptions,
  isAdapterError,
  NetworkAdapter,
  OfferListing,
  Placement,
  PlacementRef,
  PlacementState,
  PlacementStatus,
  ProbeResult,
  SubmitRequest,
  UpstreamHttpClient,
} from '@switchyard/adapter-sdk';
import { CAAS, IonetSupply, parseOfferId } from './ionet.offers';
import {
  CaasStatus,
  containersResponseSchema,
  DeploymentDetails,
  deploymentDetailsSchema,
  deploymentsResponseSchema,
  maxGpusResponseSchema,
  successResponseSchema,
} from './ionet.wire';

export { offerIdOf } from './ionet.offers';
export const IONET_NETWORK = 'ionet';
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

export class IonetAdapter implements NetworkAdapter {
  readonly network = IONET_NETWORK;
  readonly capabilities = { submit: true, logs: true, ipfsInputs: false, multiService: false, ports: true };
  private readonly http: UpstreamHttpClient;
  private readonly supply: IonetSupply;

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
    this.supply = new IonetSupply(this.http, this.network, () => context.now());
  }

  listOffers({ signal }: CallOptions): Promise<OfferListing> {
    return this.supply.list(signal);
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
    const ids = parseOfferId(offer.offerId);
    if (!ids) throw new AdapterError('bad_request', `not an io.net offer id: ${offer.offerId}`);
    const { hardwareId, locationId } = ids;
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
    await this.http.request({
      method: 'DELETE',
      path: `${CAAS}/deployment/${encodeURIComponent(placement.placementId)}`,
      signal,
      schema: successResponseSchema,
      acceptStatus: [404],
    });
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
    return (await this.http.request({ method: 'GET', path: `${CAAS}/deployment/${encodeURIComponent(deploymentId)}`, signal, schema: deploymentDetailsSchema }))
      .data;
  }

  private async containers(deploymentId: string, signal: AbortSignal) {
    const body = await this.http.request({
      method: 'GET',
      path: `${CAAS}/deployment/${encodeURIComponent(deploymentId)}/containers`,
      signal,
      schema: containersResponseSchema,
    });
    return body.data.workers;
  }

  /** The deployment an earlier attempt with this name created, if any (the deployments list, newest pages first). */
  private async findDeployment(name: string, signal: AbortSignal): Promise<string | undefined> {
    const pageSize = 100;
    for (let page = 0; page < 50; page++) {
      const body = await this.http.request({
        method: 'GET',
        path: `${CAAS}/deployments`,
        query: { page, page_size: pageSize },
        signal,
        schema: deploymentsResponseSchema,
      });
      const hit = body.data.deployments.find((d) => d.name === name);
      if (hit) return hit.id;
      if ((page + 1) * pageSize >= body.data.total || body.data.deployments.length === 0) return undefined;
    }
    return undefined;
  }
}

/** `resource_private_name` "must be a unique string identifying the deployment": the attempt's key is. */
export function deploymentName(idempotencyKey: string): string {
  return `switchyard-${idempotencyKey}`;
}
