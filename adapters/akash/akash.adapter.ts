// The Akash adapter: offers from the Console's provider and gpu-prices endpoints; jobs through the
// managed-wallet flow (deployment → bids → lease) with an API key.
import Decimal from 'decimal.js';
import {
  AdapterContext,
  AdapterError,
  CallOptions,
  NetworkAdapter,
  NativePrice,
  Offer,
  OfferGpu,
  OfferListing,
  Placement,
  PlacementRef,
  PlacementStatus,
  ProbeResult,
  SubmitRequest,
  isAdapterError,
} from '../sdk';
import { BidCriteria, biddingSettled, selectBid } from './akash.bids';
import { AkashConsoleClient } from './akash.client';
import { AKASH_NETWORK, gpuKeyOf, gpuOfOfferId, offerIdFor, offersFromConsole, sameGpuAt } from './akash.offers';
import { placementStatusOf } from './akash.status';
import { BidderFacts, CONSOLE_AUDITORS, bidderFacts, placementAttributes, placementRefusal, placementRegionAttribute } from './akash.placement';
import { gbToQuantity, normalizeDecCoinAmount, pricingCapPerBlock, quantityToGb } from './akash.units';
import type { AkashBid, AkashDeployment } from './akash.wire';
import { SdlManifestError, consoleManifest } from './sdl/console-manifest';
import { generateSdl } from './sdl/generate-sdl';
import { OpenOrders } from './akash.open-orders';

/** Tries to close a deployment left without a lease, and the pause before the next try (× the try). */
const CLOSE_TRIES = 3;
const CLOSE_RETRY_MS = 500;

/** The Console's DEPLOYMENT_DEFAULT_DEPOSIT (console apps/api/src/deployment/config/env.config.ts), sent unless configured. */
export const DEFAULT_DEPOSIT_USD = '0.5';

/** See AkashConfig.openOrdersPerGpu. */
export const DEFAULT_OPEN_ORDERS_PER_GPU = 1;

export interface AkashConfig {
  /** Console API, e.g. https://console-api.akash.network. */
  baseUrl: string;
  /** Console API key (managed wallet); needed to submit, not to list offers. */
  apiKey?: string;
  /** How long to collect bids before choosing (real bids take 30–60 s). */
  bidWaitMs: number;
  bidPollMs: number;
  timeoutMs: number;
  maxAttempts?: number;
  /** The Console's grant denom: it rewrites every SDL price to it, so only `uact` (mainnet) is honoured. */
  defaultDenom: 'uact';
  /** Deposit sent with a new deployment, in USD (the Console's `deposit`; required unless its managed deposit is on). */
  depositUsd?: string;
  /** Auditors one of whom must have audited a provider for the Console to lease to it (MANAGED_WALLET_LEASE_ALLOWED_AUDITORS). */
  auditors?: string[];
  /** Cap used when neither the request nor the job has one: the offer's estimate × this factor. */
  defaultCapFactor?: string;
  /** Our deployments open for bids at once per GPU (model, memory, interface); more wait their turn (see akash.open-orders.ts). */
  openOrdersPerGpu?: number;
}

interface SubmitPlan {
  sdl: string;
  /** The deployment's on-chain hash as the Console will make it (see sdl/console-manifest.ts). */
  fingerprint: string;
  /** The manifest the Console derives from the SDL (and answers at creation); the lease carries it to the provider. */
  manifest: string;
  capPerBlock: string;
  /** The offer's quoted price for this deployment per block, when the offer was quoted in USD per GPU-hour. */
  quotePerBlock?: string;
  denom: 'uact';
}

export class AkashAdapter implements NetworkAdapter {
  readonly network = AKASH_NETWORK;
  readonly capabilities = { submit: true, logs: false, ipfsInputs: false, multiService: true, ports: true };
  private readonly client: AkashConsoleClient;
  /** Submits in flight per idempotency key, so concurrent retries share one deployment. */
  private readonly inflight = new Map<string, Promise<Placement>>();
  private readonly openOrders: OpenOrders;

  constructor(
    private readonly config: AkashConfig,
    private readonly context: AdapterContext,
  ) {
    this.client = new AkashConsoleClient({ baseUrl: config.baseUrl, apiKey: config.apiKey, timeoutMs: config.timeoutMs, maxAttempts: config.maxAttempts });
    this.openOrders = new OpenOrders(config.openOrdersPerGpu ?? DEFAULT_OPEN_ORDERS_PER_GPU);
  }

