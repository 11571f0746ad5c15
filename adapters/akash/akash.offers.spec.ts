import { deploymentGpu } from './akash.adapter';
import { gpuOfOfferId, offerIdFor, offersFromConsole, sameGpuAt } from './akash.offers';
import { generateSdl } from './sdl/generate-sdl';
import type { GpuPricesResponse } from './akash.wire';

const OWNER_A = 'akash18ga02jzaq8cw52anyhzkwta5wygufgu6zsz6xc';
const OWNER_B = 'akash1qpzry9x8gf2tvdw0s3jn54khce6mua7lqpzry9';
const OWNER_C = 'akash1mua7lqpzry9x8gf2tvdw0s3jn54khce6qpzry9';

function provider(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    owner: OWNER_A,
    name: 'provider.example.com',
    hostUri: 'https://provider.example.com:8443',
    isOnline: true,
    isAudited: true,
    uptime1d: 1,
    uptime7d: 0.998,
    uptime30d: 0.99,
    ipRegion: 'California',
    ipCountryCode: 'US',
    locationRegion: 'us-west',
    country: 'US',
    stats: {
      gpu: { active: 6, available: 2, pending: 0, total: 8 },
      cpu: { active: 96000, available: 160000, pending: 0, total: 256000 },
      memory: { active: 412316860416, available: 687194767360, pending: 0, total: 1099511627776 },
    },
    gpuModels: [{ vendor: 'nvidia', model: 'h100', ram: '80Gi', interface: 'SXM5' }],
    attributes: [
      { key: 'region', value: 'us-west', auditedBy: [] },
      { key: 'capabilities/gpu/vendor/nvidia/model/h100', value: 'true', auditedBy: [] },
    ],
    ...overrides,
  };
}

const prices: GpuPricesResponse = {
  availability: { total: 120, available: 20 },
  models: [
    {
      vendor: 'nvidia',
      model: 'h100',
      ram: '80Gi',
      interface: 'SXM5',
      availability: { total: 96, available: 8 },
      providerAvailability: { total: 9, available: 3 },
      price: { currency: 'USD', min: 1.18, max: 2.4, avg: 1.62, weightedAverage: 1.55, med: 1.5 },
    },
    {
      vendor: 'nvidia',
      model: 'rtx4090',
      ram: '24Gi',
      interface: 'PCIe',
      availability: { total: 24, available: 12 },
      price: { currency: 'USD', min: 0.2, max: 0.5, avg: 0.34, weightedAverage: 0.33, med: 0.31 },
    },
    { vendor: 'nvidia', model: 'a6000', ram: '48Gi', interface: 'PCIe', availability: { total: 4, available: 0 }, price: null },
  ],
};

const at = '2026-07-01T12:00:00.000Z';

