// A pool offer for specs: an 8× H100 SXM on a firm USD price, observed at `observedAtMs`; override what matters.
import type { PoolOffer } from './pool-offer';
import { toMicros } from '../pricing/money';

export function poolOfferFixture(
  overrides: Partial<PoolOffer> & { network: string; offerId: string },
  usdPerGpuHour = '1.50',
  observedAtMs = Date.parse('2026-11-24T12:00:00Z'),
): PoolOffer {
  return {
    providerId: `${overrides.offerId}-prov`,
    providerName: null,
    region: 'us-east',
    country: 'US',
    providerAttributes: null,
    gpuLabel: 'h100',
    gpuModel: 'nvidia-h100-sxm-80gb',
    gpuFamily: 'h100',
    gpuVramGb: 80,
    gpuCount: 8,
    fixedCount: false,
    cpu: 64,
    memoryGb: 512,
    diskGb: 1000,
    nativePrice: { amount: usdPerGpuHour, asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm', source: 'test' },
    priceKind: 'firm',
    usdPerGpuHour,
    usdPerHour: usdPerGpuHour,
    usdPerGpuHourMicros: toMicros(usdPerGpuHour),
    provenance: {},
    stale: false,
    signals: {},
    observedAt: new Date(observedAtMs).toISOString(),
    publishedAt: new Date(observedAtMs).toISOString(),
    expiresAtMs: observedAtMs + 60_000,
    ...overrides,
  };
}