  async listOffers({ signal }: CallOptions): Promise<OfferListing> {
    const [providers, prices] = await Promise.all([this.client.providers(signal), this.client.gpuPrices(signal)]);
    return offersFromConsole(
      providers,
      prices,
      this.context.now().toISOString(),
      (gpu) => {
        const { open, waiting } = this.openOrders.load(gpu);
        return open + waiting;
      },
      this.auditors,
    );
  }

  async probe({ signal }: CallOptions): Promise<ProbeResult> {
    const started = performance.now();
    try {
      await this.client.gpuModels(signal);
      return { ok: true, latencyMs: Math.round(performance.now() - started) };
    } catch (err) {
      return { ok: false, latencyMs: Math.round(performance.now() - started), detail: (err as Error).message };
    }
  }

  submit(request: SubmitRequest): Promise<Placement> {
    const running = this.inflight.get(request.idempotencyKey);
    if (running) return running;
    const attempt = this.submitOnce(request).finally(() => this.inflight.delete(request.idempotencyKey));
    this.inflight.set(request.idempotencyKey, attempt);
    return attempt;
  }

  async status(placement: PlacementRef, { signal }: CallOptions): Promise<PlacementStatus> {
    const deployment = await this.client.deployment(placement.placementId, signal);
    const provider = typeof placement.ref?.provider === 'string' ? placement.ref.provider : undefined;
    return placementStatusOf(deployment, provider);
  }

  async cancel(placement: PlacementRef, { signal }: CallOptions): Promise<void> {
    await this.client.closeDeployment(placement.placementId, signal);
  }

  private async submitOnce(request: SubmitRequest): Promise<Placement> {
    const { offer, signal } = request;
    if (offer.network !== this.network) throw new AdapterError('bad_request', `akash cannot run an offer of network ${offer.network}`);
    const plan = await this.plan(request);
    // Finding an earlier deployment lists every deployment of the wallet; a first submit cannot have one.
    const existing = request.firstSubmit ? undefined : await this.findDeployment(plan.fingerprint, signal);
    if (existing) return this.resume(existing, request, plan);

    // Our own orders for the same GPU would take each other's bids: wait for a turn before opening one.
    const gpu = gpuKey(offer);
    const release = await this.openOrders.acquire(gpu, signal, request.onWaiting);
    try {
      const created = await this.client.createDeployment(plan.sdl, Number(this.config.depositUsd ?? DEFAULT_DEPOSIT_USD), signal);
      this.context.logger.info('akash deployment created', { dseq: created.dseq, offerId: offer.offerId });
      return await this.leaseBestBid(created.dseq, request, { ...plan, manifest: created.manifest });
    } finally {
      release();
    }
  }

  /** The SDL, its hash and the cap; deterministic for the same request, which idempotency relies on. */
  private async plan({ job, offer, idempotencyKey, maxUsdPerGpuHour }: SubmitRequest): Promise<SubmitPlan> {
    const denom = this.config.defaultDenom;
    const gpus = job.resources.gpu.count;
    const usdCap = maxUsdPerGpuHour ?? job.maxUsdPerGpuHour ?? this.capFromOffer(offer.price);
    const capPerBlock = pricingCapPerBlock(usdCap, gpus, denom);
    const region = placementRegionAttribute(job.placement, offer.provider.attributes?.region);
    const attributes = { ...placementAttributes(job.placement, offer.raw), ...(region ? { region } : {}) };
    const sdl = generateSdl({ job, gpu: deploymentGpu(offer), capPerBlock, denom, idempotencyKey, attributes, auditors: this.auditors });
    const p = offer.price;
    const quotePerBlock = p.asset === 'USD' && p.unit === 'hour' && p.per === 'gpu' ? pricingCapPerBlock(p.amount, gpus, denom) : undefined;
    let derived: { hash: string; manifest: string };
    try {
      derived = await consoleManifest(sdl, { grantDenom: denom, auditors: this.auditors });
    } catch (err) {
      if (err instanceof SdlManifestError) throw new AdapterError('bad_request', `akash: the Console would refuse this deployment: ${err.message}`);
      throw err;
    }
    return { sdl, fingerprint: derived.hash, manifest: derived.manifest, capPerBlock, quotePerBlock, denom };
  }

