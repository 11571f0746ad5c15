// The native network's adapter: Switchyard's own nodes, reached through the coordinator's market API
// exactly as any other network is reached through its API, so the coordinator can run on its own.
import {
  AdapterContext,
  AdapterError,
  CallOptions,
  checkUpstream,
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
} from '../sdk';
import { LeaseState, logsResponseSchema, MarketOffer, MarketPlacement, marketOfferSchema, marketPlacementSchema, offersResponseSchema } from './native.wire';

export interface NativeConfig {
  /** The coordinator, e.g. the local Switchyard service or a coordinator deployed on its own. */
  baseUrl: string;
  timeoutMs: number;
  /** Sent as `Authorization: Bearer …` when the coordinator's market API requires an API key. */
  apiKey?: string;
}

const STATES: Record<LeaseState, PlacementState> = {
  queued: 'pending',
  assigned: 'pending',
  starting: 'starting',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  // The node stopped fetching, acknowledging or renewing: the job is gone with it.
  expired: 'lost',
};

export class NativeAdapter implements NetworkAdapter {
  readonly network = 'native';
  readonly capabilities = { submit: true, logs: true, ipfsInputs: false, multiService: false, ports: false };
  private readonly http: UpstreamHttpClient;

  constructor(
    config: NativeConfig,
    private readonly context: AdapterContext,
  ) {
    this.http = new UpstreamHttpClient({
      network: this.network,
      baseUrl: config.baseUrl,
      timeoutMs: config.timeoutMs,
      maxAttempts: 2,
      headers: config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : undefined,
    });
  }

  async listOffers({ signal }: CallOptions): Promise<OfferListing> {
    const body = await this.http.request({ method: 'GET', path: '/v1/native/offers', signal, schema: offersResponseSchema });
    const listing: OfferListing = { offers: [], quarantined: [] };
    for (const raw of body.offers) {
      const checked = checkUpstream(marketOfferSchema, raw);
      if (checked.ok) listing.offers.push(this.toOffer(checked.value, raw));
      else listing.quarantined.push({ reason: checked.reason, raw });
    }
    return listing;
  }

  async probe({ signal }: CallOptions): Promise<ProbeResult> {
    const started = Date.now();
    try {
      await this.http.request({ method: 'GET', path: '/v1/native/offers', signal, schema: offersResponseSchema });
      return { ok: true, latencyMs: Date.now() - started };
    } catch (err) {
      return { ok: false, latencyMs: Date.now() - started, detail: (err as Error).message };
    }
  }

  async submit({ job, offer, idempotencyKey, signal }: SubmitRequest): Promise<Placement> {
    const gpus = Math.max(1, job.resources.gpu.count);
    let placement: MarketPlacement;
    try {
      placement = await this.http.request({
        method: 'POST',
        path: '/v1/native/placements',
        headers: { 'idempotency-key': idempotencyKey },
        body: { offerId: offer.offerId, gpus, job },
        idempotent: true,
        signal,
        schema: marketPlacementSchema,
      });
    } catch (err) {
      // 409 from the coordinator means the node filled up or went away since the listing.
      if (err instanceof AdapterError && err.code === 'conflict') throw new AdapterError('no_capacity', err.message, { cause: err, status: err.status });
      throw err;
    }
    return {
      network: this.network,
      placementId: placement.placementId,
      providerId: placement.nodeId,
      offerId: placement.offerId,
      state: STATES[placement.state],
      price: { amount: placement.price.amount, asset: placement.price.asset, unit: 'hour', per: 'gpu', kind: 'firm', source: 'native node asking price' },
      createdAt: placement.createdAt,
    };
  }

  async status(placement: PlacementRef, { signal }: CallOptions): Promise<PlacementStatus> {
    const p = await this.http.request({
      method: 'GET',
      path: `/v1/native/placements/${encodeURIComponent(placement.placementId)}`,
      signal,
      schema: marketPlacementSchema,
    });
    const state = STATES[p.state];
    return {
      state,
      message: p.message ?? undefined,
      exitCode: p.exitCode ?? undefined,
      startedAt: p.startedAt ?? undefined,
      finishedAt: p.finishedAt ?? undefined,
      error:
        state === 'lost'
          ? new AdapterError('unavailable', `native node ${p.nodeId} lost the job: ${p.message ?? 'lease expired'}`, {
              scope: 'provider',
              retryable: true,
            }).toJSON()
          : state === 'failed'
            ? new AdapterError('internal', `the job failed on native node ${p.nodeId}: ${p.message ?? `exit code ${p.exitCode}`}`, {
                scope: 'offer',
                retryable: false,
              }).toJSON()
            : undefined,
    };
  }

  async cancel(placement: PlacementRef, { signal }: CallOptions): Promise<void> {
    try {
      await this.http.request({
        method: 'POST',
        path: `/v1/native/placements/${encodeURIComponent(placement.placementId)}/cancel`,
        body: {},
        idempotent: true,
        signal,
      });
    } catch (err) {
      if (err instanceof AdapterError && err.code === 'not_found') return;
      throw err;
    }
  }

  async logs(placement: PlacementRef, { signal }: CallOptions): Promise<string[]> {
    const body = await this.http.request({
      method: 'GET',
      path: `/v1/native/placements/${encodeURIComponent(placement.placementId)}/logs`,
      signal,
      schema: logsResponseSchema,
    });
    return body.lines;
  }

  private toOffer(o: MarketOffer, raw: unknown): Offer {
    return {
      network: this.network,
      offerId: o.offerId,
      provider: { id: o.nodeId, name: o.name ?? undefined },
      gpu: {
        label: o.gpu.model,
        vendor: /nvidia/i.test(o.gpu.model) ? 'nvidia' : undefined,
        vramGb: Math.round((o.gpu.vramMb / 1024) * 10) / 10,
        count: o.gpu.free,
      },
      price: { amount: o.price.amount, asset: o.price.asset, unit: 'hour', per: 'gpu', kind: 'firm', source: 'native node asking price' },
      signals: {
        online: o.signals.online,
        verified: o.signals.verified && o.signals.verificationKind === 'gpu',
        uptime: o.signals.uptime,
        verificationNote: o.signals.verificationNote ?? undefined,
      },
      observedAt: o.observedAt || this.context.now().toISOString(),
      raw,
    };
  }
}
