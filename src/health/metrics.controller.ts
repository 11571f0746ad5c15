import { Controller, Get, Header } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { FxService } from '../pricing/fx.service';
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
    private readonly db: DataSource,
    private readonly modules: ModuleRef,
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
      this.metrics.offers.set({ network: h.id }, this.pool.index.networkOffers(h.id).filter((o) => o.expiresAtMs > now).length);
      const score = this.health.cached().get(h.id)?.score;
      if (score !== undefined) this.metrics.healthScore.set({ network: h.id }, score);
    }
    this.metrics.indexSize.set(this.pool.index.size);
    await this.observeJobs();
    // The FX service lives in the pricing module; looked up at run time (absent: no FX gauge).
    const fx = this.modules.get(FxService, { strict: false }) as FxService | undefined;
    for (const q of fx?.details().quotes ?? []) this.metrics.fxAge.set({ asset: q.asset }, q.ageS);
    return this.metrics.registry.metrics();
  }
}
