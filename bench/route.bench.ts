// In-process benchmarks over the generated pool: the route decision (the pure router fed exactly as
// QuoteService feeds it), the price comparison, and the resident size of a loaded index.
import type { AdapterCapabilities } from '../adapters/sdk';
import { offerScore } from '../src/health/offer-score';
import { parseJobRequest } from '../src/routing/job-request.parser';
import { understandJob, type UnderstoodJob } from '../src/routing/job-spec.resolver';
import { comparePrices } from '../src/pricing/compare-prices';
import { OfferIndex } from '../src/pool/offer-index';
import type { PoolOffer } from '../src/pool/pool-offer';
import { MIN_SUCCESS_SAMPLES, placementBook, placementOutlook, successCeiling, type PlacementBook, type TallyRow } from '../src/pool/placement-outlook';
import { route } from '../src/routing/router';
import type { NetworkFacts, RoutingDecision } from '../src/routing/routing.types';
import { int, ms, summarize, type Measurement } from './bench-report';
import { generatePool } from './pool-generator';
import { REQUIREMENT_SHAPES } from './requirement-shapes';
import { pricedView } from '../src/pool/pricing-market.service';

// The built-in adapters' capabilities (adapters/*/…adapter.ts), so capability filters run as in the service.
const CAPABILITIES: Record<string, AdapterCapabilities> = {
  akash: { submit: true, logs: false, ipfsInputs: false, multiService: true, ports: true },
  render: { submit: true, logs: true, ipfsInputs: false, multiService: false, ports: true },
  filecoin: { submit: true, logs: true, ipfsInputs: true, multiService: false, ports: false },
  native: { submit: true, logs: true, ipfsInputs: false, multiService: false, ports: false },
};

export function understand(body: unknown): UnderstoodJob {
  const request = parseJobRequest(body, 'application/json', []);
  return understandJob(request.spec, { warnings: request.warnings });
}

/** What QuoteService.decide does, minus Nest: lists per allowed model (or the whole pool), health scores. */
export function decide(index: OfferIndex, job: UnderstoodJob, limit = 10, book?: PlacementBook): RoutingDecision {
  const models = job.requirements.gpuModels;
  const networks = new Map<string, NetworkFacts>(Object.entries(CAPABILITIES).map(([id, capabilities]) => [id, { capabilities, state: 'healthy' }]));
  return route({
    requirements: job.requirements,
    policy: job.policy,
    offers: { ...index.routeLists(models, job.requirements.minVramGb), total: index.size },
    scoreOf: (o: PoolOffer) => offerScore(0.9, o.signals),
    networks,
    blocks: [],
    limit,
    nowMs: Date.now(),
    outlookOf: book ? (o) => placementOutlook(book, o) : undefined,
    successCeiling: book ? ceilingOf(book, networks.keys()) : undefined,
  });
}

/** Worked out once per record, as PlacementOutlookService does. */
const ceilings = new WeakMap<PlacementBook, number>();
function ceilingOf(book: PlacementBook, networks: Iterable<string>): number {
  return ceilings.get(book) ?? ceilings.set(book, successCeiling(book, networks, MIN_SUCCESS_SAMPLES)).get(book)!;
}

/** A placement record as a busy service keeps it: every network and network + GPU, and one provider in ten. */
export function benchPlacementBook(pool: readonly PoolOffer[]): PlacementBook {
  const rows: TallyRow[] = [];
  const seen = new Set<string>();
  pool.forEach((o, i) => {
    if (!seen.has(o.network)) {
      rows.push({ network: o.network, placements: 500, reachedRunning: 450, medianStartMs: 60_000 });
      seen.add(o.network);
    }
    const gpuKey = `${o.network}/${o.gpuModel}`;
    if (!seen.has(gpuKey)) {
      rows.push({ network: o.network, gpuModel: o.gpuModel, placements: 50, reachedRunning: 45, medianStartMs: 90_000 });
      seen.add(gpuKey);
    }
    if (i % 10 === 0)
      rows.push({ network: o.network, gpuModel: o.gpuModel, providerId: o.providerId, placements: 8, reachedRunning: 7, medianStartMs: 30_000 });
  });
  return placementBook(rows, []);
}

