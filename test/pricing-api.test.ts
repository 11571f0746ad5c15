import axios from 'axios';
import Decimal from 'decimal.js';
import { api, startWorld, waitFor } from './support/market-world';
import type { TestApp } from './support/test-app';

describe('pricing endpoints over the live pool', () => {
  let app: TestApp;
  beforeAll(async () => {
    // The snapshot's references age with the wall clock; a long maximum age keeps this world's saving
    // stable over the years (staleness itself is covered in src/pricing/compare-prices.spec.ts).
    app = await startWorld('akash,render,filecoin', { HYPERSCALER_REFERENCE_MAX_AGE_DAYS: '3650' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('compares H100 prices per model and network, with totals, freshness and the hyperscaler saving', async () => {
    const res = await api.get(`${app.url}/v1/pricing/compare?gpu=h100&count=8&hours=6`);
    expect(res.status).toBe(200);
    expect(res.data.gpus.length).toBeGreaterThan(0);
    for (const gpu of res.data.gpus) {
      expect(gpu.gpuModel).toMatch(/^nvidia-h100-/);
      for (const n of gpu.networks) {
        expect(new Decimal(n.minUsdPerGpuHour).lte(n.medianUsdPerGpuHour)).toBe(true);
        expect(new Decimal(n.medianUsdPerGpuHour).lte(n.p90UsdPerGpuHour)).toBe(true);
        // Totals are money rounded to micro-dollars.
        expect(new Decimal(n.cheapest.totalUsd).eq(new Decimal(n.cheapest.usdPerGpuHour).mul(8).mul(6).toDecimalPlaces(6))).toBe(true);
        expect(n.firmOffers + n.estimateOffers).toBe(n.offers);
        expect(Date.parse(n.freshness.newestObservedAt)).toBeGreaterThan(Date.now() - 60_000);
      }
    }
    const withReference = res.data.gpus.find((g: { hyperscaler?: unknown }) => g.hyperscaler);
    expect(withReference?.savingVsHyperscaler?.percent).toMatch(/^-?\d+\.\d{2}$/);
  });

  it('answers an unknown GPU with 422 and suggestions', async () => {
    const res = await api.get(`${app.url}/v1/pricing/compare?gpu=h1000`);
    expect(res.status).toBe(422);
    expect(res.data.errors[0].field).toBe('gpu');
    const typo = await api.get(`${app.url}/v1/pricing/compare?gpu=rtx8001`);
    expect(typo.status).toBe(422);
    expect(typo.data.suggestions.rtx8001).toContain('quadro-rtx-8000');
    const offers = await api.get(`${app.url}/v1/offers?gpu=p4O`);
    expect(offers.status).toBe(422);
    expect(offers.data.errors[0].reason).toMatch(/did you mean/);
  });

  it('shows each hyperscaler reference with its source and read date, H200 included, even with no offer', async () => {
    const res = await api.get(`${app.url}/v1/pricing/compare?gpu=h200,mi300x,p40`);
    expect(res.status).toBe(200);
    const missing = res.data.withoutOffers as Array<{
      gpuModel: string;
      reason: string;
      hyperscaler?: { cheapest?: { instanceType: string; source: { catalog: string; commit: string; observedAt: string } } };
    }>;
    const shown = [...res.data.gpus.map((g: { gpuModel: string }) => g.gpuModel), ...missing.map((m) => m.gpuModel)];
    // Known models, never a silent empty list: each is either compared or listed as not on offer.
    expect(shown).toEqual(expect.arrayContaining(['amd-mi300x-192gb', 'nvidia-p40-24gb']));
    const h200 =
      missing.find((m) => m.gpuModel === 'nvidia-h200-sxm-141gb') ?? res.data.gpus.find((g: { gpuModel: string }) => g.gpuModel === 'nvidia-h200-sxm-141gb');
    expect(h200.hyperscaler.rows[0].source).toMatchObject({
      catalog: 'skypilot-org/skypilot-catalog',
      commit: '00148f2af3672e2229b4f7bf8157d5a3f36e3c35',
      observedAt: '2026-12-05',
    });
    expect(res.data.hyperscalerSources.gaps[0].provider).toBe('alibaba');
  });

  it('says so when a known GPU has no offer in the pool', async () => {
    const res = await api.get(`${app.url}/v1/offers?gpu=mi300x`);
    expect(res.status).toBe(200);
    expect(res.data.total).toBe(0);
    expect(res.data.notice).toMatch(/the catalog knows mi300x, but no network offers it/);
  });

  it('keeps a price history from the aggregates stored at every sync', async () => {
    await waitFor(async () => (await api.get(`${app.url}/v1/pricing/history?gpu=rtx-4090&bucket=hour`)).data.points?.length > 0, 15_000, 'history points');
    const res = await api.get(`${app.url}/v1/pricing/history?gpu=rtx-4090&bucket=hour`);
    const point = res.data.points[0];
    expect(point.gpuModel).toBe('nvidia-rtx-4090-24gb');
    expect(point.count).toBeGreaterThan(0);
    expect(new Decimal(point.minUsd).lte(point.maxUsd)).toBe(true);
    const bad = await api.get(`${app.url}/v1/pricing/history?gpu=rtx-4090&from=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.data.errors[0].field).toBe('query.from');
  });

  it('estimates Render rendering cost from OctaneBench-hours at the documented tier rates', async () => {
    const byObh = await api.post(`${app.url}/v1/estimates/render`, { obh: '1000', tier: 2 });
    expect(byObh.status).toBe(200);
    expect(byObh.data.renderCredits).toBe('10');
    expect(new Decimal(byObh.data.usd).eq(new Decimal(byObh.data.fx.price).mul(10))).toBe(true);
    expect(byObh.data.assumptions.join(' ')).toMatch(/100 OBh/);
    // The demo's RENDER quote comes from the Pyth sponsored-account and Hermes simulators: both rest on the
    // RENDER feed id, which Pyth's own repository does not list.
    expect(byObh.data.fxUnconfirmedFeeds).toContain('pyth-feed-id:RENDER');
    const byGpu = await api.post(`${app.url}/v1/estimates/render`, { gpu: 'rtx 4090', hours: '2', tier: 3 });
    expect(byGpu.status).toBe(200);
    expect(byGpu.data.obh).toBe('2500');
    expect(byGpu.data.renderCredits).toBe('12.5');
    // A calculator over public prices: no key needed, like the market data.
    const anonymous = await axios.post(`${app.url}/v1/estimates/render`, { obh: '1000', tier: 2 }, { validateStatus: () => true });
    expect(anonymous.status).toBe(200);
    expect(anonymous.data.renderCredits).toBe('10');
    const bad = await api.post(`${app.url}/v1/estimates/render`, { obh: '10', tier: 1 });
    expect(bad.status).toBe(400);
    expect(bad.data.errors[0].field).toBe('tier');
  });
});
