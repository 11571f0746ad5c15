import { Controller, Get, Header, Inject, Optional } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { FxService } from '../pricing/fx.service';
import { LIVE_OFFERS, LiveOffers } from './live-offers';
import { NetworkBreakers } from './network-breakers';
import { NetworkHealthService } from './network-health.service';
import { MetricsService } from './metrics.service';
import { NetworkRegistry } from '../plugins/network-registry';

@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly registry: NetworkRegistry,
    private readonly breakers: NetworkBreakers,
    private readonly health: NetworkHealthService,
    @Inject(LIVE_OFFERS) private readonly pool: LiveOffers,
    private readonly db: DataSource,
    /** The FX service of PricingModule; absent, no FX gauge. */
    @Optional() private readonly fx?: FxService,
  ) {}

  private async observeJobs(): Promise<void> {
    const rows: Array<{ state: string; n: number; spend: string }> = await this.db.query(
      'SELECT state, count(*)::int AS n, COALESCE(SUM(cost_usd), 0)::text AS spend FROM jobs GROUP BY state',
    );
    this.metrics.jobs.reset();
    let spend = 0;
    for (const r of rows) {
      this.metrics.jobs.set({ state: r.state }, r.n);
      spend += Number(r.spend); // a gauge is a float anyway; the ledger keeps the exact amounts
    }
    this.metrics.spendUsd.set(spend);
  }

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    const now = Date.now();
    for (const h of this.registry.list()) {
      const state = this.breakers.state(h.id);
      this.metrics.breakerOpen.set({ network: h.id }, state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0);
      this.metrics.offers.set({ network: h.id }, this.pool.ofNetwork(h.id, now).length);
      const score = this.health.cached().get(h.id)?.score;
      if (score !== undefined) this.metrics.healthScore.set({ network: h.id }, score);
    }
    this.metrics.indexSize.set(this.pool.indexSize());
    await this.observeJobs();
    for (const q of this.fx?.details().quotes ?? []) this.metrics.fxAge.set({ asset: q.asset }, q.ageS);
    return this.metrics.registry.metrics();
  }
}
