import type { PoolOffer } from '../pool/pool-offer';
import { poolOfferFixture } from '../pool/pool-offer.fixture';
import { toMicros } from '../pricing/money';
import { route } from './router';
import { MIN_SUCCESS_SAMPLES, placementBook, placementOutlook, successCeiling, type PlacementOutlook, type TallyRow } from '../pool/placement-outlook';
import type { NetworkFacts, RoutingInput } from './routing.types';

const caps = { submit: true, logs: true, ipfsInputs: false, multiService: false, ports: true };
const NOW = Date.parse('2026-11-24T12:00:00Z');

function offer({ usd, ...p }: Partial<PoolOffer> & { network: string; offerId: string; usd: string }): PoolOffer {
  return poolOfferFixture(p, usd, NOW);
}

const pool = [
  offer({ network: 'akash', offerId: 'a1', usd: '1.50', priceKind: 'estimate' }),
  offer({ network: 'render', offerId: 'r1', usd: '1.20', fixedCount: true, gpuCount: 1 }),
  offer({ network: 'filecoin', offerId: 'f1', usd: '1.35' }),
  offer({ network: 'native', offerId: 'n1', usd: '0.90', gpuModel: 'nvidia-rtx-4090-24gb', gpuFamily: 'rtx-4090', gpuVramGb: 24 }),
  offer({ network: 'akash', offerId: 'a2', usd: '2.40', region: 'eu-west' }),
].sort((a, b) => a.usdPerGpuHourMicros - b.usdPerGpuHourMicros);

function input(over: Partial<RoutingInput['requirements']> = {}, rest: Partial<RoutingInput> = {}): RoutingInput {
  const networks = new Map<string, NetworkFacts>(['akash', 'render', 'filecoin', 'native'].map((n) => [n, { capabilities: caps, state: 'healthy' as const }]));
  return {
    requirements: { gpuCount: 1, minScore: 0.3, firmOnly: false, needs: { ipfsInputs: false, multiService: false, ports: false }, ...over },
    policy: { kind: 'cheapest' },
    offers: { lists: [pool], total: pool.length },
    scoreOf: () => 0.9,
    networks,
    blocks: [],
    limit: 3,
    nowMs: NOW,
    ...rest,
  };
}

