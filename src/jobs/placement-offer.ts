import type { Offer } from '../../adapters/sdk';
import type { PoolOffer } from '../pool/pool-offer';

/** The SDK Offer handed to an adapter's submit(), rebuilt from the pool's view of it. */
export function offerForSubmit(o: PoolOffer, raw?: unknown): Offer {
  return {
    network: o.network,
    offerId: o.offerId,
    provider: {
      id: o.providerId,
      name: o.providerName ?? undefined,
      region: o.region ?? undefined,
      country: o.country ?? undefined,
      attributes: o.providerAttributes ?? undefined,
    },
    gpu: { label: o.gpuLabel, vramGb: o.gpuVramGb, count: o.gpuCount, fixedCount: o.fixedCount },
    cpu: o.cpu ?? undefined,
    memoryGb: o.memoryGb ?? undefined,
    diskGb: o.diskGb ?? undefined,
    price: o.nativePrice,
    signals: o.signals,
    observedAt: o.observedAt,
    raw,
  };
}