describe('offersFromConsole', () => {
  it('turns an online provider into one offer per GPU model, priced from recent bids and the providers free now, as an estimate', () => {
    const { offers, quarantined } = offersFromConsole([provider({})], prices, at);
    expect(quarantined).toEqual([]);
    expect(offers).toHaveLength(1);
    const [offer] = offers;
    expect(offer).toMatchObject({
      network: 'akash',
      offerId: `${OWNER_A}/nvidia/h100/80Gi/sxm`,
      provider: { id: OWNER_A, name: 'provider.example.com', region: 'us-west', country: 'US' },
      gpu: { label: 'h100', vendor: 'nvidia', vramGb: 80, interface: 'sxm', count: 2 },
      cpu: 160,
      memoryGb: 640,
      // 3 providers have an H100 free: the cheapest of them bids at or below percentile 73 of the spread 98 % of
      // the time (1 − 0.02^(1/3)), 1.5 + (2.4 − 1.5) × 0.4571 between the median and the top.
      price: { amount: '1.911405', asset: 'USD', unit: 'hour', per: 'gpu', kind: 'estimate' },
      signals: { online: true, uptime: 0.998, audited: true },
      observedAt: at,
    });
    expect(offer.price.source).toMatch(
      /gpu-prices: percentile 73 of recent bids for nvidia h100 80Gi sxm, 3 provider\(s\) with one free; a market estimate until this provider bids/,
    );
    expect(offer.provider.attributes).toEqual({ region: 'us-west', hostUri: 'https://provider.example.com:8443' });
  });

  it('leaves offline providers and providers without free GPUs out of the offers', () => {
    const { offers, quarantined } = offersFromConsole(
      [provider({ isOnline: false }), provider({ owner: OWNER_B, stats: { gpu: { active: 8, available: 0, pending: 0, total: 8 } } })],
      prices,
      at,
    );
    expect(offers).toEqual([]);
    expect(quarantined).toEqual([]);
  });

  it('quarantines malformed records and models without a market price instead of failing the listing', () => {
    const { offers, quarantined } = offersFromConsole(
      [
        provider({ owner: 'not-an-address' }),
        provider({ owner: OWNER_B, gpuModels: [{ vendor: 'nvidia', model: 'a6000', ram: '48Gi', interface: 'PCIe' }] }),
        provider({ owner: OWNER_C, gpuModels: [{ vendor: 'nvidia', model: 'rtx4090', ram: '24Gi', interface: 'PCIe' }] }),
      ],
      prices,
      at,
    );
    expect(offers.map((o) => o.offerId)).toEqual([`${OWNER_C}/nvidia/rtx4090/24Gi/pcie`]);
    expect(quarantined).toHaveLength(2);
    expect(quarantined[0].reason).toMatch(/owner/);
    expect(quarantined[1].reason).toMatch(/no gpu-prices market price for nvidia a6000/);
  });

  it('quotes higher while our own orders for the GPU are ahead: they take the cheapest free providers first', () => {
    const ahead = (n: number) => (gpu: string) => (gpu === 'nvidia/h100/80/sxm' ? n : 0);
    const price = (n: number) => offersFromConsole([provider({})], prices, at, ahead(n)).offers[0].price;
    expect(price(0).amount).toBe('1.911405');
    // Two of the three free providers are spoken for: quoted as if one were free.
    expect(price(2).amount).toBe('2.364');
    expect(price(2).source).toMatch(/3 provider\(s\) with one free and 2 of our orders ahead/);
    expect(price(9).amount).toBe('2.364');
  });

  it('prices a model by the closest entry when the exact ram/interface has no bids, and says so', () => {
    const { offers } = offersFromConsole([provider({ gpuModels: [{ vendor: 'nvidia', model: 'h100', ram: '80Gi', interface: 'PCIe' }] })], prices, at);
    expect(offers[0].gpu.interface).toBe('pcie');
    expect(offers[0].price.amount).toBe('1.911405');
    expect(offers[0].price.source).toMatch(/closest model match/);
  });

  it('gives each model of a multi-model provider its own offer', () => {
    const { offers } = offersFromConsole(
      [
        provider({
          gpuModels: [
            { vendor: 'nvidia', model: 'h100', ram: '80Gi', interface: 'SXM5' },
            { vendor: 'nvidia', model: 'rtx4090', ram: '24Gi', interface: 'PCIe' },
          ],
        }),
      ],
      prices,
      at,
    );
    expect(offers.map((o) => [o.gpu.label, o.price.amount])).toEqual([
      ['h100', '1.911405'],
      // No providerAvailability for this model: the median.
      ['rtx4090', '0.31'],
    ]);
  });
});

describe('offer ids name the GPU', () => {
  it('reads vendor, model, ram and interface back from an offer id, and moves it to another provider', () => {
    const id = offerIdFor(OWNER_A, { vendor: 'nvidia', model: 'h100', ram: '80Gi', interface: 'SXM5' });
    expect(gpuOfOfferId(id)).toEqual({ owner: OWNER_A, vendor: 'nvidia', model: 'h100', ram: '80Gi', interface: 'sxm' });
    expect(sameGpuAt(id, OWNER_B)).toBe(`${OWNER_B}/nvidia/h100/80Gi/sxm`);
    expect(gpuOfOfferId(offerIdFor(OWNER_A, { vendor: 'nvidia', model: 'rtx4090' }))).toEqual({
      owner: OWNER_A,
      vendor: 'nvidia',
      model: 'rtx4090',
      ram: undefined,
      interface: undefined,
    });
    expect(gpuOfOfferId('not-an-akash-offer')).toBeUndefined();
  });

  it('asks the deployment for the offer’s exact GPU even when the host hands back only a label and VRAM', () => {
    const offerId = offerIdFor(OWNER_A, { vendor: 'nvidia', model: 'h100', ram: '80Gi', interface: 'PCIe' });
    const fromHost = { offerId, gpu: { label: 'h100', vramGb: 80, count: 1 } };
    expect(deploymentGpu(fromHost)).toEqual({ vendor: 'nvidia', label: 'h100', vramGb: 80, interface: 'pcie' });
    const sdl = generateSdl({
      job: { name: 'x', image: 'i:1', resources: { gpu: { count: 1 } } },
      gpu: deploymentGpu(fromHost),
      capPerBlock: '500',
      denom: 'uact',
      idempotencyKey: 'k',
    });
    expect(sdl).toMatch(/interface: pcie/);
    expect(sdl).toMatch(/ram: 80Gi/);
  });
});
