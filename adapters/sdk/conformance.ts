// The conformance suite every adapter, built-in or third-party, runs against its simulator:
//   runAdapterConformance('akash', async () => ({ adapter, simulator, teardown }));
// It drives the adapter over real HTTP and checks what the host relies on.
import type { JobSpec, NetworkAdapter, Offer, PlacementRef, PriceUnit } from './contract';
import { TERMINAL_PLACEMENT_STATES } from './contract';
import { AdapterErrorCode, isAdapterError } from './errors';
import { SimulatorControl } from './simulator/sim-control';

export interface ConformanceHarness {
  /** An adapter pointed at a fresh simulator, with a short request timeout (≤ 2 s) and few retries. */
  adapter: NetworkAdapter;
  simulator: SimulatorControl;
  teardown(): Promise<void>;
}

export interface ConformanceOptions {
  /** The job submitted in the submit tests; defaults to a one-GPU job for the first offer's GPU. */
  job?: (offer: Offer) => JobSpec;
  /** Picks the offer to submit to; defaults to the first one. */
  pickOffer?: (offers: Offer[]) => Offer;
  /** A reference to a placement the network never had. */
  unknownPlacement?: (network: string) => PlacementRef;
  /** How soon an aborted call must settle, in ms (default 1,500). */
  abortWithinMs?: number;
  /** Time allowed for a single test (default 30 s). */
  timeoutMs?: number;
}

const UNITS: PriceUnit[] = ['block', 'epoch', 'hour', 'obh'];
const DECIMAL = /^\d+(\.\d+)?$/;

export function defaultConformanceJob(offer: Offer): JobSpec {
  return {
    name: 'conformance',
    image: 'ghcr.io/switchyard/conformance:1',
    command: ['sleep', '1'],
    env: { CONFORMANCE: '1' },
    resources: { gpu: { count: 1, models: [offer.gpu.label] }, cpu: 1, memoryGb: 1, diskGb: 1 },
    durationHours: 1,
  };
}

async function expectAdapterError(call: Promise<unknown>, codes: AdapterErrorCode[]): Promise<void> {
  let thrown: unknown;
  try {
    await call;
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeDefined();
  expect(isAdapterError(thrown)).toBe(true);
  expect(codes).toContain((thrown as { code: AdapterErrorCode }).code);
}

export function runAdapterConformance(name: string, setup: () => Promise<ConformanceHarness>, options: ConformanceOptions = {}): void {
  const timeout = options.timeoutMs ?? 30_000;
  const signal = () => AbortSignal.timeout(20_000);

  describe(`adapter conformance: ${name}`, () => {
    let h: ConformanceHarness;
    let offers: Offer[];

    beforeEach(async () => {
      h = await setup();
      await h.simulator.clearFaults();
      offers = (await h.adapter.listOffers({ signal: signal() })).offers;
    }, timeout);

    afterEach(async () => {
      await h?.adapter.close?.();
      await h?.teardown();
    }, timeout);

    const submitOne = async (key: string) => {
      const offer = (options.pickOffer ?? ((o: Offer[]) => o[0]))(offers);
      const job = (options.job ?? defaultConformanceJob)(offer);
      return h.adapter.submit({ job, offer, idempotencyKey: key, signal: signal(), maxUsdPerGpuHour: '1000' });
    };

    it(
      'lists offers that are valid and normalizable',
      () => {
        expect(offers.length).toBeGreaterThan(0);
        const ids = new Set<string>();
        for (const offer of offers) {
          expect(offer.network).toBe(h.adapter.network);
          expect(offer.offerId).toMatch(/\S/);
          expect(ids.has(offer.offerId)).toBe(false);
          ids.add(offer.offerId);
          expect(offer.provider.id).toMatch(/\S/);
          expect(offer.gpu.label).toMatch(/\S/);
          expect(Number.isInteger(offer.gpu.count) && offer.gpu.count > 0).toBe(true);
          expect(offer.price.amount).toMatch(DECIMAL);
          expect(Number(offer.price.amount)).toBeGreaterThan(0);
          expect(UNITS).toContain(offer.price.unit);
          expect(['gpu', 'offer']).toContain(offer.price.per);
          expect(['firm', 'estimate']).toContain(offer.price.kind);
          expect(offer.price.asset).toMatch(/\S/);
          expect(Number.isNaN(Date.parse(offer.observedAt))).toBe(false);
        }
      },
      timeout,
    );

    it(
      'answers a probe without throwing, and reports a failing network as not ok',
      async () => {
        const healthy = await h.adapter.probe({ signal: signal() });
        expect(healthy.ok).toBe(true);
        expect(healthy.latencyMs).toBeGreaterThanOrEqual(0);
        await h.simulator.setFaults({ errorRate: 1, errorStatus: 503 });
        const failing = await h.adapter.probe({ signal: signal() });
        expect(failing.ok).toBe(false);
      },
      timeout,
    );

    it(
      'submits once per idempotency key and returns the same placement',
      async () => {
        const key = `conf-${Date.now()}-${Math.random().toString(16).slice(2)}`;
        const first = await submitOne(key);
        const again = await submitOne(key);
        expect(again.placementId).toBe(first.placementId);
        expect(first.network).toBe(h.adapter.network);
        expect(await h.simulator.submissionsFor(key)).toBe(1);
        const status = await h.adapter.status(first, { signal: signal() });
        expect(['pending', 'starting', 'running', 'succeeded']).toContain(status.state);
      },
      timeout,
    );

    it(
      'cancels idempotently and reports the placement as finished',
      async () => {
        const placement = await submitOne(`conf-cancel-${Date.now()}`);
        await h.adapter.cancel(placement, { signal: signal() });
        await h.adapter.cancel(placement, { signal: signal() });
        const status = await h.adapter.status(placement, { signal: signal() });
        expect(TERMINAL_PLACEMENT_STATES.has(status.state)).toBe(true);
      },
      timeout,
    );

    it(
      'answers not_found for a placement it never had',
      async () => {
        const ref = options.unknownPlacement?.(h.adapter.network) ?? { network: h.adapter.network, placementId: 'does-not-exist-0' };
        await expectAdapterError(h.adapter.status(ref, { signal: signal() }), ['not_found']);
      },
      timeout,
    );

    it.each([
      ['a 429', { rateLimited: true }, ['rate_limited']],
      ['a 5xx', { errorRate: 1, errorStatus: 503 }, ['unavailable']],
      ['a body that is not JSON', { malformed: true }, ['bad_response']],
      ['JSON of the wrong shape', { garbage: true }, ['bad_response']],
      ['no answer at all', { hang: true }, ['timeout']],
    ] as const)(
      'turns %s into the right AdapterError',
      async (_label, faults, codes) => {
        await h.simulator.setFaults(faults);
        await expectAdapterError(h.adapter.listOffers({ signal: signal() }), [...codes]);
      },
      timeout,
    );

    it(
      'stops promptly when the caller aborts',
      async () => {
        await h.simulator.setFaults({ latencyMs: 10_000 });
        const controller = new AbortController();
        const started = Date.now();
        const call = h.adapter.listOffers({ signal: controller.signal });
        setTimeout(() => controller.abort(), 50);
        await expectAdapterError(call, ['aborted']);
        expect(Date.now() - started).toBeLessThan(options.abortWithinMs ?? 1_500);
      },
      timeout,
    );
  });
}
