// The adapter contract, version 1. Built-in adapters and third-party plugins implement exactly this;
// nothing here imports from the host (src/). Field names are part of the plugin API: extend, never rename.
import type { AdapterErrorJson } from './errors';

export const SDK_VERSION = 1;
export const PLUGIN_MARKER = Symbol.for('switchyard.adapter-plugin');

/** The unit a native price is quoted in. */
export type PriceUnit =
  | 'block' //   Akash: one block (~6 s, 600 per hour)
  | 'epoch' //   Filecoin: one epoch (30 s, 120 per hour)
  | 'hour' //    wall-clock hour
  | 'obh'; //    Render: one OctaneBench-hour of work

/** Denominations seen on the networks. Token amounts stay in integer base units until converted. */
export type Asset = 'USD' | 'USDC' | 'uakt' | 'uact' | 'AKT' | 'attoFIL' | 'FIL' | 'RENDER' | 'SOL' | (string & {});

export interface PriceComponent {
  /** Decimal string, never a float. */
  amount: string;
  asset: Asset;
  unit: PriceUnit;
  /** Whether `amount` buys one GPU or the whole offer (all `gpu.count` GPUs). */
  per: 'gpu' | 'offer';
}

export interface NativePrice extends PriceComponent {
  /** `firm`: the network will charge this. `estimate`: a market estimate until a bid arrives. */
  kind: 'firm' | 'estimate';
  /** Mandatory costs on top (storage, fees), in their own units. */
  extras?: Array<PriceComponent & { name: string }>;
  /** Where the number came from, in a few words (e.g. "console gpu-prices median of recent bids"). */
  source: string;
}

export interface OfferProvider {
  id: string;
  name?: string;
  region?: string;
  country?: string;
  attributes?: Record<string, string>;
}

export interface OfferGpu {
  /** The network's own label, verbatim (e.g. "h100", "NVIDIA H100 80GB HBM3", "NVIDIA RTX 4090"). */
  label: string;
  vendor?: string;
  /** VRAM per GPU in GB as the network states it (converted from MiB/Gi where needed). */
  vramGb?: number;
  /** Interface hint such as "sxm" or "pcie". */
  interface?: string;
  /** GPUs a job can take from this offer. */
  count: number;
  /** True when the offer is a fixed bundle: a job gets exactly `count` GPUs and pays for all of them. */
  fixedCount?: boolean;
}

/** Upstream health signals an adapter can report per offer; the host weighs them, it never trusts them alone. */
export interface OfferSignals {
  online?: boolean;
  /** Fraction in [0, 1]. */
  uptime?: number;
  audited?: boolean;
  /** Identity verified against a second source (e.g. a Filecoin miner checked on chain). */
  verified?: boolean;
  verificationNote?: string;
}

export interface Offer {
  network: string;
  /** Stable across syncs for the same supply, unique within the network. */
  offerId: string;
  provider: OfferProvider;
  gpu: OfferGpu;
  cpu?: number;
  memoryGb?: number;
  diskGb?: number;
  price: NativePrice;
  signals?: OfferSignals;
  /** ISO-8601 time the network said this. */
  observedAt: string;
  /** The upstream record, for audit. */
  raw: unknown;
}

/** An upstream record the adapter could not turn into an offer, kept with the reason instead of crashing. */
export interface QuarantinedRecord {
  reason: string;
  raw: unknown;
}

export interface OfferListing {
  offers: Offer[];
  quarantined: QuarantinedRecord[];
}

/** The job as adapters see it: the public job spec (v1), resolved by the host. */
export interface JobSpec {
  name?: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: Record<string, string>;
  ports?: number[];
  resources: {
    gpu: { count: number; models?: string[]; minVramGb?: number };
    cpu?: number;
    memoryGb?: number;
    diskGb?: number;
  };
  durationHours?: number;
  maxUsdPerGpuHour?: string;
  placement?: { regions?: string[]; excludeRegions?: string[]; networks?: string[]; excludeNetworks?: string[]; attributes?: Record<string, string> };
  inputs?: Array<{ cid: string; path: string }>;
  policy?: string;
  /** The original Akash SDL, when the job arrived as one (multi-service jobs can only run on Akash). */
  sdl?: string;
}

