// The io.net plugin against its simulator over loopback HTTP: the shared conformance suite, then the flows
// particular to io.net (fees, attributes, deploy body, logs, extend, terminate, auth).
import Decimal from 'decimal.js';
import { AdapterContext, isAdapterError, SimulatorControl } from '@switchyard/adapter-sdk';
import { defaultConformanceJob, runAdapterConformance } from '@switchyard/adapter-sdk/conformance';
import { IonetAdapter, ionetConfigSchema } from './ionet.adapter';
import { startIonetSimulator } from './ionet.simulator';

const context: AdapterContext = {
  logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  now: () => new Date(),
  simulated: true,
};

async function harness(seed = 1, overrides: Record<string, unknown> = {}) {
  const sim = await startIonetSimulator({ seed, jobFailureRate: 0 });
  const config = ionetConfigSchema.parse({ ...sim.config, timeoutMs: 500, maxAttempts: 1, ...overrides });
  return { sim, adapter: new IonetAdapter(config, context), control: new SimulatorControl(sim.controlUrl) };
}

runAdapterConformance(
  'ionet',
  async () => {
    const { sim, adapter, control } = await harness();
    return { adapter, simulator: control, teardown: () => sim.close() };
  },
  { unknownPlacement: (network) => ({ network, placementId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }) },
);

describe('io.net adapter', () => {
  let h: Awaited<ReturnType<typeof harness>>;
  const signal = () => AbortSignal.timeout(10_000);
  beforeEach(async () => (h = await harness(7)));
  afterEach(() => h.sim.close());

  it('prices each hardware type per location in USDC per GPU-hour, with io.net fees as extras that add up to the quote', async () => {
    const { offers } = await h.adapter.listOffers({ signal: signal() });
    expect(offers.length).toBeGreaterThan(3);
    for (const offer of offers) {
      expect(offer.offerId).toMatch(/^\d+@\d+$/);
      expect(offer.price).toMatchObject({ asset: 'USDC', unit: 'hour', per: 'gpu', kind: 'firm' });
      const [fee, conversion] = offer.price.extras!;
      expect(fee.name).toBe('io.net fee (0.25%)');
      expect(conversion.name).toBe('currency conversion fee (2%)');
      // base × 1.0225 = io.net's total_cost_usdc for one GPU-hour.
      const total = new Decimal(offer.price.amount).plus(fee.amount).plus(conversion.amount);
      expect(total.dividedBy(offer.price.amount).toDecimalPlaces(4).toFixed()).toBe('1.0225');
      expect(offer.price.source).toMatch(/^io\.net caas\/price for 1 GPU × 1 h in /);
    }
  });

  it('surfaces SOC2 compliance and the connectivity tier of each location as offer attributes', async () => {
    const { offers } = await h.adapter.listOffers({ signal: signal() });
    const us = offers.find((o) => o.provider.country === 'US');
    const de = offers.find((o) => o.provider.country === 'DE');
    expect(us?.provider.attributes).toEqual({ security_soc2: 'true', connectivity_tier: '4' });
    expect(de?.provider.attributes).toEqual({ security_soc2: 'false', connectivity_tier: '3' });
    const max = offers.find((o) => o.gpu.label === 'NVIDIA GeForce RTX 4090');
    expect(max!.gpu.count).toBeLessThanOrEqual(4); // max_gpus_per_container
  });

  it('deploys a container in io.net shape, follows it to completed, reads its logs, extends and terminates', async () => {
    await h.control.setFaults({ flags: { runMs: 60_000 } });
    const { offers } = await h.adapter.listOffers({ signal: signal() });
    const offer = offers[0];
    const job = { ...defaultConformanceJob(offer), command: ['python3', '-m', 'serve'], ports: [9000], durationHours: 2 };
    const placement = await h.adapter.submit({ job, offer, idempotencyKey: 'attempt-1', firstSubmit: true, signal: signal() });
    expect(placement.placementId).toMatch(/^[0-9a-f-]{36}$/);
    let status = await h.adapter.status(placement, { signal: signal() });
    for (let i = 0; i < 50 && status.state !== 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      status = await h.adapter.status(placement, { signal: signal() });
    }
    expect(status.state).toBe('running');
    expect(status.endpoints?.[0]).toMatch(/^https:\/\/.*sim\.io\.solutions$/);
    expect(await h.adapter.logs(placement, { signal: signal() })).toEqual([`pulling ${job.image}`, expect.stringMatching(/container started on 1× /)]);
    expect(await h.adapter.extend(placement, 3, { signal: signal() })).toBe(5 * 60);
    await h.adapter.cancel(placement, { signal: signal() });
    expect((await h.adapter.status(placement, { signal: signal() })).state).toBe('cancelled');
  });

  it('finds the deployment an earlier attempt created instead of deploying twice', async () => {
    const { offers } = await h.adapter.listOffers({ signal: signal() });
    const job = defaultConformanceJob(offers[0]);
    const first = await h.adapter.submit({ job, offer: offers[0], idempotencyKey: 'attempt-9', firstSubmit: true, signal: signal() });
    await h.control.setFaults({ loseAnswers: true, paths: '/deploy$' });
    const again = await h.adapter.submit({ job, offer: offers[0], idempotencyKey: 'attempt-9', signal: signal() });
    expect(again.placementId).toBe(first.placementId);
    expect(await h.control.submissionsFor('attempt-9')).toBe(1);
  });

  it('ends a deployment that fails on its own as failed', async () => {
    await h.control.setFaults({ flags: { runMs: 50, deployFails: true } });
    const { offers } = await h.adapter.listOffers({ signal: signal() });
    const placement = await h.adapter.submit({
      job: defaultConformanceJob(offers[0]),
      offer: offers[0],
      idempotencyKey: 'attempt-f',
      firstSubmit: true,
      signal: signal(),
    });
    let status = await h.adapter.status(placement, { signal: signal() });
    for (let i = 0; i < 100 && status.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      status = await h.adapter.status(placement, { signal: signal() });
    }
    expect(status.state).toBe('failed');
  });

  it('refuses a job of more than 8 GPUs per container before calling io.net', async () => {
    const { offers } = await h.adapter.listOffers({ signal: signal() });
    const job = defaultConformanceJob(offers[0]);
    job.resources.gpu.count = 9;
    const err = await h.adapter.submit({ job, offer: offers[0], idempotencyKey: 'big', firstSubmit: true, signal: signal() }).catch((e: unknown) => e);
    expect(isAdapterError(err) && err.code).toBe('bad_request');
    expect(await h.control.submissionsFor('big')).toBe(0);
  });

  it('sends the API key as X-API-KEY: a wrong key is unauthorized', async () => {
    const wrong = new IonetAdapter(ionetConfigSchema.parse({ baseUrl: String(h.sim.config.baseUrl), apiKey: 'not-the-key', maxAttempts: 1 }), context);
    const err = await wrong.listOffers({ signal: signal() }).catch((e: unknown) => e);
    expect(isAdapterError(err) && err.code).toBe('unauthorized');
  });

  it('falls back to the market snapshot price, marked estimate, when io.net gives no quote', async () => {
    await h.control.setFaults({ errorRate: 1, errorStatus: 503, paths: '/caas/price$' });
    const { offers } = await h.adapter.listOffers({ signal: signal() });
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((o) => o.price.kind === 'estimate' && /market-snapshot/.test(o.price.source))).toBe(true);
  });
});
