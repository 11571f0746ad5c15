import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus registry of this process: sync, pool, breaker and HTTP metrics. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly syncDuration = new Histogram({
    name: 'switchyard_sync_duration_seconds',
    help: 'Duration of offer syncs per network and result',
    labelNames: ['network', 'result'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly syncs = new Counter({
    name: 'switchyard_syncs_total',
    help: 'Offer syncs per network and result',
    labelNames: ['network', 'result'],
    registers: [this.registry],
  });
  readonly offers = new Gauge({
    name: 'switchyard_offers',
    help: "Live offers per network in this replica's index",
    labelNames: ['network'],
    registers: [this.registry],
  });
  readonly quarantined = new Gauge({
    name: 'switchyard_quarantined_last_sync',
    help: 'Records quarantined by the last sync',
    labelNames: ['network'],
    registers: [this.registry],
  });
  readonly breakerOpen = new Gauge({
    name: 'switchyard_breaker_open',
    help: "1 when the network's circuit breaker is open, 0.5 half-open, 0 closed",
    labelNames: ['network'],
    registers: [this.registry],
  });
  readonly healthScore = new Gauge({
    name: 'switchyard_network_health_score',
    help: 'Health score in [0, 1]',
    labelNames: ['network'],
    registers: [this.registry],
  });
  readonly indexSize = new Gauge({ name: 'switchyard_index_offers', help: 'Offers held in the in-memory index', registers: [this.registry] });
  readonly httpDuration = new Histogram({
    name: 'switchyard_http_request_duration_seconds',
    help: 'HTTP request latency by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly dispatchLatency = new Histogram({
    name: 'switchyard_dispatch_latency_seconds',
    help: 'Time from routing a job to an attempt until its network accepted it (routing → submitted), per network',
    labelNames: ['network'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });
  readonly jobs = new Gauge({ name: 'switchyard_jobs', help: 'Jobs by state (all accounts)', labelNames: ['state'], registers: [this.registry] });
  readonly spendUsd = new Gauge({
    name: 'switchyard_spend_usd',
    help: 'USD charged for job usage so far (all accounts, settled attempts)',
    registers: [this.registry],
  });
  readonly fxAge = new Gauge({
    name: 'switchyard_fx_quote_age_seconds',
    help: 'Age of the current token→USD quote, from its publish time',
    labelNames: ['asset'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
