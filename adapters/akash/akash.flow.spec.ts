// The managed-wallet flow end to end over real HTTP against the simulator: bid choice, caps, failures,
// idempotency across a restart, capacity, lifecycle.
import axios from 'axios';
import Decimal from 'decimal.js';
import { AdapterError, JobSpec, Offer, SimulatorControl, isAdapterError } from '../sdk';
import { AkashAdapter, AkashConfig } from './akash.adapter';
import { AkashConsoleClient } from './akash.client';
import { startAkashSimulator } from './akash.simulator';

const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: true };
const signal = () => AbortSignal.timeout(15_000);

type Sim = Awaited<ReturnType<typeof startAkashSimulator>>;
let sim: Sim;
let control: SimulatorControl;
let baseUrl: string;
let apiKey: string;

function adapter(overrides: Partial<AkashConfig> = {}): AkashAdapter {
  return new AkashAdapter({ baseUrl, apiKey, bidWaitMs: 800, bidPollMs: 40, timeoutMs: 1_000, maxAttempts: 1, defaultDenom: 'uact', ...overrides }, context);
}

function jobFor(offer: Offer, gpus = 1): JobSpec {
  return {
    name: 'flow',
    image: 'ghcr.io/acme/flow:1',
    ports: [8000],
    resources: { gpu: { count: gpus, models: [offer.gpu.label] }, cpu: 4, memoryGb: 16, diskGb: 20 },
  };
}

