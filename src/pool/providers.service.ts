import { Injectable } from '@nestjs/common';
import { ProblemException } from '../common/problem';
import { offerView } from './offer-view';
import type { PoolOffer } from './pool-offer';
import { PoolViewService } from './pool-view.service';

@Injectable()
export class ProvidersService {
  constructor(private readonly view: PoolViewService) {}

  list(q: { network?: string; limit: number }) {
    const now = Date.now();
    const groups = new Map<string, PoolOffer[]>();
    for (const o of this.view.pool.index.all(now)) {
      if (q.network && o.network !== q.network) continue;
      const key = `${o.network}/${o.providerId}`;
      const list = groups.get(key);
      if (list) list.push(o);
      else groups.set(key, [o]);
    }
    const items = [...groups.values()].map((offers) => this.summary(offers)).sort((a, b) => a.id.localeCompare(b.id));
    return { total: items.length, items: items.slice(0, q.limit) };
  }

  get(network: string, providerId: string) {
    const now = new Date();
    const offers = this.view.pool.index.networkOffers(network).filter((o) => o.providerId === providerId && o.expiresAtMs > now.getTime());
    if (!offers.length) throw new ProblemException(404, 'not-found', 'Not found', `Provider ${network}/${providerId} has no live offers.`);
    return { ...this.summary(offers), offers: offers.map((o) => offerView(o, this.view.scoreOf(o), now)) };
  }

  private summary(offers: PoolOffer[]) {
    const first = offers[0];
    const cheapest = offers.reduce((a, b) => (b.usdPerGpuHourMicros < a.usdPerGpuHourMicros ? b : a));
    return {
      id: `${first.network}/${first.providerId}`,
      network: first.network,
      providerId: first.providerId,
      name: first.providerName,
      region: first.region,
      country: first.country,
      gpus: offers.reduce((s, o) => s + o.gpuCount, 0),
      models: [...new Set(offers.map((o) => o.gpuModel))],
      cheapestUsdPerGpuHour: cheapest.usdPerGpuHour,
      score: Math.max(...offers.map((o) => this.view.scoreOf(o))),
      signals: first.signals,
    };
  }
}
