import { comparePrices, PricedOfferView } from './compare-prices';
import { hyperscalerReferenceLookup } from './hyperscaler-reference';
import { HYPERSCALER_PRICES, HYPERSCALER_SNAPSHOT, loadHyperscalerSnapshot } from './hyperscaler-reference.data';

// The snapshot's AWS rows were read on 2026-12-05; its GCP and Azure rows are hand-typed from 2024-06.
const reference = hyperscalerReferenceLookup(HYPERSCALER_PRICES, { maxAgeDays: 120, now: () => new Date('2026-12-10T00:00:00Z') });

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

const offersFixture = (): PricedOfferView[] => [
  offer({ offerId: 'a1', usdPerGpuHour: '1.80', observedAt: '2026-11-24T11:50:00Z' }),
  offer({ offerId: 'a2', usdPerGpuHour: '2.20', gpuCount: 4, priceKind: 'firm' }),
  offer({ offerId: 'a3', usdPerGpuHour: '3.00', region: 'eu-west' }),
  offer({ network: 'render', offerId: 'r1', usdPerGpuHour: '2.00', priceKind: 'firm', observedAt: '2026-11-24T11:58:00Z' }),
  offer({ network: 'render', offerId: 'r2', usdPerGpuHour: '1.00', stale: true }),
  offer({ network: 'native', offerId: 'n1', gpuModel: 'nvidia-rtx-4090-24gb', gpuFamily: 'rtx-4090', gpuVramGb: 24, gpuCount: 1, usdPerGpuHour: '0.35' }),
];

describe('comparePrices', () => {
  const offers = offersFixture();

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
    const out = comparePrices(offers, { gpuModels: ['h100'], count: 8, hours: 6 }, reference);
    const h100 = out.gpus[0];
    // a2 has only 4 GPUs: left out for count 8.
    expect(h100.networks.find((n) => n.network === 'akash')!.offers).toBe(2);
    // 1.80 × 8 GPUs × 6 h = 86.4
    expect(h100.cheapest).toMatchObject({ offerId: 'a1', totalUsd: '86.4' });
    // The cheapest H100 reference: GCP us-central1's GPU price, 16.80304 / 4 = 4.20076 USD/GPU-h (the VM is
    // extra, so the saving is understated, never overstated); AWS p5.48xlarge (55.04 / 8 = 6.88) is shown too.
    expect(h100.hyperscaler).toMatchObject({
      match: 'exact',
      stale: false,
      usdPerGpuHour: '4.20076',
      cheapest: { provider: 'gcp', instanceType: 'H100 x4 (GPU only)' },
    });
    expect(h100.hyperscaler!.rows.find((r) => r.instanceType === 'p5.48xlarge')).toMatchObject({ usdPerGpuHour: '6.88', stale: false });
    // The yardstick names its catalog, commit and the day it was read.
    expect(h100.hyperscaler!.cheapest!.source).toMatchObject({
      catalog: 'skypilot-org/skypilot-catalog',
      path: 'catalogs/v8/gcp/vms.csv',
      commit: '8427bbff988abdd050a9f51addd314ef31cb4e85',
      observedAt: '2026-12-05',
    });
    // (4.20076 − 1.80) / 4.20076 = 57.151…% → 57.15
    expect(h100.savingVsHyperscaler).toEqual({ percent: '57.15', usdPerGpuHour: '2.40076' });
  });

  it('says which prices rest on an oracle identifier the oracle does not confirm', () => {
    const out = comparePrices(
      [
        ...offers,
        offer({ network: 'render', offerId: 'r3', usdPerGpuHour: '2.10', unconfirmedFxFeeds: ['pyth-feed-id:RENDER', 'pyth-solana-sponsored:RENDER'] }),
      ],
      { gpuModels: ['h100'] },
      reference,
    );
    const render = out.gpus[0].networks.find((n) => n.network === 'render')!;
    expect(render).toMatchObject({ offersOnUnconfirmedFx: 1, unconfirmedFxFeeds: ['pyth-feed-id:RENDER', 'pyth-solana-sponsored:RENDER'] });
    expect(out.gpus[0].networks.find((n) => n.network === 'akash')).toMatchObject({ offersOnUnconfirmedFx: 0, unconfirmedFxFeeds: [] });
  });

  it('filters by region prefix and keeps GPUs apart by model and VRAM', () => {
    const out = comparePrices(offers, { region: 'US' }, reference);
    expect(out.gpus.map((g) => g.gpuModel)).toEqual(['nvidia-h100-sxm-80gb', 'nvidia-rtx-4090-24gb']);
    expect(out.gpus[0].networks.find((n) => n.network === 'akash')!.offers).toBe(2);
    expect(out.gpus[1].hyperscaler).toBeUndefined(); // no hyperscaler rents RTX 4090s
  });
});

