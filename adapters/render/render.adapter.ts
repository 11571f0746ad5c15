// The Render adapter: Render Compute Network supply through the Dispersed REST API (HMAC-signed).
// 3D rendering (OctaneBench-hours) has no public job API; it is priced by src/pricing/render-estimate.
import {
  AdapterContext,
  AdapterError,
  CallOptions,
  NetworkAdapter,
  OfferListing,
  Placement,
  PlacementRef,
  PlacementStatus,
  ProbeResult,
  SubmitRequest,
  isAdapterError,
} from '../sdk';
import { RENDER_MAX_PAGE_SIZE, RenderComputeClient } from './render.client';
import { buildCreateJobBody, confirmsEnd, latestRun, placementStatus, titleMatchesKey } from './render.jobs';
import { toRenderOffer } from './render.offers';
import { RenderJob } from './render.wire';

export const RENDER_DEFAULT_BASE_URL = 'https://api.dispersed.com';

export interface RenderConfig {
  baseUrl: string;
  publicKey: string;
  secretKey: string;
  timeoutMs: number;
  /** Records per page on list calls, at most 50 (the API's limit). */
  pageSize: number;
  /** How many pages of GET /v1/jobs a submit scans for a job created earlier with the same key. */
  idempotencyScanPages: number;
}

export interface RenderAdapterDeps {
  /** Replaces the random nonce (tests use it to replay one). */
  nonce?: () => string;
  /** Attempts for idempotent requests (default 2). */
  maxAttempts?: number;
}

/** Sent as the cancel's `reason`; the network shows it on the job. */
export const RENDER_CANCEL_REASON = 'Cancelled by Switchyard';

/** Stops runaway paging if an upstream keeps reporting a larger total. */
const MAX_OFFER_PAGES = 200;

export class RenderAdapter implements NetworkAdapter {
  readonly network = 'render';
  readonly capabilities = { submit: true, logs: true, ipfsInputs: false, multiService: false, ports: true };
  private readonly client: RenderComputeClient;
  private readonly pageSize: number;
  /** Same-process fast path and guard against two concurrent submits with one key. */
  private readonly submits = new Map<string, Promise<Placement>>();
  /** Undocumented status words already warned about (once each per process). */
  private readonly warnedStatuses = new Set<string>();

  constructor(
    private readonly config: RenderConfig,
    private readonly context: AdapterContext,
    deps: RenderAdapterDeps = {},
  ) {
    this.pageSize = Math.min(Math.max(1, config.pageSize), RENDER_MAX_PAGE_SIZE);
    this.client = new RenderComputeClient({
      baseUrl: config.baseUrl,
      publicKey: config.publicKey,
      secretKey: config.secretKey,
      timeoutMs: config.timeoutMs,
      maxAttempts: deps.maxAttempts,
      now: () => context.now().getTime(),
      nonce: deps.nonce,
    });
  }

  async listOffers({ signal }: CallOptions): Promise<OfferListing> {
    const listing: OfferListing = { offers: [], quarantined: [] };
    const seen = new Set<string>();
    const fallbackObservedAt = this.context.now().toISOString();
    for (let page = 1; page <= MAX_OFFER_PAGES; page++) {
      const body = await this.client.listOffersPage(page, this.pageSize, signal);
      for (const raw of body.data) {
        const checked = toRenderOffer(raw, fallbackObservedAt);
        if (!checked.ok) listing.quarantined.push({ reason: checked.reason, raw });
        else if (seen.has(checked.offer.offerId)) listing.quarantined.push({ reason: `duplicate offer_id ${checked.offer.offerId} across pages`, raw });
        else {
          seen.add(checked.offer.offerId);
          listing.offers.push(checked.offer);
        }
      }
      if (body.data.length === 0 || body.data.length < body.limit || page * body.limit >= body.total) break;
    }
    return listing;
  }

  async probe({ signal }: CallOptions): Promise<ProbeResult> {
    const started = Date.now();
    try {
      await this.client.listOffersPage(1, 1, signal);
      return { ok: true, latencyMs: Date.now() - started };
    } catch (err) {
      return { ok: false, latencyMs: Date.now() - started, detail: (err as Error).message };
    }
  }

