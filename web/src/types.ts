// The parts of the API's answers the pages read. The API may add fields; the page ignores what it does not know.
export interface Cheapest {
  network: string;
  offerId: string;
  providerId: string;
  region: string | null;
  usdPerGpuHour: string;
  priceKind: 'firm' | 'estimate';
  stale: boolean;
}
export interface CompareNetwork {
  network: string;
  offers: number;
  availableGpus: number;
  minUsdPerGpuHour: string;
  medianUsdPerGpuHour: string;
  p90UsdPerGpuHour: string;
  cheapest: Cheapest;
  firmOffers: number;
  estimateOffers: number;
  staleOffers: number;
  freshness: { oldestObservedAt: string; newestObservedAt: string };
  savingVsHyperscaler: { percent: string; usdPerGpuHour: string } | null;
}
export interface CompareGpu {
  gpuModel: string;
  gpuVramGb: number;
  networks: CompareNetwork[];
  cheapest: Cheapest | null;
  hyperscaler: { usdPerGpuHour: string; match: string; stale: boolean; cheapest?: { provider: string; instanceType: string; region: string } } | null;
  savingVsHyperscaler: { percent: string; usdPerGpuHour: string } | null;
}
export interface Compare {
  gpus: CompareGpu[];
}
export interface HistoryPoint {
  network: string;
  gpuModel: string;
  start: string;
  end: string;
  minUsd: string;
  medianUsd: string;
  maxUsd: string;
  count: number;
}
export interface FxUse {
  asset: string;
  usd: string;
  source: string;
  stale: boolean;
  publishTime: string;
}
export interface Offer {
  network: string;
  offerId: string;
  provider: { id: string; name: string | null; region: string | null; country: string | null };
  gpu: { model: string; label: string; vramGb: number; count: number };
  price: { usdPerGpuHour: string; usdPerHour: string; kind: 'firm' | 'estimate'; stale: boolean; provenance?: { fx?: FxUse[] } };
  observedAt: string;
  ageSeconds: number;
  score: number;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}
export interface Network {
  id: string;
  displayName: string;
  simulated: boolean;
  mode?: string;
  state: string;
  reason: string;
  score: number;
  scoreParts: Record<string, number>;
  breaker: string;
  lastSync: {
    startedAt: string;
    finishedAt: string | null;
    ok: boolean;
    durationMs: number;
    offers: number;
    quarantined: number;
    error: string | null;
    lastGoodAt: string | null;
  } | null;
  offers: number;
  gpus: number;
  quarantined?: unknown;
}
export interface HealthSample {
  at: string;
  score: number;
  state: string;
  reason: string;
}
export interface Candidate {
  rank: number;
  network: string;
  offerId: string;
  providerId: string;
  region: string | null;
  gpuModel: string;
  gpuCount: number;
  usdPerGpuHour: string;
  effectiveUsdPerHour: string;
  estimatedTotalUsd: string;
  priceKind: string;
  score: number;
  why: string;
}
export interface Quote {
  warnings: string[];
  decision: { considered: number; eligible: number; candidates: Candidate[]; explanation?: string };
}
export interface Attempt {
  n: number;
  id: string;
  network: string;
  providerId: string;
  region: string | null;
  gpuModel: string;
  state: string;
  usdPerHour: string | null;
  costUsd: string | null;
  submittedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  endpoints?: unknown;
  routing?: { explanation: string; candidates: Candidate[] } | null;
}
export interface Job {
  id: string;
  state: string;
  stateReason: string | null;
  spec: { name?: string; image?: string };
  attempts: Attempt[];
  cost: { usd: string; final: boolean };
  createdAt: string;
  finishedAt: string | null;
  cancelRequested: boolean;
  warnings?: string[];
}
export interface JobEvent {
  id: string;
  at: string;
  type: string;
  from: string | null;
  to: string | null;
  reason: string;
  data: { explanation?: string; endpoints?: string[] } | null;
}
export interface Account {
  id: string;
  name: string;
  balanceUsd: string;
  heldUsd: string;
  availableUsd: string;
  heldUsdPerHour?: string;
  limits?: { maxUsdPerHour: string | null; maxUsdPerJob: string | null };
}
export interface LedgerEntry {
  transactionId: string;
  kind: string;
  reference: string;
  memo: string | null;
  amountUsd: string;
  createdAt: string;
}