  private get auditors(): string[] {
    return this.config.auditors ?? [...CONSOLE_AUDITORS];
  }

  private capFromOffer(price: NativePrice): string {
    if (price.asset !== 'USD' || price.unit !== 'hour' || price.per !== 'gpu') {
      throw new AdapterError('bad_request', 'akash: no maxUsdPerGpuHour and the offer price is not in USD per GPU-hour');
    }
    return new Decimal(price.amount)
      .times(this.config.defaultCapFactor ?? '1.5')
      .toDecimalPlaces(6)
      .toFixed();
  }

  private async findDeployment(fingerprint: string, signal: AbortSignal): Promise<AkashDeployment | undefined> {
    for await (const deployment of this.client.deployments(signal)) {
      if (deployment.deployment.hash === fingerprint) return deployment;
    }
    return undefined;
  }

  /** An earlier attempt with this key created `existing`: return its lease, or finish it if this process can. */
  private async resume(existing: AkashDeployment, request: SubmitRequest, plan: SubmitPlan): Promise<Placement> {
    const dseq = existing.deployment.id.dseq;
    const lease = existing.leases.find((l) => l.state === 'active') ?? existing.leases[0];
    if (lease) {
      return this.placementFor(dseq, request, lease.id, lease.price, 'lease of an earlier attempt with this idempotency key');
    }
    // A process killed between creating the deployment and leasing it: lease it now with the manifest derived
    // from the same SDL (the Console's own derivation, sdl/console-manifest.ts). Closing it here instead would
    // hide it from the next resubmit (GET /v1/deployments lists active deployments only) if this process were
    // killed before the failure was recorded, and that resubmit would create a second deployment under the key.
    if (existing.deployment.state === 'active') return this.leaseBestBid(dseq, request, plan);
    throw new AdapterError('conflict', `akash deployment ${dseq} of an earlier attempt with this key was closed without a lease; route again`, {
      retryable: true,
      scope: 'offer',
      details: { dseq },
    });
  }

  private async leaseBestBid(dseq: string, request: SubmitRequest, plan: SubmitPlan): Promise<Placement> {
    const { offer, signal } = request;
    try {
      const facts = await this.bidders(signal);
      const refuse = (provider: string) => placementRefusal(facts.get(provider), request.job.placement, this.auditors, request.exclude, provider);
      const criteria: BidCriteria = {
        preferredProvider: offer.provider.id,
        capPerBlock: plan.capPerBlock,
        quotePerBlock: plan.quotePerBlock,
        denom: plan.denom,
        refuse,
      };
      const bids = await this.collectBids(dseq, criteria, signal);
      const choice = selectBid(bids, criteria);
      if (!choice.bid) {
        // An Akash order is seen by every provider: when none bid, no other Akash provider will take this job now.
        const failover = bids.some((b) => b.bid.state === 'open') ? 'provider' : 'network';
        throw new AdapterError('no_capacity', `akash deployment ${dseq}: ${choice.reason}`, { scope: 'offer', failover, details: { dseq, bids: bids.length } });
      }
      const { id } = choice.bid.bid;
      try {
        await this.client.createLease({ manifest: plan.manifest, leases: [{ dseq, gseq: id.gseq, oseq: id.oseq, provider: id.provider }] }, signal);
      } catch (err) {
        // A provider that bid and then refuses the lease (its GPUs went elsewhere meanwhile) is out of
        // capacity for this offer, not a fault of the job: retryable elsewhere.
        if (isAdapterError(err) && err.code === 'bad_request') {
          throw new AdapterError('no_capacity', `akash lease on ${id.provider} refused: ${err.message}`, { scope: 'provider', cause: err, details: { dseq } });
        }
        throw err;
      }
      this.context.logger.info('akash lease created', { dseq, provider: id.provider, reason: choice.reason });
      return this.placementFor(dseq, request, id, choice.bid.bid.price, choice.reason, facts.get(id.provider));
    } catch (err) {
      // A deployment without a lease only costs money: close it before reporting the failure.
      await this.closeQuietly(dseq);
      throw isAdapterError(err) ? err : new AdapterError('internal', (err as Error).message, { cause: err });
    }
  }

