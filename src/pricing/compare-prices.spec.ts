import { comparePrices, PricedOfferView } from './compare-prices';
import { hyperscalerReferenceFor, hyperscalerReferenceLookup } from './hyperscaler-reference';
import { HYPERSCALER_PRICES } from './hyperscaler-reference.data';

const offer = (o: Partial<PricedOfferView>): PricedOfferView => ({
  network: 'akash',
  offerId: 'o',
  providerId: 'p',
  region: 'us-east',
  gpuModel: 'nvidia-h100-sxm-80gb',
  gpuFamily: 'h100',
  gpuVramGb: 80,
  gpuCount: 8,
  usdPerGpuHour: '2',
  priceKind: 'estimate',
  observedAt: '2026-11-24T12:00:00Z',
  stale: false,
  ...o,
});

describe('comparePrices', () => {
  const offers: PricedOfferView[] = [
    offer({ offerId: 'a1', usdPerGpuHour: '1.80', observedAt: '2026-11-24T11:50:00Z' }),
    offer({ offerId: 'a2', usdPerGpuHour: '2.20', gpuCount: 4, priceKind: 'firm' }),
    offer({ offerId: 'a3', usdPerGpuHour: '3.00', region: 'eu-west' }),
    offer({ network: 'render', offerId: 'r1', usdPerGpuHour: '2.00', priceKind: 'firm', observedAt: '2026-11-24T11:58:00Z' }),
    offer({ network: 'render', offerId: 'r2', usdPerGpuHour: '1.00', stale: true }),
    offer({ network: 'native', offerId: 'n1', gpuModel: 'nvidia-rtx-4090-24gb', gpuFamily: 'rtx-4090', gpuVramGb: 24, gpuCount: 1, usdPerGpuHour: '0.35' }),
  ];

  it('summarizes each network per GPU: counts, min / median / p90, firm vs estimate, freshness', () => {
    const out = comparePrices(offers, { gpuModels: ['h100'] });
    expect(out.gpus).toHaveLength(1);
    const akash = out.gpus[0].networks.find((n) => n.network === 'akash')!;
    expect(akash).toMatchObject({
      offers: 3,
      availableGpus: 20,
      minUsdPerGpuHour: '1.8',
      medianUsdPerGpuHour: '2.2',
      p90UsdPerGpuHour: '3',
      firmOffers: 1,
      estimateOffers: 2,
      staleOffers: 0,
      freshness: { oldestObservedAt: '2026-11-24T11:50:00Z', newestObservedAt: '2026-11-24T12:00:00Z' },
    });
  });

  it('never headlines a stale price when a fresh one exists', () => {
    const out = comparePrices(offers, { gpuModels: ['nvidia-h100-sxm-80gb'] });
    const render = out.gpus[0].networks.find((n) => n.network === 'render')!;
    expect(render.minUsdPerGpuHour).toBe('1'); // the statistics still show it …
    expect(render.staleOffers).toBe(1);
    expect(render.cheapest.offerId).toBe('r1'); // … but the cheapest offer is the fresh one
    expect(out.gpus[0].cheapest.offerId).toBe('a1');
  });

  it('prices the total for count × hours and compares with the cheapest hyperscaler', () => {
    const out = comparePrices(offers, { gpuModels: ['h100'], count: 8, hours: 6 });
    const h100 = out.gpus[0];
    // a2 has only 4 GPUs: left out for count 8.
    expect(h100.networks.find((n) => n.network === 'akash')!.offers).toBe(2);
    // 1.80 × 8 GPUs × 6 h = 86.4
    expect(h100.cheapest).toMatchObject({ offerId: 'a1', totalUsd: '86.4' });
    // The cheapest H100 reference: AWS p5.48xlarge 55.04 / 8 = 6.88 USD/GPU-h.
    expect(h100.hyperscaler).toMatchObject({ match: 'exact', usdPerGpuHour: '6.88', cheapest: { provider: 'aws', instanceType: 'p5.48xlarge' } });
    // (6.88 − 1.80) / 6.88 = 73.837…% → 73.84
    expect(h100.savingVsHyperscaler).toEqual({ percent: '73.84', usdPerGpuHour: '5.08' });
  });

  it('filters by region prefix and keeps GPUs apart by model and VRAM', () => {
    const out = comparePrices(offers, { region: 'US' });
    expect(out.gpus.map((g) => g.gpuModel)).toEqual(['nvidia-h100-sxm-80gb', 'nvidia-rtx-4090-24gb']);
    expect(out.gpus[0].networks.find((n) => n.network === 'akash')!.offers).toBe(2);
    expect(out.gpus[1].hyperscaler).toBeUndefined(); // no hyperscaler rents RTX 4090s
  });
});

describe('hyperscaler reference', () => {
  it('falls back to the same family and VRAM, never to another VRAM', () => {
    const a100pcie80 = hyperscalerReferenceFor({ gpuModel: 'nvidia-a100-pcie-80gb', gpuVramGb: 80, gpuFamily: 'a100' })!;
    expect(a100pcie80.match).toBe('exact'); // Azure NC24ads A100 v4
    const a100sxm80 = hyperscalerReferenceFor({ gpuModel: 'nvidia-a100-sxm-80gb', gpuVramGb: 80 })!;
    expect(a100sxm80.rows.every((r) => r.vramGb === 80)).toBe(true);
    const h100nvl = hyperscalerReferenceFor({ gpuModel: 'nvidia-h100-nvl-94gb', gpuVramGb: 94 });
    expect(h100nvl).toBeUndefined();
    const h100pcie = hyperscalerReferenceFor({ gpuModel: 'nvidia-h100-pcie-80gb', gpuVramGb: 80 })!;
    expect(h100pcie.match).toBe('family');
  });

  it('has a date, a source and a sane price on every row', () => {
    for (const row of HYPERSCALER_PRICES) {
      expect(row.priceDate).toMatch(/^20\d\d-\d\d$/);
      expect(row.source.length).toBeGreaterThan(10);
      const perGpu = Number(row.instanceUsdPerHour) / row.gpuCount;
      expect(perGpu).toBeGreaterThan(0.2);
      expect(perGpu).toBeLessThan(15);
    }
    expect(hyperscalerReferenceLookup([])({ gpuModel: 'nvidia-t4-16gb', gpuVramGb: 16 })).toBeUndefined();
  });
});
