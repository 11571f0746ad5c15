import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NetworkBreakers } from './network-breakers';
import { NetworkHealthService } from './network-health.service';
import { MetricsService } from './metrics.service';
import { NetworkRegistry } from '../plugins/network-registry';
import { PoolIndexService } from '../pool/pool-index.service';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly registry: NetworkRegistry,
    private readonly breakers: NetworkBreakers,
    private readonly health: NetworkHealthService,
    private readonly pool: PoolIndexService,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    const now = Date.now();
    for (const h of this.registry.list()) {
      const state = this.breakers.state(h.id);
      this.metrics.breakerOpen.set({ network: h.id }, state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0);
      this.metrics.offers.set({ network: h.id }, this.pool.index.networkOffers(h.id).filter((o) => o.expiresAtMs > now).length);
      const score = this.health.cached().get(h.id)?.score;
      if (score !== undefined) this.metrics.healthScore.set({ network: h.id }, score);
    }
    this.metrics.indexSize.set(this.pool.index.size);
    return this.metrics.registry.metrics();
  }
}
