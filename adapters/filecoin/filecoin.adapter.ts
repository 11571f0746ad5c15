// The Filecoin adapter: GPU supply is Bacalhau compute nodes run by storage providers; each node's
// claimed miner id is checked on chain through Lotus; jobs run as Bacalhau batch jobs pinned to the node.
import {
  AdapterContext,
  CallOptions,
  NetworkAdapter,
  OfferListing,
  Placement,
  PlacementRef,
  PlacementStatus,
  ProbeResult,
  SubmitRequest,
  classifyError,
} from '../sdk';
import { BacalhauClient } from './bacalhau.client';
import type { BacalhauJob } from './bacalhau.wire';
import type { FilecoinConfig } from './filecoin.config';
import { epochAt } from './filecoin.units';
import { idempotencySelector, placementState, toBacalhauJob, toPlacementStatus } from './filecoin.jobs';
import { LotusClient } from './lotus.client';
import { MinerVerifier } from './filecoin.miner-verifier';
import { NETWORK, claimedMinerId, nodeToOffers, selectGpuComputeNodes } from './filecoin.offers';

/** Job states in which there is nothing left to stop. */
const ENDED_JOB_STATES = new Set(['Completed', 'Failed', 'Stopped']);

/** A head older than this many epochs (10 min) means the Lotus node is not following the chain. */
const MAX_HEAD_LAG_EPOCHS = 20;

export class FilecoinAdapter implements NetworkAdapter {
  readonly network = NETWORK;
  readonly capabilities = { submit: true, logs: true, ipfsInputs: true, multiService: false, ports: false };
  private readonly bacalhau: BacalhauClient;
  private readonly lotus: LotusClient;
  private readonly verifier: MinerVerifier;

  constructor(
    private readonly config: FilecoinConfig,
    private readonly context: AdapterContext,
  ) {
    const transport = { timeoutMs: config.timeoutMs, maxAttempts: config.maxAttempts };
    this.bacalhau = new BacalhauClient({ baseUrl: config.bacalhauUrl, token: config.bacalhauToken, ...transport });
    this.lotus = new LotusClient({ url: config.lotusUrl, token: config.lotusToken, ...transport });
    this.verifier = new MinerVerifier(this.lotus, config.verificationTtlMs, () => context.now());
  }

  async listOffers({ signal }: CallOptions): Promise<OfferListing> {
    const records = await this.bacalhau.listNodes(signal);
    const observedAt = this.context.now().toISOString();
    const selected = selectGpuComputeNodes(records);
    const minerIds = selected.nodes.flatMap(({ node }) => claimedMinerId(node) ?? []);
    const verifications = await this.verifier.verify(minerIds, signal);
    const listing: OfferListing = { offers: [], quarantined: [...selected.quarantined] };
    for (const { node, raw } of selected.nodes) {
      const mapped = nodeToOffers(node, raw, { verifications, fallbackPrices: this.config.fallbackPrices, observedAt });
      listing.offers.push(...mapped.offers);
      listing.quarantined.push(...mapped.quarantined);
    }
    return listing;
  }

  /** Ok when Bacalhau answers; the chain's liveness is reported in `detail` (it only affects verification). */
  async probe({ signal }: CallOptions): Promise<ProbeResult> {
    const started = Date.now();
    try {
      await this.bacalhau.alive(signal);
    } catch (err) {
      return { ok: false, latencyMs: Date.now() - started, detail: `bacalhau: ${classifyError(err).message}` };
    }
    const latencyMs = Date.now() - started;
    return { ok: true, latencyMs, detail: await this.chainDetail(signal) };
  }

  private async chainDetail(signal: AbortSignal): Promise<string> {
    try {
      const head = await this.lotus.chainHead(signal);
      const lag = epochAt(this.context.now().getTime()) - head.Height;
      const where = `lotus head at epoch ${head.Height}`;
      return lag > MAX_HEAD_LAG_EPOCHS ? `${where}, ${lag} epochs behind: chain stalled, miner verification may be stale` : where;
    } catch (err) {
      return `lotus unreachable (${classifyError(err).message}): miner verification uses cached answers`;
    }
  }

  async submit({ job, offer, idempotencyKey, firstSubmit, signal }: SubmitRequest): Promise<Placement> {
    // A key the host has never sent before (its first submit) cannot have a job yet: no lookup.
    const existing = firstSubmit ? undefined : await this.findByKey(idempotencyKey, signal);
    const placement = (id: string, state: Placement['state']): Placement => ({
      network: this.network,
      placementId: id,
      providerId: offer.provider.id,
      offerId: offer.offerId,
      state,
      ref: { namespace: this.config.bacalhauNamespace },
      createdAt: this.context.now().toISOString(),
    });
    if (existing) return placement(existing.ID, placementState(existing.State.StateType));
    const jobId = await this.bacalhau.putJob(toBacalhauJob(job, offer, idempotencyKey, this.config.bacalhauNamespace), signal);
    return placement(jobId, 'pending');
  }

  /** The newest job labelled with this key, so a retried submit finds the first one instead of creating another. */
  private async findByKey(key: string, signal: AbortSignal): Promise<BacalhauJob | undefined> {
    const jobs = await this.bacalhau.findJobsByLabel(idempotencySelector(key), this.config.bacalhauNamespace, signal);
    return jobs.sort((a, b) => (b.CreateTime ?? 0) - (a.CreateTime ?? 0))[0];
  }

  async status(placement: PlacementRef, { signal }: CallOptions): Promise<PlacementStatus> {
    return toPlacementStatus(await this.bacalhau.getJob(placement.placementId, signal));
  }

  /**
   * Looks first: a job that ended is left as it is (the orchestrator answers 500 for stopping a completed job,
   * and would rewrite a failed one to Stopped, losing why it failed). A job that completes between the look and
   * the stop is recognised by that 500. A job the orchestrator does not know is gone already.
   */
  async cancel(placement: PlacementRef, { signal }: CallOptions): Promise<void> {
    try {
      const { Job: job } = await this.bacalhau.getJob(placement.placementId, signal);
      if (ENDED_JOB_STATES.has(job.State.StateType)) return;
      await this.bacalhau.stopJob(placement.placementId, 'cancelled by switchyard', signal);
    } catch (err) {
      const e = classifyError(err);
      if (e.code === 'not_found') return;
      throw e;
    }
  }

  async logs(placement: PlacementRef, { signal }: CallOptions): Promise<string[]> {
    return this.bacalhau.logs(placement.placementId, signal);
  }
}
