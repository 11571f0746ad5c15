// The signed HTTP client for the Render Compute (Dispersed) API: one method per endpoint we use.
// Every request is signed over the exact bytes sent: the body is serialized with canonicalJson and the
// same string is hashed into the signature.
import { z } from 'zod';
import { UpstreamHttpClient, checkUpstream, parseUpstream } from '../sdk';
import { canonicalJson, newNonce, RenderCredentials, signRenderRequest } from './render.signing';
import { RenderCreateJobBody, RenderJob, RenderJobRun, RenderPage, renderJobRunSchema, renderJobSchema, renderPageSchema } from './render.wire';

export interface RenderClientOptions extends RenderCredentials {
  baseUrl: string;
  timeoutMs: number;
  maxAttempts?: number;
  /** Milliseconds since the epoch for X-Time (the host's clock). */
  now: () => number;
  /** 32 lowercase hex characters, unique per request. */
  nonce?: () => string;
}

export const RENDER_MAX_PAGE_SIZE = 50;

export class RenderComputeClient {
  private readonly http: UpstreamHttpClient;

  constructor(private readonly options: RenderClientOptions) {
    const basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, '');
    const credentials: RenderCredentials = { publicKey: options.publicKey, secretKey: options.secretKey };
    const nonce = options.nonce ?? newNonce;
    this.http = new UpstreamHttpClient({
      network: 'render',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      maxAttempts: options.maxAttempts ?? 2,
      serializeBody: canonicalJson,
      // Called once per attempt, so a retry gets a fresh timestamp and nonce.
      sign: (req) => ({
        ...signRenderRequest(
          credentials,
          { method: req.method, pathname: basePath + req.path, query: req.query, body: req.body },
          { timestampMs: options.now(), nonce: nonce() },
        ),
      }),
    });
  }

  listOffersPage(page: number, limit: number, signal: AbortSignal): Promise<RenderPage> {
    return this.http.request({ method: 'GET', path: '/v1/compute/offers', query: { page, limit }, signal, schema: renderPageSchema });
  }

  /** Not idempotent upstream: never retried here; the adapter looks the job up by title before creating. */
  async createJob(body: RenderCreateJobBody, signal: AbortSignal): Promise<RenderJob> {
    return this.http.request({ method: 'POST', path: '/v1/jobs', body, signal, schema: renderJobSchema });
  }

  async listJobsPage(page: number, limit: number, signal: AbortSignal): Promise<{ page: RenderPage; jobs: RenderJob[] }> {
    // Newest first: the job a retried submit looks for is a recent one. Without `sort` the order is not documented.
    const body = await this.http.request({ method: 'GET', path: '/v1/jobs', query: { page, limit, sort: '-created_at' }, signal, schema: renderPageSchema });
    return { page: body, jobs: body.data.map((j) => parseUpstream(renderJobSchema, j, 'render GET /v1/jobs record')) };
  }

  getJob(uuid: string, signal: AbortSignal): Promise<RenderJob> {
    return this.http.request({ method: 'GET', path: `/v1/jobs/${encodeURIComponent(uuid)}`, signal, schema: renderJobSchema });
  }

  async listJobRuns(jobUuid: string, signal: AbortSignal): Promise<RenderJobRun[]> {
    const body = await this.http.request({
      method: 'GET',
      path: '/v1/job-runs',
      query: { 'filter[job_uuid]': jobUuid, page: 1, limit: RENDER_MAX_PAGE_SIZE },
      signal,
      schema: renderPageSchema,
    });
    return parseUpstream(z.array(renderJobRunSchema), body.data, 'render GET /v1/job-runs');
  }

  getJobRun(runUuid: string, signal: AbortSignal): Promise<RenderJobRun> {
    return this.http.request({ method: 'GET', path: `/v1/job-runs/${encodeURIComponent(runUuid)}`, signal, schema: renderJobRunSchema });
  }

  /**
   * `PUT /v1/jobs/{uuid}/cancel` with `{"reason": …}`, as the vendor's client sends it (compute_examples
   * dispersed.py `stop_job`). Safe to repeat. 404 and 409 come back, not thrown: neither says the job has
   * ended, so the caller reads the job back. `job` is the answer when it is a job record.
   */
  async cancelJob(uuid: string, reason: string, signal: AbortSignal): Promise<{ status: number; job?: RenderJob }> {
    const response = await this.http.send({
      method: 'PUT',
      path: `/v1/jobs/${encodeURIComponent(uuid)}/cancel`,
      body: { reason },
      signal,
      acceptStatus: [404, 409],
    });
    const job = response.status < 300 ? checkUpstream(renderJobSchema, response.data) : undefined;
    return { status: response.status, ...(job?.ok ? { job: job.value } : {}) };
  }
}