describe('hyperscaler reference', () => {
  it('falls back to the same family and VRAM, never to another VRAM', () => {
    const a100sxm80 = reference({ gpuModel: 'nvidia-a100-sxm-80gb', gpuVramGb: 80 })!;
    expect(a100sxm80).toMatchObject({ match: 'exact', stale: false, cheapest: { provider: 'gcp', instanceType: 'A100-80GB x8 (GPU only)' } });
    expect(a100sxm80.rows.map((r) => r.instanceType)).toEqual(expect.arrayContaining(['p4de.24xlarge', 'Standard_ND96amsr_A100_v4']));
    expect(a100sxm80.rows.every((r) => r.vramGb === 80)).toBe(true);
    // Azure's NC A100 v4 is the PCIe part: an exact reference of its own (14.692 / 4).
    const a100pcie80 = reference({ gpuModel: 'nvidia-a100-pcie-80gb', gpuVramGb: 80, gpuFamily: 'a100' })!;
    expect(a100pcie80).toMatchObject({ match: 'exact', stale: false, usdPerGpuHour: '3.673', cheapest: { instanceType: 'Standard_NC96ads_A100_v4' } });
    // Azure's NCads H100 v5 is the H100 NVL 94GB (13.96 / 2); a 40GB A100 never stands in for an 80GB one.
    expect(reference({ gpuModel: 'nvidia-h100-nvl-94gb', gpuVramGb: 94 })).toMatchObject({
      match: 'exact',
      usdPerGpuHour: '6.98',
      cheapest: { instanceType: 'Standard_NC80adis_H100_v5' },
    });
    expect(reference({ gpuModel: 'nvidia-h100-pcie-80gb', gpuVramGb: 80 })!.match).toBe('family');
    expect(reference({ gpuModel: 'nvidia-a100-pcie-40gb', gpuVramGb: 40, gpuFamily: 'a100' })!.rows.every((r) => r.vramGb === 40)).toBe(true);
  });

  it('covers the H200 from the maintained catalog', () => {
    const h200 = reference({ gpuModel: 'nvidia-h200-sxm-141gb', gpuVramGb: 141, gpuFamily: 'h200' })!;
    // p5en.48xlarge 63.296 / 8 = 7.912 USD per GPU-hour.
    expect(h200).toMatchObject({
      match: 'exact',
      stale: false,
      usdPerGpuHour: '7.912',
      cheapest: { provider: 'aws', instanceType: 'p5en.48xlarge', handTyped: false },
    });
  });

  it('shows a reference older than the maximum age as stale, with no yardstick and no saving', () => {
    // The snapshot's GCP rows as if their catalog had been read on 2024-06-01: far past 120 days on 2026-12-10.
    const old = {
      ...HYPERSCALER_SNAPSHOT,
      sources: { ...HYPERSCALER_SNAPSHOT.sources, 'skypilot-gcp': { ...HYPERSCALER_SNAPSHOT.sources['skypilot-gcp'], observedAt: '2024-06-01' } },
    };
    const gcpOnly = loadHyperscalerSnapshot({ ...old, rows: old.rows.filter((r) => r.provider === 'gcp') });
    const at = () => new Date('2026-12-10T00:00:00Z');
    const strict = hyperscalerReferenceLookup(gcpOnly, { maxAgeDays: 120, now: at });
    const l4 = strict({ gpuModel: 'nvidia-l4-24gb', gpuVramGb: 24 })!;
    expect(l4.stale).toBe(true);
    expect(l4.usdPerGpuHour).toBeUndefined();
    expect(l4.rows[0]).toMatchObject({ provider: 'gcp', stale: true, handTyped: false });
    expect(l4.rows[0].ageDays).toBeGreaterThan(900);
    const l4Offer = offer({ gpuModel: 'nvidia-l4-24gb', gpuFamily: 'l4', gpuVramGb: 24, usdPerGpuHour: '0.30' });
    const out = comparePrices([l4Offer], {}, strict);
    expect(out.gpus[0].hyperscaler!.stale).toBe(true);
    expect(out.gpus[0].savingVsHyperscaler).toBeUndefined();
    expect(out.gpus[0].networks[0].savingVsHyperscaler).toBeUndefined();
    // The same row within a longer maximum age is a yardstick again.
    const lenient = hyperscalerReferenceLookup(gcpOnly, { maxAgeDays: 3650, now: at });
    // (0.56004 − 0.30) / 0.56004 (L4 x8, 4.48032 / 8) = 46.432…% → 46.43
    expect(comparePrices([l4Offer], {}, lenient).gpus[0].savingVsHyperscaler).toEqual({ percent: '46.43', usdPerGpuHour: '0.26004' });
    // With only the GCP rows old, the fresh AWS L4 row (g6.12xlarge, 4.6016 / 4) is the yardstick, the stale GCP row only shown.
    const both = hyperscalerReferenceLookup(loadHyperscalerSnapshot(old), { maxAgeDays: 120, now: at })({ gpuModel: 'nvidia-l4-24gb', gpuVramGb: 24 })!;
    expect(both).toMatchObject({ stale: false, usdPerGpuHour: '1.1504', cheapest: { instanceType: 'g6.12xlarge' } });
    expect(both.rows.find((r) => r.provider === 'gcp')!.stale).toBe(true);
  });

  it('lists what was asked for but is not on offer, with its reference, never a silent empty list', () => {
    const out = comparePrices(offersFixture(), { gpuModels: ['nvidia-h200-sxm-141gb', 'mi300x'] }, reference);
    expect(out.gpus).toEqual([]);
    expect(out.withoutOffers.map((w) => w.gpuModel)).toEqual(['amd-mi300x-192gb', 'nvidia-h200-sxm-141gb']);
    expect(out.withoutOffers[1].hyperscaler).toMatchObject({ usdPerGpuHour: '7.912' });
    expect(out.withoutOffers[0].reason).toMatch(/no network offers it/);
    // With no filter, every GPU the snapshot covers and the pool lacks is listed with its reference.
    const all = comparePrices([], {}, reference);
    expect(all.withoutOffers.map((w) => w.gpuModel)).toContain('nvidia-h200-sxm-141gb');
    expect(all.hyperscalerSources.gaps).toEqual([expect.objectContaining({ provider: 'alibaba' })]);
    expect(all.hyperscalerSources.sources.map((s) => s.id).sort()).toEqual(['skypilot-aws', 'skypilot-azure', 'skypilot-gcp']);
  });

  it('has a source, a read date and a sane price on every row; an unmapped accelerator is an error', () => {
    for (const row of HYPERSCALER_PRICES) {
      expect(row.source.observedAt).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(row.source.catalog.length).toBeGreaterThan(10);
      if (!row.handTyped) expect(row.source.commit).toMatch(/^[0-9a-f]{40}$/);
      const perGpu = Number(row.instanceUsdPerHour) / row.gpuCount;
      expect(perGpu).toBeGreaterThan(0.2);
      expect(perGpu).toBeLessThan(20);
    }
    expect(['aws', 'gcp', 'azure'].every((p) => HYPERSCALER_PRICES.some((r) => r.provider === p))).toBe(true);
    expect(hyperscalerReferenceLookup([])({ gpuModel: 'nvidia-t4-16gb', gpuVramGb: 16 })).toBeUndefined();
    const bad = { ...HYPERSCALER_SNAPSHOT, rows: [{ ...HYPERSCALER_SNAPSHOT.rows[0], accelerator: 'Gaudi3' }] };
    expect(() => loadHyperscalerSnapshot(bad)).toThrow(/Gaudi3/);
  });
});
