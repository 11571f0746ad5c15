import { Decimal } from 'decimal.js';
import { SimulatorControl } from '../sdk';
import { toRenderOffer } from './render.offers';
import { RunningRenderSimulator } from './render.simulator';
import { SIM_PRICED_OFFERS } from './render.sim-world';
import { adapterFor, signal, startRenderSimulator } from './render.spec-helpers';

const record = (over: Record<string, unknown> = {}) => ({
  offer_id: 'off_abc',
  region_code: 'us-west-2',
  availability: {},
  hardware_summary: {
    cpu_cores: 16,
    gpu_count: 1,
    gpu_model_label: 'RTX 4090',
    gpu_models: [{ count: 1, gpu_registry_uuid: '019582a6-0000', min_vram_gib: 24, name: 'NVIDIA RTX 4090' }],
    gpu_registry_uuid: '019582a6-0000',
    min_gpu_vram_gib: 24,
    ram_gib: 64,
    storage_gib: 500,
  },
  pricing: { hourly_rate_usd: 0.69, quoted_at: '2026-05-01T12:00:00Z' },
  ...over,
});

describe('Render offer mapping', () => {
  it('maps the reference example to a firm USD-per-hour price for the whole bundle', () => {
    const checked = toRenderOffer(record(), '2000-01-01T00:00:00.000Z');
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.offer).toMatchObject({
      network: 'render',
      offerId: 'off_abc',
      provider: { id: 'render-compute:us-west-2', region: 'us-west-2' },
      gpu: { label: 'NVIDIA RTX 4090', vramGb: 24, count: 1, fixedCount: true, vendor: 'nvidia' },
      cpu: 16,
      memoryGb: 64,
      diskGb: 500,
      price: { amount: '0.69', asset: 'USD', unit: 'hour', per: 'offer', kind: 'firm' },
      observedAt: '2026-05-01T12:00:00.000Z',
    });
  });

  it('writes prices as plain decimals, never floats or exponents', () => {
    const tiny = toRenderOffer(record({ pricing: { hourly_rate_usd: 1e-7 } }), '2026-05-01T00:00:00.000Z');
    expect(tiny.ok && tiny.offer.price.amount).toBe('0.0000001');
    const eight = toRenderOffer(record({ pricing: { hourly_rate_usd: 16.1 } }), '2026-05-01T00:00:00.000Z');
    expect(eight.ok && eight.offer.price.amount).toBe('16.1');
    // Without quoted_at, the observation time is the adapter's clock.
    expect(eight.ok && eight.offer.observedAt).toBe('2026-05-01T00:00:00.000Z');
  });

  it.each([
    ['no price', { pricing: { hourly_rate_usd: null } }, /hourly_rate_usd/],
    ['a zero price', { pricing: { hourly_rate_usd: 0 } }, /hourly_rate_usd/],
    ['no GPUs listed', { hardware_summary: { gpu_count: 1, gpu_models: [] } }, /gpu_models/],
    ['mixed GPU models', { hardware_summary: { gpu_count: 2, gpu_models: [{ name: 'NVIDIA RTX 4090' }, { name: 'NVIDIA RTX 3090' }] } }, /mixed GPU models/],
    ['no offer id', { offer_id: '' }, /offer_id/],
  ])('quarantines a record with %s, saying why', (_label, over, reason) => {
    const checked = toRenderOffer(record(over), '2026-05-01T00:00:00.000Z');
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toMatch(reason);
  });
});

describe('Render offers from the simulator', () => {
  let sim: RunningRenderSimulator;
  beforeEach(async () => {
    sim = await startRenderSimulator({ seed: 42 });
  });
  afterEach(() => sim.close());

  it('follows every page: small pages return the same offers as full ones', async () => {
    const control = new SimulatorControl(sim.controlUrl);
    const full = await adapterFor(sim, { pageSize: 50 }).listOffers({ signal: signal() });
    const before = (await control.stats()).requests['GET /v1/compute/offers'] ?? 0;
    const paged = await adapterFor(sim, { pageSize: 7 }).listOffers({ signal: signal() });
    const requests = (await control.stats()).requests['GET /v1/compute/offers'] - before;

    expect(full.offers).toHaveLength(SIM_PRICED_OFFERS);
    expect(paged.offers.map((o) => o.offerId)).toEqual(full.offers.map((o) => o.offerId));
    expect(requests).toBe(Math.ceil((SIM_PRICED_OFFERS + 1) / 7));
  });

  it('quarantines the listed-but-unpriced record instead of failing the sync', async () => {
    const listing = await adapterFor(sim).listOffers({ signal: signal() });
    expect(listing.quarantined).toHaveLength(1);
    expect(listing.quarantined[0].reason).toMatch(/pricing\.hourly_rate_usd/);
  });

  it('offers a realistic mix: RTX 4090 near $0.69/GPU-hour, H200 near $2.00, multi-GPU bundles priced as a whole', async () => {
    const { offers } = await adapterFor(sim).listOffers({ signal: signal() });
    const perGpu = (label: string) => offers.filter((o) => o.gpu.label === label).map((o) => new Decimal(o.price.amount).div(o.gpu.count).toNumber());
    const r4090 = perGpu('NVIDIA RTX 4090');
    expect(r4090.length).toBeGreaterThan(0);
    for (const p of r4090) {
      expect(p).toBeGreaterThan(0.6);
      expect(p).toBeLessThan(0.78);
    }
    const dataCentre = offers.filter((o) => /H100|H200|A100|L40S/.test(o.gpu.label));
    expect(dataCentre.length).toBeGreaterThan(0);
    const hopper = [...perGpu('NVIDIA H200'), ...perGpu('NVIDIA H100 80GB HBM3')];
    expect(hopper.length).toBeGreaterThan(0);
    for (const p of hopper) {
      expect(p).toBeGreaterThan(1.6);
      expect(p).toBeLessThan(2.25);
    }
    expect(offers.some((o) => o.gpu.count >= 4)).toBe(true);
    expect(new Set(offers.map((o) => o.provider.region)).size).toBeGreaterThan(3);
  });

  it('is the same world for the same seed', async () => {
    const again = await startRenderSimulator({ seed: 42 });
    try {
      const a = await adapterFor(sim).listOffers({ signal: signal() });
      const b = await adapterFor(again).listOffers({ signal: signal() });
      expect(b.offers.map((o) => [o.offerId, o.price.amount])).toEqual(a.offers.map((o) => [o.offerId, o.price.amount]));
      expect(again.account.secretKey).toBe(sim.account.secretKey);
    } finally {
      await again.close();
    }
  });
});
