// What the real Console does that the adapter must live with, end to end over HTTP against the simulator:
// the job's placement in the SDL and in the bid choice, audited providers only, deposit and 402, leases
// lost at the provider, and the deployment list and close as the Console answers them.
import axios from 'axios';
import { AdapterError, JobSpec, Offer, SimulatorControl, isAdapterError } from '../sdk';
import { AkashAdapter, AkashConfig } from './akash.adapter';
import { CONSOLE_AUDITORS } from './akash.placement';
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

function jobFor(offer: Offer, placement?: JobSpec['placement']): JobSpec {
  return {
    name: 'console',
    image: 'ghcr.io/acme/console:1',
    ports: [8000],
    resources: { gpu: { count: 1, models: [offer.gpu.label] }, cpu: 4, memoryGb: 16, diskGb: 20 },
    placement,
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
type ProviderJson = {
  owner: string;
  isAudited: boolean;
  isOnline: boolean;
  attributes: Array<{ key: string; value: string; auditedBy: string[] }>;
  gpuModels: Array<{ model: string }>;
};
const providers = async () => (await axios.get(`${baseUrl}/v1/providers`)).data as ProviderJson[];
const regionOf = (p: ProviderJson) => p.attributes.find((a) => a.key === 'region')!.value;

beforeEach(async () => {
  sim = await startAkashSimulator({ seed: 11, bidDelayMs: 40, startupMs: 150 });
  control = new SimulatorControl(sim.controlUrl);
  baseUrl = String(sim.config.baseUrl);
  apiKey = String(sim.config.apiKey);
});
afterEach(() => sim.close());

describe('akash placement: the job’s regions', () => {
  it('takes no bid from outside placement.regions, and the placement names the real winner and its region', async () => {
    const a = adapter();
    const { offers } = await a.listOffers({ signal: signal() });
    const all = await providers();
    // A GPU offered in several regions, so that providers outside the wanted one would bid if they could.
    const offer = offers.find(
      (o) => new Set(offers.filter((x) => x.gpu.label === o.gpu.label && x.gpu.interface === o.gpu.interface).map((x) => x.provider.region)).size > 2,
    )!;
    const region = offer.provider.region!;
    // The routed provider does not bid (another provider must win): the winner must still be in the region.
    const silent = { ...offer, provider: { ...offer.provider, id: 'akash1nobodyxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' } };
    const placement = await a.submit({
      job: jobFor(offer, { regions: [region] }),
      offer: silent,
      idempotencyKey: 'region-1',
      maxUsdPerGpuHour: '9.00',
      signal: signal(),
    });

    const bids = (await api(`/v1/bids?dseq=${placement.placementId}`)).data.data as Array<{ bid: { id: { provider: string } } }>;
    const bidders = bids.map((b) => all.find((p) => p.owner === b.bid.id.provider)!);
    expect(bidders.length).toBeGreaterThan(0);
    expect(bidders.map(regionOf).filter((r) => r !== region)).toEqual([]); // providers outside did not bid
    const winner = all.find((p) => p.owner === placement.providerId)!;
    expect(regionOf(winner)).toBe(region);
    expect(placement.region).toBe(region);
    expect(placement.note).toContain(`won by ${placement.providerId} (${region}), not the routed akash1nobody`);
  });

  it('refuses a bid from an excluded region whatever its price, closing the deployment when nothing else is left', async () => {
    const a = adapter();
    const { offers } = await a.listOffers({ signal: signal() });
    const offer = offers[0];
    const err = await caught(
      a.submit({
        job: jobFor(offer, { excludeRegions: [offer.provider.region!], regions: [offer.provider.region!] }),
        offer,
        idempotencyKey: 'excluded-1',
        maxUsdPerGpuHour: '9.00',
        signal: signal(),
      }),
    );
    expect(err.code).toBe('no_capacity');
    expect(err.message).toMatch(/placement refuses: .*is excluded/);
    expect((await api(`/v1/deployments/${String(err.details?.dseq)}`)).data.data.deployment.state).toBe('closed');
  });
});

describe('akash placement: the job’s provider attributes', () => {
  it('takes bids only from providers carrying the job placement.attributes (here the routed provider’s tier)', async () => {
    const a = adapter();
    const { offers } = await a.listOffers({ signal: signal() });
    const all = await providers();
    const tierOf = (owner: string) => all.find((p) => p.owner === owner)!.attributes.find((x) => x.key === 'tier')!.value;
    // A GPU whose providers differ in tier, so that providers of the other tier would bid if they could.
    const offer = offers.find(
      (o) => new Set(offers.filter((x) => x.gpu.label === o.gpu.label && x.gpu.interface === o.gpu.interface).map((x) => tierOf(x.provider.id))).size > 1,
    )!;
    const tier = tierOf(offer.provider.id);
    const placement = await a.submit({
      job: jobFor(offer, { attributes: { tier } }),
      offer,
      idempotencyKey: 'tier-1',
      maxUsdPerGpuHour: '9.00',
      signal: signal(),
    });
    const bids = (await api(`/v1/bids?dseq=${placement.placementId}`)).data.data as Array<{ bid: { id: { provider: string } } }>;
    expect(bids.length).toBeGreaterThan(0);
    expect(bids.map((b) => tierOf(b.bid.id.provider)).filter((t) => t !== tier)).toEqual([]);
    expect(tierOf(placement.providerId)).toBe(tier);
  });
});

describe('akash audited providers (the Console leases only to providers its auditors signed)', () => {
  it('offers only GPUs of providers an allowed auditor signed, and every bid the Console lists is theirs', async () => {
    const all = await providers();
    const audited = new Set(all.filter((p) => p.attributes.some((x) => x.auditedBy.some((by) => CONSOLE_AUDITORS.includes(by as never)))).map((p) => p.owner));
    expect(audited.size).toBeGreaterThan(0);
    expect(all.some((p) => p.isOnline && !audited.has(p.owner) && p.gpuModels.length > 0)).toBe(true);
    const a = adapter();
    const { offers } = await a.listOffers({ signal: signal() });
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.filter((o) => !audited.has(o.provider.id))).toEqual([]);
    const everyone = adapter({ auditors: [] });
    expect((await everyone.listOffers({ signal: signal() })).offers.some((o) => !audited.has(o.provider.id))).toBe(true);

    const placement = await a.submit({ job: jobFor(offers[0]), offer: offers[0], idempotencyKey: 'audited-1', maxUsdPerGpuHour: '9.00', signal: signal() });
    const bids = (await api(`/v1/bids?dseq=${placement.placementId}`)).data.data as Array<{ bid: { id: { provider: string } } }>;
    expect(bids.filter((b) => !audited.has(b.bid.id.provider))).toEqual([]);
  });
});

describe('akash deposit and payment', () => {
  it('sends a deposit, which the Console requires (400 "deposit is required" without one)', async () => {
    const bare = await axios.post(
      `${baseUrl}/v1/deployments`,
      { data: { sdl: 'version: "2.0"' } },
      { headers: { 'x-api-key': apiKey }, validateStatus: () => true },
    );
    expect([bare.status, bare.data.message]).toEqual([400, 'deposit is required']);
    const a = adapter();
    const offer = (await a.listOffers({ signal: signal() })).offers[0];
    const placement = await a.submit({ job: jobFor(offer), offer, idempotencyKey: 'deposit-1', maxUsdPerGpuHour: '9.00', signal: signal() });
    expect(placement.placementId).toMatch(/^\d+$/);
  });

  it('answers a 402 (the wallet cannot pay) as forbidden on the account scope, with the reason, and creates nothing', async () => {
    const a = adapter();
    const offer = (await a.listOffers({ signal: signal() })).offers[0];
    await control.setFaults({ flags: { walletEmpty: true } });
    const err = await caught(a.submit({ job: jobFor(offer), offer, idempotencyKey: 'broke-1', maxUsdPerGpuHour: '9.00', signal: signal() }));
    expect([err.code, err.scope, err.retryable, err.status]).toEqual(['forbidden', 'account', true, 402]);
    expect(err.message).toMatch(/managed wallet cannot pay .*Not enough funds to cover the transaction fee/);
    expect(await control.submissionsFor('broke-1')).toBe(0);
  });
});

describe('akash deployments as the Console lists and closes them', () => {
  it('closes a deployment whose lease the provider dropped, leaving nothing open, and closing again answers 200', async () => {
    const a = adapter();
    const offer = (await a.listOffers({ signal: signal() })).offers[0];
    const placement = await a.submit({ job: jobFor(offer), offer, idempotencyKey: 'lost-close-1', maxUsdPerGpuHour: '9.00', signal: signal() });
    await control.setFaults({ flags: { loseLeases: true } });
    await new Promise((r) => setTimeout(r, 200));
    expect((await a.status(placement, { signal: signal() })).state).toBe('lost');
    expect(sim.market.active().map((d) => d.dseq)).toEqual([placement.placementId]); // the escrow is still held
    await a.cancel(placement, { signal: signal() });
    expect(sim.market.active()).toEqual([]);
    const list = (await api('/v1/deployments')).data.data;
    expect(list.deployments).toEqual([]); // the Console lists active deployments only
    const again = await axios.delete(`${baseUrl}/v1/deployments/${placement.placementId}`, { headers: { 'x-api-key': apiKey }, validateStatus: () => true });
    expect([again.status, again.data]).toEqual([200, { data: { success: true } }]);
  });
});
