// The example network's adapter: the smallest complete adapter, and the worked example in adapters/README.md.
import { z } from 'zod';
import {
  AdapterContext,
  AdapterError,
  CallOptions,
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
  checkUpstream,
} from '../sdk';

const offerSchema = z.object({
  id: z.string().min(1),
  host: z.string().min(1),
  region: z.string(),
  gpu: z.string().min(1),
  gpus: z.number().int().positive(),
  usd_per_gpu_hour: z.string().regex(/^\d+(\.\d+)?$/),
});
const offersSchema = z.object({ offers: z.array(z.unknown()) });
const jobSchema = z.object({ id: z.string(), offerId: z.string(), state: z.enum(['queued', 'running', 'done', 'cancelled']) });

const STATES: Record<z.infer<typeof jobSchema>['state'], PlacementState> = {
  queued: 'pending',
  running: 'running',
  done: 'succeeded',
  cancelled: 'cancelled',
};

export interface ExampleConfig {
  baseUrl: string;
  timeoutMs: number;
}

export class ExampleAdapter implements NetworkAdapter {
  readonly network = 'example';
  readonly capabilities = { submit: true, logs: false, ipfsInputs: false, multiService: false, ports: false };
  private readonly http: UpstreamHttpClient;

  constructor(
    config: ExampleConfig,
    private readonly context: AdapterContext,
  ) {
    this.http = new UpstreamHttpClient({ network: this.network, baseUrl: config.baseUrl, timeoutMs: config.timeoutMs, maxAttempts: 2 });
  }

  async listOffers({ signal }: CallOptions): Promise<OfferListing> {
    const body = await this.http.request({ method: 'GET', path: '/offers', signal, schema: offersSchema });
    const listing: OfferListing = { offers: [], quarantined: [] };
    const observedAt = this.context.now().toISOString();
    for (const raw of body.offers) {
      const checked = checkUpstream(offerSchema, raw);
      if (!checked.ok) {
        listing.quarantined.push({ reason: checked.reason, raw });
        continue;
      }
      listing.offers.push(this.toOffer(checked.value, raw, observedAt));
    }
    return listing;
  }

  async probe({ signal }: CallOptions): Promise<ProbeResult> {
    const started = Date.now();
    try {
      await this.http.request({ method: 'GET', path: '/offers', signal });
      return { ok: true, latencyMs: Date.now() - started };
    } catch (err) {
      return { ok: false, latencyMs: Date.now() - started, detail: (err as Error).message };
    }
  }

  async submit({ offer, idempotencyKey, signal }: SubmitRequest): Promise<Placement> {
    const job = await this.http.request({
      method: 'POST',
      path: '/jobs',
      body: { offer_id: offer.offerId },
      headers: { 'idempotency-key': idempotencyKey },
      idempotent: true,
      signal,
      schema: jobSchema,
    });
    return {
      network: this.network,
      placementId: job.id,
      providerId: offer.provider.id,
      offerId: offer.offerId,
      state: STATES[job.state],
      createdAt: this.context.now().toISOString(),
    };
  }

  async status(placement: PlacementRef, { signal }: CallOptions): Promise<PlacementStatus> {
    const job = await this.http.request({ method: 'GET', path: `/jobs/${encodeURIComponent(placement.placementId)}`, signal, schema: jobSchema });
    return { state: STATES[job.state] };
  }

  async cancel(placement: PlacementRef, { signal }: CallOptions): Promise<void> {
    try {
      await this.http.request({ method: 'POST', path: `/jobs/${encodeURIComponent(placement.placementId)}/cancel`, idempotent: true, signal });
    } catch (err) {
      if (err instanceof AdapterError && err.code === 'not_found') return;
      throw err;
    }
  }

  private toOffer(o: z.infer<typeof offerSchema>, raw: unknown, observedAt: string): Offer {
    return {
      network: this.network,
      offerId: o.id,
      provider: { id: o.host, name: o.host, region: o.region },
      gpu: { label: o.gpu, count: o.gpus },
      price: { amount: o.usd_per_gpu_hour, asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm', source: 'example /offers' },
      observedAt,
      raw,
    };
  }
}
