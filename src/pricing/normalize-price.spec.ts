import type { NativePrice } from '../../adapters/sdk';
import type { FxAsset, FxQuoteView } from './fx/fx-quote';
import { normalizePrice, NormalizeInput } from './normalize-price';

const now = new Date('2026-11-24T12:00:00Z');
const quote = (asset: FxAsset, usd: string, stale = false): FxQuoteView => ({
  asset,
  usd,
  source: 'pyth-hermes',
  publishTime: '2026-11-24T11:59:58.000Z',
  confidence: '0.001',
  stale,
});
const market: Partial<Record<FxAsset, FxQuoteView>> = {
  AKT: quote('AKT', '2.5'),
  FIL: quote('FIL', '4'),
  RENDER: quote('RENDER', '5'),
  USDC: quote('USDC', '0.9998'),
  ACT: { ...quote('ACT', '1'), source: 'peg:akash-bme-act-usd' },
};
const price = (p: Partial<NativePrice>): NativePrice => ({ amount: '1', asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm', source: 'test', ...p });
const run = (p: Partial<NativePrice>, extra: Partial<NormalizeInput> = {}) =>
  normalizePrice({ price: price(p), gpuCount: 1, fx: (a) => market[a], now, observedAt: '2026-11-24T11:59:00Z', ...extra });

describe('normalizePrice: worked examples per network', () => {
  it.each([
    // Akash, AKT-denominated bid for a whole 8×GPU lease:
    //   19200 uakt/block × 600 blocks/h = 11,520,000 uakt/h = 11.52 AKT/h × 2.5 USD = 28.8 USD/h; ÷ 8 = 3.6 USD/GPU-h
    ['akash uakt per block, whole offer', { amount: '19200', asset: 'uakt', unit: 'block', per: 'offer' }, 8, undefined, '3.6', '28.8'],
    // Akash, ACT-denominated (BME, 1 ACT ≈ 1 USD): 2500 uact/block × 600 = 1,500,000 uact/h = 1.5 USD/GPU-h; × 4 GPUs = 6
    ['akash uact per block, per GPU', { amount: '2500', asset: 'uact', unit: 'block', per: 'gpu' }, 4, undefined, '1.5', '6'],
    // Akash, fractional uakt amounts are legal on chain: 33.333 × 600 / 1e6 × 2.5 = 0.0499995 USD/GPU-h
    ['akash fractional uakt', { amount: '33.333', asset: 'uakt', unit: 'block', per: 'gpu' }, 1, undefined, '0.0499995', '0.0499995'],
    // Filecoin: 5×10^15 attoFIL/epoch × 120 epochs/h = 6×10^17 attoFIL/h = 0.6 FIL/h × 4 USD = 2.4 USD/GPU-h
    ['filecoin attoFIL per epoch', { amount: '5000000000000000', asset: 'attoFIL', unit: 'epoch', per: 'gpu' }, 1, undefined, '2.4', '2.4'],
    // Render, USD per OBh: an RTX 4090 scoring 1100 delivers 1100 OBh/h; 0.0007 × 1100 = 0.77 USD/GPU-h
    ['render USD per OBh', { amount: '0.0007', asset: 'USD', unit: 'obh', per: 'gpu' }, 1, 1100, '0.77', '0.77'],
    // Render, RENDER per OBh: 0.0002 RENDER × 5 USD = 0.001 USD/OBh × 1000 OBh/h = 1 USD/GPU-h; 2 GPUs → 2 USD/h
    ['render RENDER per OBh', { amount: '0.0002', asset: 'RENDER', unit: 'obh', per: 'gpu' }, 2, 1000, '1', '2'],
    // Render Compute / native: USD per hour for an 8-GPU box: 16 / 8 = 2 USD/GPU-h
    ['hourly USD per offer', { amount: '16.00', asset: 'USD', unit: 'hour', per: 'offer' }, 8, undefined, '2', '16'],
    // Hourly USDC: 1.25 × 0.9998 = 1.24975 USD/GPU-h
    ['hourly USDC per GPU', { amount: '1.25', asset: 'USDC', unit: 'hour', per: 'gpu' }, 1, undefined, '1.24975', '1.24975'],
  ] as const)('%s', (_name, p, gpuCount, octaneBench, perGpu, perHour) => {
    const out = run(p as Partial<NativePrice>, { gpuCount, octaneBench });
    expect(out).toMatchObject({ ok: true, usdPerGpuHour: perGpu, usdPerHour: perHour, stale: false, staleReasons: [] });
  });

  it('adds mandatory extras in their own units: 1.5 USD/GPU-h + 0.2 USD/h storage for a 4-GPU offer = 1.55', () => {
    const out = run({ amount: '1.5', extras: [{ name: 'storage', amount: '0.2', asset: 'USD', unit: 'hour', per: 'offer' }] }, { gpuCount: 4 });
    expect(out).toMatchObject({ ok: true, usdPerGpuHour: '1.55', usdPerHour: '6.2' });
    if (!out.ok) return;
    expect(out.provenance.extras).toEqual([expect.objectContaining({ name: 'storage', usdPerGpuHour: '0.05' })]);
    expect(out.provenance.formula).toBe('1.5 USD/hour = 1.5 USD/GPU-h + storage: 0.2 USD/hour ÷ 4 GPU = 0.05 USD/GPU-h → 1.55 USD/GPU-h');
  });

  it('keeps the provenance a user needs to check the number', () => {
    const out = run({ amount: '19200', asset: 'uakt', unit: 'block', per: 'offer', kind: 'estimate', source: 'console gpu-prices' }, { gpuCount: 8 });
    expect(out.ok && out.provenance).toEqual({
      native: { amount: '19200', asset: 'uakt', unit: 'block', per: 'offer', kind: 'estimate', source: 'console gpu-prices' },
      // Pyth's own repository does not list the AKT feed id (fx/feed-registry.ts): the price says so.
      fx: [
        {
          asset: 'AKT',
          usd: '2.5',
          source: 'pyth-hermes',
          publishTime: '2026-11-24T11:59:58.000Z',
          confidence: '0.001',
          stale: false,
          unconfirmedFeeds: ['pyth-feed-id:AKT'],
        },
      ],
      extras: [],
      gpuCount: 8,
      octaneBench: undefined,
      observedAt: '2026-11-24T11:59:00Z',
      formula: '19200 uakt/block ÷ 10^6 × 2.5 USD/AKT × 600 block/h ÷ 8 GPU = 3.6 USD/GPU-h',
    });
  });

  it('uses the ACT peg when no ACT quote is available, and says so', () => {
    const out = normalizePrice({
      price: price({ amount: '1000', asset: 'uact', unit: 'block' }),
      gpuCount: 1,
      fx: () => undefined,
      now,
      observedAt: now.toISOString(),
    });
    expect(out).toMatchObject({ ok: true, usdPerGpuHour: '0.6', stale: false });
    expect(out.ok && out.provenance.fx[0].source).toBe('peg:akash-bme-act-usd');
  });
});

describe('normalizePrice: staleness is reported, never hidden', () => {
  it('marks the price stale when the FX quote it used is stale', () => {
    const out = normalizePrice({
      price: price({ amount: '1000', asset: 'uakt', unit: 'block' }),
      gpuCount: 1,
      fx: (a) => (a === 'AKT' ? quote('AKT', '2', true) : undefined),
      now,
      observedAt: now.toISOString(),
    });
    expect(out).toMatchObject({
      ok: true,
      usdPerGpuHour: '1.2',
      stale: true,
      staleReasons: ['FX AKT/USD quote from pyth-hermes is stale (published 2026-11-24T11:59:58.000Z)'],
    });
  });

  it('marks the price stale when the offer was observed too long ago', () => {
    const out = run({ amount: '2' }, { observedAt: '2026-11-24T11:00:00Z', maxOfferAgeMs: 15 * 60_000 });
    expect(out).toMatchObject({ ok: true, stale: true, staleReasons: ['offer observed 3600 s ago (max 900 s)'] });
  });

  it('assumes USDC at par only with a stale flag', () => {
    const out = normalizePrice({ price: price({ amount: '2', asset: 'USDC' }), gpuCount: 1, fx: () => undefined, now, observedAt: now.toISOString() });
    expect(out).toMatchObject({ ok: true, usdPerGpuHour: '2', stale: true, staleReasons: ['no USDC/USD quote: assumed 1 USDC = 1 USD'] });
  });
});

describe('normalizePrice: refusals', () => {
  it.each([
    ['no FX quote for the token', { amount: '1', asset: 'SOL', unit: 'hour' }, {}, 'price: no FX quote for SOL/USD'],
    [
      'OBh without an OctaneBench score',
      { amount: '0.001', asset: 'USD', unit: 'obh' },
      {},
      "price: priced per OctaneBench-hour but the GPU's OctaneBench score is unknown",
    ],
    ['a zero price', { amount: '0' }, {}, 'price: amount must be positive, got 0'],
    ['a float-looking amount', { amount: '1e-3' }, {}, 'price: amount "1e-3" is not a decimal string'],
    ['an unknown token', { amount: '1', asset: 'DOGE' }, {}, 'price: unknown asset DOGE'],
    ['an unknown unit', { amount: '1', unit: 'fortnight' }, {}, 'price: unknown price unit fortnight'],
    ['zero GPUs', { amount: '1' }, { gpuCount: 0 }, 'GPU count must be a positive integer, got 0'],
  ] as const)('%s', (_name, p, extra, reason) => {
    expect(run(p as Partial<NativePrice>, extra as Partial<NormalizeInput>)).toEqual({ ok: false, reason });
  });
});