describe('route', () => {
  it('picks the cheapest capable offer across networks and explains the ranking', () => {
    const d = route(input({ gpuModels: new Set(['nvidia-h100-sxm-80gb']), durationHours: 6 }));
    expect(d.candidates.map((c) => c.offerId)).toEqual(['r1', 'f1', 'a1']);
    expect(d.candidates[0].why).toMatch(/^chosen as the cheapest capable healthy offer/);
    expect(d.candidates[0].estimatedTotalUsd).toBe('7.20');
    expect(d.candidates[1].why).toContain('$0.1500/h more than #1');
    // a2 ($2.40) is dearer per GPU than the third kept candidate: counted without being examined.
    expect(d.dropped).toEqual({ 'wrong GPU model': 1, 'pricier than the chosen candidates (not examined)': 1 });
    expect(d.explanation).toContain('5 offers considered: 3 eligible; dropped 1 wrong GPU model, 1 pricier than the chosen candidates (not examined)');
  });

  it('pays a fixed bundle whole and never splits it', () => {
    const d = route(input({ gpuCount: 2, gpuModels: new Set(['nvidia-h100-sxm-80gb']) }));
    expect(d.candidates.map((c) => c.offerId)).not.toContain('r1');
    expect(d.dropped['not enough GPUs']).toBe(1);
    expect(d.candidates[0]).toMatchObject({ offerId: 'f1', effectiveUsdPerHour: '2.700000' });
  });

  it('applies a price cap, counting everything above it in one go', () => {
    const d = route(input({ maxUsdPerGpuHourMicros: toMicros('1.40'), excludeNetworks: ['render'] }));
    expect(d.candidates.map((c) => c.offerId)).toEqual(['n1', 'f1']);
    expect(d.dropped).toEqual({ 'network not allowed': 1, 'over max price': 2 });
  });

  it('applies firm-only, region and network lists, with drop counts per reason', () => {
    const d = route(input({ firmOnly: true, excludeNetworks: ['render'], regions: ['us'] }, { limit: 10 }));
    expect(d.candidates.map((c) => c.offerId)).toEqual(['n1', 'f1']);
    expect(d.dropped).toEqual({ 'network not allowed': 1, 'price is an estimate': 1, 'region not allowed': 1 });
  });

  it('keeps only offers whose provider carries every required attribute with its value', () => {
    const soc2 = { ...pool[0], offerId: 'soc2', providerAttributes: { security_soc2: 'true', connectivity_tier: '4' } };
    const plain = { ...pool[0], offerId: 'plain', providerAttributes: { security_soc2: 'false', connectivity_tier: '4' } };
    const lists = [[soc2, plain, ...pool]];
    const d = route(input({ attributes: { security_soc2: 'true', connectivity_tier: '4' } }, { offers: { lists, total: lists[0].length }, limit: 10 }));
    expect(d.candidates.map((c) => c.offerId)).toEqual(['soc2']);
    expect(d.dropped).toEqual({ 'missing required provider attributes': 6 });
  });

  it('drops blocked scopes, down networks and unhealthy offers', () => {
    const networks = input().networks as Map<string, NetworkFacts>;
    networks.set('filecoin', { capabilities: caps, state: 'down' });
    const d = route(
      input(
        { gpuModels: new Set(['nvidia-h100-sxm-80gb']) },
        {
          networks,
          blocks: [{ scope: 'provider', network: 'render', key: 'r1-prov', until: NOW + 1000, reason: 'lost a job' }],
          scoreOf: (o) => (o.offerId === 'a2' ? 0.1 : 0.9),
        },
      ),
    );
    expect(d.candidates.map((c) => c.offerId)).toEqual(['a1']);
    expect(d.dropped).toMatchObject({ 'blocked after a failure': 1, 'network down': 1, unhealthy: 1 });
  });

  it('leaves out GPUs taken by jobs placed since the offer was observed, a fixed bundle whole', () => {
    const h100 = { gpuModels: new Set(['nvidia-h100-sxm-80gb']) };
    const takenFrom: Record<string, number> = { r1: 1, f1: 1 };
    const d = route(input(h100, { takenGpus: (o) => takenFrom[o.offerId] ?? 0 }));
    // f1 has GPUs left for one more job; the Render bundle is gone.
    const f1 = pool.find((o) => o.offerId === 'f1')!;
    expect(f1.gpuCount).toBeGreaterThan(1);
    expect(d.candidates.map((c) => c.offerId)).toEqual(['f1', 'a1', 'a2']);
    expect(d.dropped['GPUs taken by jobs placed since the last sync']).toBe(1);
    const all = route(input(h100, { takenGpus: (o) => (o.offerId === 'f1' ? f1.gpuCount : 0) }));
    expect(all.candidates.map((c) => c.offerId)).toEqual(['r1', 'a1', 'a2']);
  });

  it('ignores expired blocks and expired offers', () => {
    const expired = [offer({ network: 'akash', offerId: 'old', usd: '0.10', expiresAtMs: NOW - 1 }), ...pool];
    const d = route(
      input(
        {},
        { offers: { lists: [expired], total: expired.length }, blocks: [{ scope: 'network', network: 'native', key: '', until: NOW - 1, reason: 'x' }] },
      ),
    );
    expect(d.candidates[0].offerId).toBe('n1');
    expect(d.dropped['offer expired']).toBe(1);
  });

  it('honours an ordered network preference, then price', () => {
    const d = route(input({ gpuModels: new Set(['nvidia-h100-sxm-80gb']) }, { policy: { kind: 'network-preference', order: ['akash', 'filecoin'] } }));
    expect(d.candidates.map((c) => c.offerId)).toEqual(['a1', 'a2', 'f1']);
  });

  it('ranks a provider that just lost the job after every other one', () => {
    const d = route(input({ gpuModels: new Set(['nvidia-h100-sxm-80gb']) }, { avoidProviders: new Set(['render/r1-prov']) }));
    expect(d.candidates.map((c) => c.offerId)).toEqual(['f1', 'a1', 'a2']);
  });

  it('ranks a whole network after every other one when no provider there took the job', () => {
    const d = route(input({ gpuModels: new Set(['nvidia-h100-sxm-80gb']) }, { avoidProviders: new Set(['akash/*']) }));
    expect(d.candidates.map((c) => c.offerId)).toEqual(['r1', 'f1', 'a1']);
    expect(d.candidates[2].why).toMatch(/ranked last because no provider of akash took the job just now/);
  });

  it('trades price for health under the balanced policy', () => {
    const scoreOf = (o: PoolOffer) => (o.offerId === 'r1' ? 0.4 : 1);
    const d = route(input({ gpuModels: new Set(['nvidia-h100-sxm-80gb']) }, { policy: { kind: 'balanced', healthWeight: 1 }, scoreOf }));
    expect(d.candidates[0].offerId).toBe('f1');
  });

  it('says plainly when nothing can run the job', () => {
    const d = route(input({ gpuCount: 64 }));
    expect(d.candidates).toEqual([]);
    expect(d.explanation).toMatch(/Nothing can run this job now\.$/);
  });

  describe('time to placement and placement success', () => {
    const h100 = new Set(['nvidia-h100-sxm-80gb']);
    const record = (o: Partial<PlacementOutlook>): PlacementOutlook => ({
      expectedStartMs: null,
      startSamples: 0,
      queuedAhead: 0,
      successRate: null,
      successSamples: 0,
      basis: 'provider and GPU',
      ...o,
    });
    // r1 is the cheapest H100 but slow to start (Akash-like bid windows and our own orders ahead); f1 starts in a minute.
    const outlooks: Record<string, PlacementOutlook> = {
      r1: record({ expectedStartMs: 45 * 60_000, startSamples: 12, queuedAhead: 8, successRate: 1, successSamples: 12 }),
      f1: record({ expectedStartMs: 60_000, startSamples: 30, successRate: 1, successSamples: 30 }),
      a1: record({ expectedStartMs: 3 * 60_000, startSamples: 9, successRate: 1, successSamples: 9 }),
    };
    const outlookOf = (o: PoolOffer) => outlooks[o.offerId] ?? record({});

    it('sends a job with a short start window to a dearer offer that starts sooner, and says why', () => {
      const d = route(input({ gpuModels: h100, startWithinMs: 10 * 60_000 }, { outlookOf, limit: 4 }));
      // a2 has no record yet: it is not known to start late, so it ranks among those in time.
      expect(d.candidates.map((c) => c.offerId)).toEqual(['f1', 'a1', 'a2', 'r1']);
      expect(d.candidates[2].why).toContain('expected to start in an unknown time (no record yet)');
      expect(d.explanation).toContain('Chose filecoin/f1-prov although render/r1-prov lists $0.1500/h less: that one is expected to start in ~45 min');
      expect(d.explanation).toContain('after the 10-minute start window; this one in ~1.0 min (30 placements on record for provider and GPU)');
      expect(d.candidates[3].why).toContain('8 of our orders ahead), after the start window');
      expect(d.candidates[0]).toMatchObject({ expectedStartMinutes: 1, startSamples: 30, placementSuccessRate: 1, successSamples: 30 });
    });

    it('keeps the cheapest when it starts in time, or when the job sets no window', () => {
      expect(route(input({ gpuModels: h100, startWithinMs: 60 * 60_000 }, { outlookOf })).candidates[0].offerId).toBe('r1');
      const d = route(input({ gpuModels: h100 }, { outlookOf }));
      expect(d.candidates[0].offerId).toBe('r1');
      expect(d.explanation).not.toContain('Chose');
    });

    it('ranks by expected cost: a provider whose placements often fail loses to a slightly dearer one that places', () => {
      const flaky: Record<string, PlacementOutlook> = { ...outlooks, r1: record({ successRate: 0.65, successSamples: 40 }) };
      const d = route(input({ gpuModels: h100 }, { outlookOf: (o) => flaky[o.offerId] ?? record({}) }));
      expect(d.candidates.map((c) => c.offerId)).toEqual(['f1', 'a1', 'r1']);
      expect(d.candidates[2]).toMatchObject({ placementSuccessRate: 0.65, successSamples: 40, usdPerGpuHour: '1.20', expectedUsdPerHour: '1.846154' });
      expect(d.explanation).toContain(
        'its placements reached running 65 % of the time (40 placements), so it is expected to cost $1.8462/h with retries, against $1.3500/h here.',
      );
    });

    it('does not let a rate resting on a few placements change the order', () => {
      const d = route(input({ gpuModels: h100 }, { outlookOf: (o) => (o.offerId === 'r1' ? record({ successRate: 0, successSamples: 2 }) : record({})) }));
      expect(d.candidates[0].offerId).toBe('r1');
      expect(d.candidates[0].why).toContain('placements reached running 0 % of the time (2 placements)');
    });
  });

  it('counts the offers of models left out for too little VRAM as such, not as the wrong model', () => {
    const d = route(input({ minVramGb: 40 }, { offers: { lists: [pool.filter((o) => o.gpuVramGb >= 40)], total: pool.length, belowVram: 1 }, limit: 4 }));
    expect(d.dropped).toEqual({ 'not enough VRAM': 1 });
    expect(d.explanation).toContain('5 offers considered: 4 eligible; dropped 1 not enough VRAM.');
  });

  describe('stopping early at the success ceiling', () => {
    // A seeded pool of 600 offers over four networks and two GPUs, with a placement record at every level that
    // puts success rates between 55 % and 95 %: list order and expected-cost order disagree all the way down.
    let seed = 7;
    const rnd = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const networks = ['akash', 'render', 'filecoin', 'native'];
    const models = [
      { gpuModel: 'nvidia-h100-sxm-80gb', gpuFamily: 'h100', gpuVramGb: 80 },
      { gpuModel: 'nvidia-rtx-4090-24gb', gpuFamily: 'rtx-4090', gpuVramGb: 24 },
    ];
    const big = Array.from({ length: 600 }, (_, i) =>
      offer({
        network: networks[i % 4],
        offerId: `o${i}`,
        providerId: `p${i % 60}`,
        usd: (0.5 + rnd() * 2).toFixed(4),
        gpuCount: 1 + (i % 3),
        ...models[i % 2],
      }),
    ).sort((a, b) => a.usdPerGpuHourMicros - b.usdPerGpuHourMicros || a.offerId.localeCompare(b.offerId));
    const rows: TallyRow[] = [];
    const tally = () => {
      const placements = 5 + Math.floor(rnd() * 40);
      return { placements, reachedRunning: Math.min(placements - 1, Math.round(placements * (0.55 + rnd() * 0.4))), medianStartMs: 60_000 };
    };
    for (const network of networks) {
      rows.push({ network, ...tally() });
      for (const m of models) rows.push({ network, gpuModel: m.gpuModel, ...tally() });
    }
    for (const o of big.filter((_, i) => i % 7 === 0)) rows.push({ network: o.network, gpuModel: o.gpuModel, providerId: o.providerId, ...tally() });
    const book = placementBook(rows, []);
    const outlookOf = (o: PoolOffer) => placementOutlook(book, o);
    const ceiling = successCeiling(book, networks, MIN_SUCCESS_SAMPLES);

    it('bounds every rate the ranking uses', () => {
      expect(ceiling).toBeLessThan(1);
      for (const o of big) {
        const r = outlookOf(o);
        if (r.successRate !== null && r.successSamples >= MIN_SUCCESS_SAMPLES) expect(r.successRate).toBeLessThanOrEqual(ceiling);
      }
      // A network the record does not know ranks its offers at list price: no bound below 1.
      expect(successCeiling(book, [...networks, 'io'], MIN_SUCCESS_SAMPLES)).toBe(1);
    });

    it.each([
      ['any GPU, 1×', { gpuCount: 1 }],
      ['2× h100', { gpuCount: 2, gpuModels: new Set(['nvidia-h100-sxm-80gb']) }],
      ['under $1.20 in us', { gpuCount: 1, maxUsdPerGpuHourMicros: 1_200_000, regions: ['us'] }],
    ])('chooses and explains exactly as a walk bounded by list price alone (%s), examining fewer offers', (_, req) => {
      for (const limit of [1, 5, 10]) {
        const rest = { offers: { lists: [big], total: big.length }, outlookOf, limit };
        const walked = route(input(req, rest));
        const bounded = route(input(req, { ...rest, successCeiling: ceiling }));
        expect(bounded.candidates).toEqual(walked.candidates);
        expect(bounded.explanation.replace(/^[^.]*\./, '')).toBe(walked.explanation.replace(/^[^.]*\./, ''));
        expect(bounded.eligible).toBeLessThanOrEqual(walked.eligible);
      }
    });

    it('examines fewer offers than a walk bounded by list price alone', () => {
      const rest = { offers: { lists: [big], total: big.length }, limit: 5, outlookOf };
      const bounded = route(input({}, { ...rest, successCeiling: ceiling }));
      const walked = route(input({}, rest));
      expect(bounded.eligible).toBeLessThan(walked.eligible);
      expect(bounded.explanation).toContain('Chose');
    });
  });
});