  /** Region and audit of every Console provider, to judge who may win the job (one GET /v1/providers per order). */
  private async bidders(signal: AbortSignal): Promise<Map<string, BidderFacts>> {
    return bidderFacts(await this.client.providers(signal), this.auditors);
  }

  /** Polls bids until the routed provider has bid at or below the quote or the bid window ends; counts polls, not clock time. */
  private async collectBids(dseq: string, criteria: BidCriteria, signal: AbortSignal): Promise<AkashBid[]> {
    const polls = Math.max(1, Math.ceil(this.config.bidWaitMs / this.config.bidPollMs));
    let bids: AkashBid[] = [];
    for (let i = 0; i < polls; i++) {
      bids = await this.client.bids(dseq, signal);
      if (biddingSettled(bids, criteria)) return bids;
      if (i < polls - 1) await sleep(this.config.bidPollMs, signal);
    }
    return bids;
  }

  private placementFor(
    dseq: string,
    { offer }: SubmitRequest,
    id: { gseq: number; oseq: number; provider: string; bseq?: number },
    price: { denom: string; amount: string },
    why: string,
    winner?: BidderFacts,
  ): Placement {
    const gpu = deploymentGpu(offer);
    const offerId =
      id.provider === offer.provider.id
        ? offer.offerId
        : (sameGpuAt(offer.offerId, id.provider) ??
          offerIdFor(id.provider, {
            vendor: gpu.vendor ?? 'nvidia',
            model: gpu.label,
            ram: gpu.vramGb ? gbToQuantity(gpu.vramGb) : undefined,
            interface: gpu.interface,
          }));
    return {
      network: this.network,
      placementId: dseq,
      ref: { gseq: id.gseq, oseq: id.oseq, provider: id.provider, bseq: id.bseq ?? 0 },
      providerId: id.provider,
      offerId,
      state: 'starting',
      price: {
        amount: normalizeDecCoinAmount(price.amount),
        asset: price.denom,
        unit: 'block',
        per: 'offer',
        kind: 'firm',
        source: `accepted bid on deployment ${dseq} (${why})`,
      },
      createdAt: this.context.now().toISOString(),
      ...(winner?.region ? { region: winner.region } : {}),
      ...(id.provider !== offer.provider.id
        ? { note: `the bids were won by ${id.provider}${winner?.region ? ` (${winner.region})` : ''}, not the routed ${offer.provider.id}: ${why}` }
        : {}),
    };
  }

  /** Closes a deployment that only costs money, trying CLOSE_TRIES times; the last failure is logged, not thrown. */
  private async closeQuietly(dseq: string): Promise<void> {
    for (let tried = 1; ; tried++) {
      try {
        await this.client.closeDeployment(dseq, AbortSignal.timeout(this.config.timeoutMs * 2));
        return;
      } catch (err) {
        if (tried >= CLOSE_TRIES) {
          this.context.logger.warn('akash: could not close deployment', { dseq, tries: tried, error: (err as Error).message });
          return;
        }
        await sleep(CLOSE_RETRY_MS * tried, AbortSignal.timeout(CLOSE_RETRY_MS * tried * 2)).catch(() => undefined);
      }
    }
  }
}

/**
 * The GPU the deployment asks for. The offer id this adapter made names vendor, model, VRAM and interface
 * exactly as the Console does; the host hands back only the label and the catalog's VRAM, which would leave
 * the interface out of the SDL (and so let an H100 PCIe win a job routed to an H100 SXM offer).
 */
export function deploymentGpu(offer: Pick<Offer, 'offerId' | 'gpu'>): Pick<OfferGpu, 'label' | 'vramGb' | 'interface' | 'vendor'> {
  const named = gpuOfOfferId(offer.offerId);
  if (!named) return offer.gpu;
  return { vendor: named.vendor, label: named.model, vramGb: quantityToGb(named.ram) ?? offer.gpu.vramGb, interface: named.interface ?? offer.gpu.interface };
}

/** The GPU an order asks for, as providers' bid engines see it: vendor, model, memory and interface. */
function gpuKey(offer: Pick<Offer, 'offerId' | 'gpu'>): string {
  return gpuKeyOf(deploymentGpu(offer));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const abortError = () => new AdapterError('aborted', 'akash: aborted while waiting for bids');
    if (signal.aborted) return reject(abortError());
    const aborted = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    signal.addEventListener('abort', aborted, { once: true });
  });
}