export interface CallOptions {
  signal: AbortSignal;
}

export interface SubmitRequest extends CallOptions {
  job: JobSpec;
  offer: Offer;
  /** Network-side idempotency key: the same key must never create a second upstream job. */
  idempotencyKey: string;
  /**
   * The most the caller accepts, in USD per GPU-hour (decimal string), for networks that settle the
   * price at submit time (bids). Derived from the job's cap and the quote.
   */
  maxUsdPerGpuHour?: string;
  /**
   * True when the host knows this is the key's first submit (a new attempt), so no upstream job can carry it
   * yet and an adapter may skip looking for one (on some networks that lookup lists everything the account
   * ever ran). Absent or false: the key may have reached the network before (a resubmit after a crash or a
   * lost answer), so the adapter must look.
   */
  firstSubmit?: boolean;
  /**
   * Providers and regions the host keeps this job away from (blocked after failures), for networks where the
   * network itself picks the provider (Akash bids): the adapter must not let one of them take the job.
   */
  exclude?: { providers?: string[]; regions?: string[] };
  /**
   * Called with true when the adapter holds the submit back to wait for its turn (nothing sent yet), and with
   * false when it goes on or gives up: the host may count a waiting submit apart from those at work.
   */
  onWaiting?: (waiting: boolean) => void;
}

export type PlacementState = 'pending' | 'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'lost';
export const TERMINAL_PLACEMENT_STATES: ReadonlySet<PlacementState> = new Set(['succeeded', 'failed', 'cancelled', 'lost']);

/** What the host keeps to find a placement again; `ref` is opaque to the host. */
export interface PlacementRef {
  network: string;
  placementId: string;
  ref?: Record<string, unknown>;
}

export interface Placement extends PlacementRef {
  providerId: string;
  offerId: string;
  state: PlacementState;
  /** The firm price agreed at submit (e.g. the accepted Akash bid), when the network settles one. */
  price?: NativePrice;
  createdAt: string;
  /** The region of the provider that actually took the job, when the network chose it (e.g. an Akash bid). */
  region?: string;
  /** Why the network's choice differs from the routed offer (another provider won the bids), for the job's timeline. */
  note?: string;
}

export interface PlacementStatus {
  state: PlacementState;
  message?: string;
  exitCode?: number;
  endpoints?: string[];
  startedAt?: string;
  finishedAt?: string;
  /** Set when state is failed or lost: what went wrong, classified. */
  error?: AdapterErrorJson;
  /** An upstream fact the user should see in the job's timeline (e.g. a status word the adapter does not know); the host records each distinct notice once per attempt. */
  notice?: PlacementNotice;
}

export interface PlacementNotice {
  /** What kind of fact, e.g. `upstream-status`. */
  kind: string;
  message: string;
  /** The raw upstream values, verbatim. */
  data?: Record<string, unknown>;
}

export interface ProbeResult {
  ok: boolean;
  latencyMs: number;
  detail?: string;
}

export interface AdapterCapabilities {
  /** Can run a job (false for listing-only networks). */
  submit: boolean;
  logs: boolean;
  /** Can mount IPFS inputs by CID. */
  ipfsInputs: boolean;
  /** Can run a multi-service Akash SDL as is. */
  multiService: boolean;
  /** Can expose ports to the internet. */
  ports: boolean;
}

export interface NetworkAdapter {
  readonly network: string;
  readonly capabilities: AdapterCapabilities;
  listOffers(options: CallOptions): Promise<OfferListing>;
  probe(options: CallOptions): Promise<ProbeResult>;
  submit(request: SubmitRequest): Promise<Placement>;
  status(placement: PlacementRef, options: CallOptions): Promise<PlacementStatus>;
  /** Idempotent: cancelling a finished or already cancelled placement succeeds. */
  cancel(placement: PlacementRef, options: CallOptions): Promise<void>;
  logs?(placement: PlacementRef, options: CallOptions): Promise<string[]>;
  close?(): Promise<void>;
}