  submit(request: SubmitRequest): Promise<Placement> {
    const key = request.idempotencyKey;
    const existing = this.submits.get(key);
    if (existing) return existing;
    const attempt = this.submitOnce(request);
    this.submits.set(key, attempt);
    // Forget failures so a later retry asks the network again.
    attempt.catch(() => this.submits.delete(key));
    return attempt;
  }

  private async submitOnce({ job, offer, idempotencyKey, firstSubmit, signal }: SubmitRequest): Promise<Placement> {
    const body = buildCreateJobBody(job, offer, idempotencyKey);
    if (job.command?.length || job.args?.length) {
      this.context.logger.warn('render: the Dispersed docker job has no command field; the image entrypoint runs', { offerId: offer.offerId });
    }
    // POST /v1/jobs takes no idempotency key, so the key rides in the title and we look for it first, unless the
    // host says the key is new (its first submit): then it cannot be there, and the look is a scan of pages of jobs.
    const found = firstSubmit ? undefined : await this.findJobByKey(idempotencyKey, signal);
    const created = found ?? (await this.client.createJob(body, signal));
    return {
      network: this.network,
      placementId: created.uuid,
      providerId: offer.provider.id,
      offerId: offer.offerId,
      state: 'pending',
      price: offer.price,
      createdAt:
        created.created_at && !Number.isNaN(Date.parse(created.created_at)) ? new Date(created.created_at).toISOString() : this.context.now().toISOString(),
      ref: { jobUuid: created.uuid, title: body.title },
    };
  }

  private async findJobByKey(key: string, signal: AbortSignal): Promise<RenderJob | undefined> {
    for (let page = 1; page <= this.config.idempotencyScanPages; page++) {
      const { page: meta, jobs } = await this.client.listJobsPage(page, this.pageSize, signal);
      const match = jobs.find((j) => titleMatchesKey(j.title, key));
      if (match) return match;
      if (jobs.length === 0 || jobs.length < meta.limit || page * meta.limit >= meta.total) return undefined;
    }
    return undefined;
  }

  async status(placement: PlacementRef, { signal }: CallOptions): Promise<PlacementStatus> {
    let job: RenderJob;
    try {
      job = await this.client.getJob(placement.placementId, signal);
    } catch (err) {
      // A job we created that the network no longer knows is lost; one we never had is not_found.
      if (isAdapterError(err) && err.code === 'not_found' && placement.ref?.jobUuid === placement.placementId) {
        return {
          state: 'lost',
          message: 'the network no longer knows this job',
          error: new AdapterError('not_found', err.message, { retryable: true, scope: 'provider' }).toJSON(),
        };
      }
      throw err;
    }
    const runs = await this.client.listJobRuns(job.uuid, signal);
    const status = placementStatus(job, latestRun(runs));
    if (status.notice && !this.warnedStatuses.has(job.status)) {
      this.warnedStatuses.add(job.status);
      this.context.logger.warn(status.notice.message, { status: job.status, jobUuid: job.uuid });
    }
    return status;
  }

  /**
   * Ends only on the network's word: the cancel's answer, or the job read back, must show it stopping or
   * ended. Any other outcome throws, so the host tries again: a PERSISTENT job is billed by the hour.
   */
  async cancel(placement: PlacementRef, { signal }: CallOptions): Promise<void> {
    const answer = await this.client.cancelJob(placement.placementId, RENDER_CANCEL_REASON, signal);
    if (answer.job && confirmsEnd(answer.job.status)) return;
    const job = await this.client.getJob(placement.placementId, signal);
    if (confirmsEnd(job.status)) return;
    throw new AdapterError(
      'unavailable',
      `render: cancel of job ${job.uuid} not confirmed: PUT /v1/jobs/{uuid}/cancel answered ${answer.status} and the job is ${job.status}`,
      {
        retryable: true,
        scope: 'provider',
      },
    );
  }

  async logs(placement: PlacementRef, { signal }: CallOptions): Promise<string[]> {
    const run = latestRun(await this.client.listJobRuns(placement.placementId, signal));
    if (!run) return [];
    const detail = await this.client.getJobRun(run.uuid, signal);
    const logs = detail.logs ?? [];
    return typeof logs === 'string' ? logs.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1) : logs;
  }
}