async function caught(call: Promise<unknown>): Promise<AdapterError> {
  try {
    await call;
  } catch (err) {
    if (isAdapterError(err)) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

const api = (path: string) => axios.get(`${baseUrl}${path}`, { headers: { 'x-api-key': apiKey }, validateStatus: () => true });

beforeEach(async () => {
  sim = await startAkashSimulator({ seed: 11, bidDelayMs: 40, startupMs: 150 });
  control = new SimulatorControl(sim.controlUrl);
  baseUrl = String(sim.config.baseUrl);
  apiKey = String(sim.config.apiKey);
});
afterEach(() => sim.close());

async function h100Offers(a: AkashAdapter): Promise<Offer[]> {
  const { offers } = await a.listOffers({ signal: signal() });
  return offers.filter((o) => o.gpu.label === 'h100' && o.gpu.interface === 'sxm');
}

describe('akash simulator world', () => {
  it('is the same world for the same seed, with dozens of providers, some offline, and H100s priced like the market', async () => {
    const providers = (await axios.get(`${baseUrl}/v1/providers`)).data as Array<Record<string, unknown>>;
    const again = await startAkashSimulator({ seed: 11 });
    try {
      const same = (await axios.get(`${String(again.config.baseUrl)}/v1/providers`)).data as Array<Record<string, unknown>>;
      expect(same.map((p) => p.owner)).toEqual(providers.map((p) => p.owner));
    } finally {
      await again.close();
    }
    expect(providers.length).toBeGreaterThanOrEqual(24);
    expect(providers.some((p) => p.isOnline === false)).toBe(true);
    expect(new Set(providers.flatMap((p) => (p.gpuModels as Array<{ model: string }>).map((m) => m.model))).size).toBeGreaterThanOrEqual(5);
    const prices = (await axios.get(`${baseUrl}/v1/gpu-prices`)).data as { models: Array<{ model: string; interface: string; price: { med: number } | null }> };
    const h100 = prices.models.find((m) => m.model === 'h100' && m.interface === 'SXM5')!;
    expect(h100.price!.med).toBeGreaterThanOrEqual(1.2);
    expect(h100.price!.med).toBeLessThanOrEqual(2.4);
  });

  it('answers 400 when a request carries both x-api-key and a Bearer token, and 401 for a wrong key', async () => {
    const both = await axios.get(`${baseUrl}/v1/deployments`, {
      headers: { 'x-api-key': apiKey, authorization: 'Bearer eyJ.x.y' },
      validateStatus: () => true,
    });
    expect(both.status).toBe(400);
    expect(both.data.message).toMatch(/mutually exclusive/);
    const wrong = await axios.get(`${baseUrl}/v1/deployments`, { headers: { 'x-api-key': 'nope' }, validateStatus: () => true });
    expect(wrong.status).toBe(401);
    expect(wrong.data).toEqual({ error: 'Unauthorized', message: 'Invalid API key' });
  });
});

describe('akash submit', () => {
  it('leases at a firm per-block price within the cap — at or below the quote when a bid is — and the placement comes up', async () => {
    const a = adapter();
    const offer = (await h100Offers(a))[0];
    const placement = await a.submit({ job: jobFor(offer), offer, idempotencyKey: 'routed-1', maxUsdPerGpuHour: '3.00', signal: signal() });
    expect(placement.placementId).toMatch(/^\d+$/);
    // The routed provider wins when its bid is at or below the quoted estimate; otherwise a cheaper bid that is.
    const quotePerBlock = new Decimal(offer.price.amount).mul(1_000_000).div(600);
    if (placement.providerId !== offer.provider.id) expect(new Decimal(placement.price!.amount).lte(quotePerBlock.ceil())).toBe(true);
    expect(placement.offerId.startsWith(`${placement.providerId}/`)).toBe(true);
    expect(placement.price).toMatchObject({ asset: 'uact', unit: 'block', per: 'offer', kind: 'firm' });
    expect(new Decimal(placement.price!.amount).lte(5000)).toBe(true); // $3.00/h → 5000 uact/block

    const first = await a.status(placement, { signal: signal() });
    expect(['starting', 'running']).toContain(first.state);
    await new Promise((r) => setTimeout(r, 250));
    const later = await a.status(placement, { signal: signal() });
    expect(later.state).toBe('running');
    expect(later.endpoints?.some((e) => e.includes('.ingress.'))).toBe(true);
  });

  it('takes the cheapest bid within the cap when the routed provider does not bid', async () => {
    const a = adapter();
    const offer = (await h100Offers(a))[0];
    const silent = { ...offer, provider: { ...offer.provider, id: 'akash1nobodyxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' } };
    const placement = await a.submit({ job: jobFor(offer), offer: silent, idempotencyKey: 'cheapest-1', maxUsdPerGpuHour: '3.00', signal: signal() });
    const bids = (await api(`/v1/bids?dseq=${placement.placementId}`)).data.data as Array<{
      bid: { id: { provider: string }; price: { amount: string }; state: string };
    }>;
    expect(bids.length).toBeGreaterThan(1);
    const cheapest = [...bids].sort((x, y) => new Decimal(x.bid.price.amount).cmp(y.bid.price.amount))[0];
    expect(placement.providerId).toBe(cheapest.bid.id.provider);
    expect(bids.find((b) => b.bid.id.provider === placement.providerId)!.bid.state).toBe('active');
    expect(placement.offerId).not.toBe(offer.offerId);
    expect(placement.offerId.startsWith(`${placement.providerId}/nvidia/h100/`)).toBe(true);
  });

  it.each([
    // With no bid at all, no Akash provider takes the job now: the job's next attempt looks at other networks first.
    ['no provider bids', { noBids: true }, '3.00', /no open bids/, 'network'],
    ['every bid is above the cap', { overpricedBids: true }, '1.00', /none within the cap of 1667 uact\/block/, 'provider'],
    ['the cap is below every provider’s price (the chain refuses such bids)', {}, '0.05', /no open bids/, 'network'],
  ])('answers no_capacity (offer scope) and closes the deployment when %s', async (_label, flags, cap, reason, failover) => {
    await control.setFaults({ flags });
    const a = adapter();
    const offer = (await h100Offers(a))[0];
    const err = await caught(a.submit({ job: jobFor(offer), offer, idempotencyKey: `none-${cap}`, maxUsdPerGpuHour: cap, signal: signal() }));
    expect(err.code).toBe('no_capacity');
    expect(err.scope).toBe('offer');
    expect(err.failover).toBe(failover);
    expect(err.message).toMatch(reason);
    const dseq = String(err.details?.dseq);
    const deployment = (await api(`/v1/deployments/${dseq}`)).data.data;
    expect(deployment.deployment.state).toBe('closed');
    expect(await control.submissionsFor(`none-${cap}`)).toBe(1);
  });

  it('finds the deployment of an earlier attempt after a restart instead of creating a second one', async () => {
    const offer = (await h100Offers(adapter()))[0];
    const request = { job: jobFor(offer), offer, idempotencyKey: 'restart-1', maxUsdPerGpuHour: '3.00' };
    const before = await adapter().submit({ ...request, signal: signal() });
    const afterRestart = await adapter().submit({ ...request, signal: signal() });
    expect(afterRestart.placementId).toBe(before.placementId);
    expect(afterRestart.providerId).toBe(before.providerId);
    expect(afterRestart.price?.amount).toBe(before.price?.amount);
    expect(await control.submissionsFor('restart-1')).toBe(1);
  });

  it('leases the unleased deployment of a process killed mid-submit, and a later resubmit never creates a second', async () => {
    const offer = (await h100Offers(adapter()))[0];
    const request = () => ({ job: jobFor(offer), offer, idempotencyKey: 'killed-1', maxUsdPerGpuHour: '3.00' });
    // Killed between creating the deployment and leasing it: the first process never polls bids again.
    const created = new Promise<string>((resolve) => {
      const killed = new AkashAdapter(
        { baseUrl, apiKey, bidWaitMs: 800, bidPollMs: 40, timeoutMs: 1_000, maxAttempts: 1, defaultDenom: 'uact' },
        {
          ...context,
          logger: {
            ...context.logger,
            info: (message: string, fields?: Record<string, unknown>) => message.includes('deployment created') && resolve(String(fields?.dseq)),
          },
        },
      );
      jest.spyOn(AkashConsoleClient.prototype, 'bids').mockImplementationOnce(() => new Promise<never>(() => {}));
      void killed.submit({ ...request(), signal: signal() });
    });
    const dseq = await created;
    // The restarted service resubmits under the same key; its answer may be lost to another crash before it is
    // recorded, so a third process resubmits again. Neither may open a second deployment.
    const restarted = await adapter()
      .submit({ ...request(), signal: signal() })
      .catch((err: unknown) => err);
    const again = await adapter().submit({ ...request(), signal: signal() });
    expect(await control.submissionsFor('killed-1')).toBe(1);
    expect(restarted).toMatchObject({ placementId: dseq });
    expect(again.placementId).toBe(dseq);
  });

  it('skips the wallet-wide deployment listing on a first submit, and still finds the deployment when resubmitted', async () => {
    const offer = (await h100Offers(adapter()))[0];
    const request = { job: jobFor(offer), offer, idempotencyKey: 'first-1', maxUsdPerGpuHour: '3.00' };
    const listings = async () => (await control.stats()).requests['GET /v1/deployments'] ?? 0;
    const before = await listings();
    const first = await adapter().submit({ ...request, firstSubmit: true, signal: signal() });
    expect(await listings()).toBe(before);
    const resubmitted = await adapter().submit({ ...request, signal: signal() });
    expect(await listings()).toBeGreaterThan(before);
    expect(resubmitted.placementId).toBe(first.placementId);
    expect(await control.submissionsFor('first-1')).toBe(1);
  });

  it('shares one deployment between concurrent submits with the same key', async () => {
    const a = adapter();
    const offer = (await h100Offers(a))[0];
    const request = { job: jobFor(offer), offer, idempotencyKey: 'concurrent-1', maxUsdPerGpuHour: '3.00', signal: signal() };
    const [x, y] = await Promise.all([a.submit(request), a.submit(request)]);
    expect(x.placementId).toBe(y.placementId);
    expect(await control.submissionsFor('concurrent-1')).toBe(1);
  });

  it('takes the leased GPUs out of the provider’s availability and gives them back on cancel', async () => {
    const a = adapter();
    const offer = (await h100Offers(a)).find((o) => o.gpu.count >= 2)!;
    const available = async () => {
      const providers = (await axios.get(`${baseUrl}/v1/providers`)).data as Array<{ owner: string; stats: { gpu: { available: number } } }>;
      return providers.find((p) => p.owner === offer.provider.id)!.stats.gpu.available;
    };
    const start = await available();
    const placement = await a.submit({ job: jobFor(offer, 2), offer, idempotencyKey: 'capacity-1', maxUsdPerGpuHour: '4.00', signal: signal() });
    expect(placement.providerId).toBe(offer.provider.id);
    expect(await available()).toBe(start - 2);
    await a.cancel(placement, { signal: signal() });
    expect(await available()).toBe(start);
    expect((await a.status(placement, { signal: signal() })).state).toBe('cancelled');
  });

  it('keeps one of its own orders per GPU open at a time, so they do not take each other’s bids', async () => {
    // A provider reserves the GPUs it bids with until the order ends: our own orders opened side by side would
    // leave the later ones without the cheapest providers' bids.
    const events: string[] = [];
    const logging = { ...context, logger: { ...context.logger, info: (message: string) => events.push(message.includes('lease') ? 'lease' : 'order') } };
    const submitThree = async (openOrdersPerGpu: number) => {
      events.length = 0;
      const a = new AkashAdapter(
        { baseUrl, apiKey, bidWaitMs: 800, bidPollMs: 40, timeoutMs: 1_000, maxAttempts: 1, defaultDenom: 'uact', openOrdersPerGpu },
        logging,
      );
      const offers = (await h100Offers(a)).filter((o) => o.gpu.count >= 1);
      const placements = await Promise.all(
        [0, 1, 2].map((i) =>
          a.submit({ job: jobFor(offers[i]), offer: offers[i], idempotencyKey: `turns-${openOrdersPerGpu}-${i}`, maxUsdPerGpuHour: '4.00', signal: signal() }),
        ),
      );
      await Promise.all(placements.map((p) => a.cancel(p, { signal: signal() })));
      return [...events];
    };
    expect(await submitThree(1)).toEqual(['order', 'lease', 'order', 'lease', 'order', 'lease']);
    // Allowed three, all three orders are open before the first lease.
    expect((await submitThree(3)).slice(0, 3)).toEqual(['order', 'order', 'order']);
  });

  it('gives up its turn when the caller gives up, without holding up the orders behind it', async () => {
    const a = adapter({ bidWaitMs: 1_500 });
    const offers = await h100Offers(a);
    const first = a.submit({ job: jobFor(offers[0]), offer: offers[0], idempotencyKey: 'turn-a', maxUsdPerGpuHour: '4.00', signal: signal() });
    const impatient = a.submit({
      job: jobFor(offers[1]),
      offer: offers[1],
      idempotencyKey: 'turn-b',
      maxUsdPerGpuHour: '4.00',
      signal: AbortSignal.timeout(50),
    });
    const third = a.submit({ job: jobFor(offers[2]), offer: offers[2], idempotencyKey: 'turn-c', maxUsdPerGpuHour: '4.00', signal: signal() });
    expect((await caught(impatient)).code).toBe('aborted');
    expect(await control.submissionsFor('turn-b')).toBe(0);
    await expect(first).resolves.toMatchObject({ state: expect.any(String) });
    await expect(third).resolves.toMatchObject({ state: expect.any(String) });
  });

  it('leases from the GPU model the order asked for: a provider’s other model stays free', async () => {
    const a = adapter();
    const providers = (await axios.get(`${baseUrl}/v1/providers`)).data as Array<{ owner: string; isOnline: boolean; gpuModels: Array<{ model: string }> }>;
    const { offers } = await a.listOffers({ signal: signal() });
    const twoModels = providers.find(
      (p) => p.isOnline && p.gpuModels.length >= 2 && offers.some((o) => o.provider.id === p.owner && o.gpu.label === p.gpuModels[1].model),
    )!;
    expect(twoModels).toBeDefined();
    const [first, second] = twoModels.gpuModels.map((m) => m.model);
    const freeOf = async (model: string) => {
      const prices = (await axios.get(`${baseUrl}/v1/gpu-prices`)).data as { models: Array<{ model: string; availability: { available: number } }> };
      return prices.models.filter((m) => m.model === model).reduce((sum, m) => sum + m.availability.available, 0);
    };
    const offer = offers.find((o) => o.provider.id === twoModels.owner && o.gpu.label === second)!;
    const before = { first: await freeOf(first), second: await freeOf(second) };
    const placement = await a.submit({ job: jobFor(offer), offer, idempotencyKey: 'two-models', maxUsdPerGpuHour: '20.00', signal: signal() });
    expect(placement.providerId).toBe(twoModels.owner);
    expect(await freeOf(second)).toBe(before.second - 1);
    expect(await freeOf(first)).toBe(before.first);
  });

  it('reports a lease the provider dropped as lost, blamed on the provider', async () => {
    const a = adapter();
    const offer = (await h100Offers(a))[0];
    const placement = await a.submit({ job: jobFor(offer), offer, idempotencyKey: 'lost-1', maxUsdPerGpuHour: '3.00', signal: signal() });
    await control.setFaults({ flags: { loseLeases: true } });
    await new Promise((r) => setTimeout(r, 200));
    const status = await a.status(placement, { signal: signal() });
    expect(status.state).toBe('lost');
    expect(status.error).toMatchObject({ scope: 'provider', retryable: true });
  });

  it('maps a wrong API key to unauthorized (account scope) and a 429 on submit to rate_limited', async () => {
    const offer = (await h100Offers(adapter()))[0];
    const request = { job: jobFor(offer), offer, idempotencyKey: 'errors-1', maxUsdPerGpuHour: '3.00', signal: signal() };
    const unauthorized = await caught(adapter({ apiKey: 'wrong' }).submit(request));
    expect([unauthorized.code, unauthorized.scope]).toEqual(['unauthorized', 'account']);
    await control.setFaults({ rateLimited: true, paths: '^/v1/deployments' });
    expect((await caught(adapter().submit(request))).code).toBe('rate_limited');
    await control.setFaults({ errorRate: 1, errorStatus: 502, paths: '^/v1/deployments' });
    const down = await caught(adapter().submit(request));
    expect([down.code, down.scope]).toEqual(['unavailable', 'network']);
    expect(await control.submissionsFor('errors-1')).toBe(0);
  });
});