export interface AdapterLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AdapterContext {
  logger: AdapterLogger;
  /** The host's clock; adapters never read Date.now() directly so tests can move time. */
  now(): Date;
  /** True when the adapter points at the built-in simulator rather than the real network. */
  simulated: boolean;
}

/** A simulator started on loopback by the host when a network has no real endpoint configured. */
export interface RunningSimulator {
  /** Config values (e.g. baseUrl, credentials) that point the adapter at this simulator. */
  config: Record<string, unknown>;
  /** Base URL of the simulator's control API (`/__sim/*`). */
  controlUrl: string;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  seed: number;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /**
   * Share (0–1) of placed jobs that end badly on their own, as some do on the real network: the workload
   * exits non-zero, or (where the network has it) the provider drops the lease. Unset: the simulator's own
   * realistic default. 0: every placed job runs to completion (tests that follow one job).
   */
  jobFailureRate?: number;
  /**
   * How many times the simulated world's supply (machines, nodes) to list: a whole number ≥ 1, each copy with
   * ids of its own and the same prices. Unset or 1: the world as the seed alone builds it. For load tests that
   * need more GPUs than one world has; a simulator without a supply of its own to multiply ignores it.
   */
  supplyScale?: number;
}

/** A network's own job document format (e.g. an Akash SDL) that the host accepts besides the JSON job spec. */
export interface JobDocumentFormat {
  /** Short name shown to users, e.g. `akash-sdl`. */
  name: string;
  /** Media types it arrives as, e.g. `application/yaml`. */
  mediaTypes: string[];
  parse(
    text: string,
  ):
    | { ok: true; spec: JobSpec; /** Only this plugin's network can run it as written. */ networkOnly: boolean; warnings: string[] }
    | { ok: false; errors: Array<{ path: string; message: string }> };
}

/** Any validator with zod's `safeParse` shape (zod schemas fit as they are). */
export interface ConfigSchema<Config> {
  safeParse(
    input: unknown,
  ): { success: true; data: Config } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

export interface AdapterPlugin<Config = Record<string, unknown>> {
  readonly [PLUGIN_MARKER]: true;
  /** Network id: lowercase, [a-z0-9-]. */
  id: string;
  displayName: string;
  /** SDK versions this plugin implements. */
  sdkVersions: number[];
  version: string;
  /**
   * Validates config from the environment: `<ID>_<KEY>` variables, KEY in SCREAMING_SNAKE_CASE mapped to
   * camelCase (AKASH_BASE_URL → baseUrl). Unknown keys are ignored.
   */
  configSchema: ConfigSchema<Config>;
  /** Names of config keys whose presence means "a real endpoint is configured". */
  endpointKeys: string[];
  create(config: Config, context: AdapterContext): NetworkAdapter | Promise<NetworkAdapter>;
  /** Job document formats this network brings (optional). */
  jobFormats?: JobDocumentFormat[];
  /**
   * What an operator must set on the network's supply for Switchyard to list, price and verify it, and what
   * happens to supply without it (optional; shown in `GET /v1/networks`).
   */
  supplyRequirements?: string;
  /** Starts this network's simulator; present for built-in networks and optional for plugins. */
  startSimulator?(options: SimulatorOptions): Promise<RunningSimulator>;
}

/** Helper so plugin authors get the marker right. */
export function defineAdapterPlugin<Config>(plugin: Omit<AdapterPlugin<Config>, typeof PLUGIN_MARKER>): AdapterPlugin<Config> {
  return { ...plugin, [PLUGIN_MARKER]: true } as AdapterPlugin<Config>;
}

export function isAdapterPlugin(value: unknown): value is AdapterPlugin<unknown> {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PLUGIN_MARKER] === true;
}
