// The Console API over HTTP: discovery without auth, the managed-wallet flow with `x-api-key` (never
// together with a Bearer token: the API answers 400 to both). Every payload is checked with its schema.
import { AdapterError, UpstreamHttpClient, isAdapterError } from '../sdk';
import {
  AkashBid,
  AkashDeployment,
  CreateLeaseBody,
  GpuPricesResponse,
  bidsResponseSchema,
  closeDeploymentResponseSchema,
  createDeploymentResponseSchema,
  deploymentListResponseSchema,
  deploymentResponseSchema,
  gpuModelsResponseSchema,
  gpuPricesResponseSchema,
  providersResponseSchema,
} from './akash.wire';

export interface AkashClientOptions {
  baseUrl: string;
  apiKey?: string;
  timeoutMs: number;
  maxAttempts?: number;
}

export interface CreatedDeployment {
  dseq: string;
  manifest: string;
}

const PAGE = 1000;

export class AkashConsoleClient {
  private readonly http: UpstreamHttpClient;

  constructor(private readonly options: AkashClientOptions) {
    this.http = new UpstreamHttpClient({
      network: 'akash',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      maxAttempts: options.maxAttempts ?? 2,
    });
  }

  providers(signal: AbortSignal): Promise<unknown[]> {
    return this.http.request({ method: 'GET', path: '/v1/providers', query: { scope: 'all' }, signal, schema: providersResponseSchema });
  }

  gpuPrices(signal: AbortSignal): Promise<GpuPricesResponse> {
    return this.http.request({ method: 'GET', path: '/v1/gpu-prices', signal, schema: gpuPricesResponseSchema });
  }

  async gpuModels(signal: AbortSignal): Promise<void> {
    await this.http.request({ method: 'GET', path: '/v1/gpu-models', signal, schema: gpuModelsResponseSchema });
  }

  /** Not retried: a second POST would be a second deployment (idempotency is the adapter's job). */
  async createDeployment(sdl: string, depositUsd: number | undefined, signal: AbortSignal): Promise<CreatedDeployment> {
    const body = await paymentAware(
      this.http.request({
        method: 'POST',
        path: '/v1/deployments',
        body: { data: depositUsd === undefined ? { sdl } : { sdl, deposit: depositUsd } },
        headers: this.auth(),
        signal,
        schema: createDeploymentResponseSchema,
      }),
    );
    return { dseq: body.data.dseq, manifest: body.data.manifest };
  }

  async bids(dseq: string, signal: AbortSignal): Promise<AkashBid[]> {
    const body = await this.http.request({ method: 'GET', path: '/v1/bids', query: { dseq }, headers: this.auth(), signal, schema: bidsResponseSchema });
    return body.data;
  }

  /** Creates the lease for the chosen bid and sends the manifest to the provider (body without `data`). */
  async createLease(lease: CreateLeaseBody, signal: AbortSignal): Promise<AkashDeployment> {
    const body = await paymentAware(
      this.http.request({
        method: 'POST',
        path: '/v1/leases',
        body: lease,
        headers: this.auth(),
        signal,
        schema: deploymentResponseSchema,
      }),
    );
    return body.data;
  }

  async deployment(dseq: string, signal: AbortSignal): Promise<AkashDeployment> {
    const body = await this.http.request({
      method: 'GET',
      path: `/v1/deployments/${encodeURIComponent(dseq)}`,
      headers: this.auth(),
      signal,
      schema: deploymentResponseSchema,
    });
    return body.data;
  }

  /** Every deployment of this wallet, page by page. */
  async *deployments(signal: AbortSignal): AsyncGenerator<AkashDeployment> {
    for (let skip = 0; ; skip += PAGE) {
      const body = await this.http.request({
        method: 'GET',
        path: '/v1/deployments',
        query: { skip, limit: PAGE },
        headers: this.auth(),
        signal,
        schema: deploymentListResponseSchema,
      });
      yield* body.data.deployments;
      if (!body.data.pagination.hasMore || body.data.deployments.length === 0) return;
    }
  }

  /** Closes a deployment; false when it was already gone or closed. */
  async closeDeployment(dseq: string, signal: AbortSignal): Promise<boolean> {
    const res = await this.http.send({
      method: 'DELETE',
      path: `/v1/deployments/${encodeURIComponent(dseq)}`,
      headers: this.auth(),
      signal,
      acceptStatus: [404, 409],
    });
    if (res.status === 404 || res.status === 409) return false;
    const parsed = closeDeploymentResponseSchema.safeParse(res.data);
    if (!parsed.success) throw new AdapterError('bad_response', `akash DELETE /v1/deployments/${dseq}: unexpected payload`);
    return parsed.data.data.success;
  }

  private auth(): Record<string, string> {
    if (!this.options.apiKey) {
      throw new AdapterError('unauthorized', 'akash: AKASH_API_KEY is not set; the managed-wallet API needs an API key');
    }
    return { 'x-api-key': this.options.apiKey };
  }
}

/**
 * HTTP 402 is the Console saying the managed wallet cannot cover the transaction fee or the deposit
 * (console @ d84c9e93: apps/api/src/billing/services/managed-signer/managed-signer.service.ts). That is the
 * account's state, not the job's fault: the account scope is blocked and the job may go elsewhere.
 */
async function paymentAware<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (isAdapterError(err) && err.status === 402) {
      throw new AdapterError('forbidden', `akash: the Console's managed wallet cannot pay (HTTP 402: ${err.message}); top up the wallet in the Console`, {
        retryable: true,
        scope: 'account',
        status: 402,
        cause: err,
      });
    }
    throw err;
  }
}