export interface RouteBenchOptions {
  sizes: number[];
  iterations: number;
}

export function runRouteBench(opts: RouteBenchOptions, log: (line: string) => void): Measurement[] {
  const rows: Measurement[] = [];
  for (const size of opts.sizes) {
    const t0 = performance.now();
    const pool = generatePool(size, 7);
    const genMs = performance.now() - t0;
    const index = new OfferIndex();
    const t1 = performance.now();
    index.replaceAll(pool);
    const indexMs = performance.now() - t1;
    log(`  pool of ${int(size)}: generated+checked in ${genMs.toFixed(0)} ms, indexed in ${indexMs.toFixed(1)} ms`);
    const book = benchPlacementBook(pool);
    // Every shape with a placement record (the production path), and the broadest one also without it (the
    // router before time to placement), side by side in the same run.
    const runs = [
      ...REQUIREMENT_SHAPES.map((shape) => ({ shape, book, label: shape.name })),
      { shape: REQUIREMENT_SHAPES[2], book: undefined, label: `${REQUIREMENT_SHAPES[2].name}, no placement record` },
    ];
    for (const { shape, book, label } of runs) {
      const job = understand(shape.body);
      const warm = Math.min(200, opts.iterations);
      for (let i = 0; i < warm; i++) decide(index, job, 10, book);
      const samples: number[] = [];
      let last: RoutingDecision | undefined;
      // Up to `iterations`, but at most ~8 s per shape (and at least 50 samples): broad shapes are slow.
      const until = performance.now() + 8_000;
      for (let i = 0; i < opts.iterations && (i < 50 || performance.now() < until); i++) {
        const s = performance.now();
        last = decide(index, job, 10, book);
        samples.push(performance.now() - s);
      }
      const st = summarize(samples);
      const best = last?.candidates[0];
      const outcome = best ? `best ${best.network} $${best.usdPerGpuHour}/GPU-h; ${int(last!.eligible)} eligible` : 'no candidate';
      log(`  route ${int(size)} · ${label}: p50 ${ms(st.p50)} p99 ${ms(st.p99)} (n=${st.n}; ${outcome})`);
      rows.push({
        name: `route (in process), ${int(size)} offers: ${label}`,
        value: `p50 ${ms(st.p50)} · p99 ${ms(st.p99)}`,
        target: size >= 100_000 ? 'p99 ≤ 1 ms' : '',
        met: size >= 100_000 ? st.p99 <= 1 : undefined,
        note: outcome,
      });
    }
    // The price comparison as GET /v1/pricing/compare computes it on a cache miss: the live offers of the
    // asked models (PricingMarketService.compare), mapped and compared. The endpoint caches it for 1 s.
    const ids = [...new Set(understand({ image: 'x', resources: { gpu: { count: 1, models: ['h100'] } } }).requirements.gpuModels ?? [])];
    const samples: number[] = [];
    const until = performance.now() + 5_000;
    for (let i = 0; i < 200 && (i < 5 || performance.now() < until); i++) {
      const s = performance.now();
      const now = Date.now();
      comparePrices(ids.flatMap((id) => index.ofModel(id, now)).map(pricedView), { gpuModels: ids });
      samples.push(performance.now() - s);
    }
    const st = summarize(samples);
    log(`  comparePrices(h100) over ${int(size)}: p50 ${ms(st.p50, 2)} p99 ${ms(st.p99, 2)}`);
    rows.push({
      name: `price comparison (in process, uncached), ${int(size)} offers, gpu=h100`,
      value: `p50 ${ms(st.p50, 2)} · p99 ${ms(st.p99, 2)}`,
      target: '',
      note: 'what GET /v1/pricing/compare computes on a cache miss (it caches 1 s)',
    });
  }
  return rows;
}
