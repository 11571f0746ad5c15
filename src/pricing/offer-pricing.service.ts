// The bridge the pool uses at sync time: a normalizer bound to the FX quotes current at that moment.
// Its `forSync` matches the pool's OfferPricer, so the pool binds it with
// `{ provide: OFFER_PRICER, useExisting: OfferPricingService }`.
import { Injectable } from '@nestjs/common';
import { FxService } from './fx.service';
import { NormalizeInput, normalizePrice, NormalizeResult } from './normalize-price';

export type BoundNormalizer = (input: Omit<NormalizeInput, 'fx'>) => NormalizeResult;

@Injectable()
export class OfferPricingService {
  constructor(private readonly fx: FxService) {}

  async forSync(now: Date): Promise<BoundNormalizer> {
    const fx = this.fx.lookup(now);
    return (input) => normalizePrice({ ...input, fx });
  }
}
