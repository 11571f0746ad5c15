// The service over HTTP with the generated pool loaded, next to a bare Fastify handler answering the same
// bytes in the same run (the ceiling of this machine). Also: sync ingest into PostgreSQL and
// the service's resident size, both taken from the same service process.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { int, ms, type Measurement } from './bench-report';
import { cpuProfileArgs, createBenchDatabase, forkChild, processCpuMs, runAutocannon, type AutocannonResult } from './bench-processes';
import { REQUIREMENT_SHAPES } from './requirement-shapes';
import { BENCH_ADMIN_KEY, type ChildMessage, type IngestTimings } from './service-protocol';

export interface HttpBenchOptions {
  poolSize: number;
  connections: number;
  durationSec: number;
}

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

const ENDPOINTS: Endpoint[] = [
  {
    name: 'POST /v1/quotes (1× h100)',
    method: 'POST',
    path: '/v1/quotes',
    body: JSON.stringify(REQUIREMENT_SHAPES[0].body),
  },
  { name: 'GET /v1/offers?gpu=h100&limit=50', method: 'GET', path: '/v1/offers?gpu=h100&limit=50' },
  { name: 'GET /v1/pricing/compare?gpu=h100', method: 'GET', path: '/v1/pricing/compare?gpu=h100' },
];

const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_KEY}` };

export async function runHttpBench(opts: HttpBenchOptions, log: (line: string) => void): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  const db = await createBenchDatabase();
  const service = forkChild<ChildMessage>('service-child', [], { BENCH_MODE: 'pool', BENCH_POOL_SIZE: String(opts.poolSize), BENCH_DATABASE_URL: db.url }, [
    '--expose-gc',
    ...cpuProfileArgs(),
  ]);
  try {
    const ready = await service.next<Extract<ChildMessage, { type: 'ready' }>>('ready');
    log(`  service ready at ${ready.url} with ${int(ready.pool)} offers in the index`);

    const ingestRow = (ing: IngestTimings, what: string, note: string): Measurement => {
      const totalMs = ing.checkMs + ing.publishMs + ing.indexMs;
      const rate = ing.offers / (totalMs / 1000);
      log(
        `  ${what} ${int(ing.offers)}: check ${ing.checkMs.toFixed(0)} ms, publish ${ing.publishMs.toFixed(0)} ms, index ${ing.indexMs.toFixed(0)} ms → ${int(rate)} offers/s`,
      );
      for (const n of ing.perNetwork)
        log(
          `    ${n.network}: ${int(n.offers)} offers, check ${n.checkMs.toFixed(0)} ms, publish ${n.publishMs.toFixed(0)} ms, index ${n.indexMs.toFixed(1)} ms`,
        );
      return {
        name: `${what} of ${int(ing.offers)} offers into PostgreSQL (check + publish + index)`,
        value: `${int(rate)} offers/s (${(totalMs / 1000).toFixed(2)} s)`,
        target: opts.poolSize >= 100_000 ? '≥ 20,000 offers/s' : '',
        met: opts.poolSize >= 100_000 ? rate >= 20_000 : undefined,
        note: `check ${ing.checkMs.toFixed(0)} ms · publish ${ing.publishMs.toFixed(0)} ms · index ${ing.indexMs.toFixed(0)} ms${note}`,
      };
    };
    rows.push(ingestRow(ready.ingest!, 'sync ingest', '; into an empty pool: every offer new'));
    if (ready.ingest!.resync) rows.push(ingestRow(ready.ingest!.resync, 'next sync', '; a minute later: all observed again, 10 % repriced, 2 % gone, 2 % new'));

    service.send({ type: 'mem' });
    const mem = await service.next<Extract<ChildMessage, { type: 'mem' }>>('mem');
    const rssMb = mem.usage.rss / 2 ** 20;
    const mb = (b: number) => (b / 2 ** 20).toFixed(0);
    // Heap V8 holds but does not use after GC (pages left part-used by garbage that lived through the ingest).
    const spaces = (mem.spaces ?? []).filter((s) => s.space_size > 0).map((s) => `${s.space_name} ${mb(s.space_used_size)}/${mb(s.space_size)}`);
    log(
      `  service RSS with ${int(ready.pool)} offers: ${rssMb.toFixed(0)} MB (heap used ${mb(mem.usage.heapUsed)} of ${mb(mem.usage.heapTotal)} MB, gc ${mem.gc})`,
    );
    if (spaces.length) log(`    V8 spaces, MB used/committed: ${spaces.join(', ')}`);
    rows.push({
      name: `service RSS after GC, ${int(ready.pool)} offers loaded`,
      value: `${rssMb.toFixed(0)} MB`,
      target: opts.poolSize >= 100_000 ? '≤ 300 MB' : '',
      met: opts.poolSize >= 100_000 ? rssMb <= 300 : undefined,
      note: `heap used ${mb(mem.usage.heapUsed)} MB of ${mb(mem.usage.heapTotal)} MB; whole service incl. Nest, TypeORM, simulators`,
    });

    // BENCH_ENDPOINTS=quotes,offers limits the run to endpoints whose name contains one of the words.
    const only = process.env.BENCH_ENDPOINTS?.split(',');
    for (const ep of ENDPOINTS.filter((e) => !only || only.some((w) => e.name.includes(w)))) {
      const probe = await fetch(ready.url + ep.path, { method: ep.method, headers: HEADERS, body: ep.body });
      const answered = Buffer.from(await probe.arrayBuffer());
      const bytes = answered.byteLength;
      if (probe.status === 404) {
        log(`  ${ep.name}: 404 — the endpoint does not exist yet; not measured`);
        rows.push({ name: `HTTP ${ep.name}`, value: 'not measured', target: RELATIVE_TARGET, note: 'endpoint not implemented yet (404)' });
        continue;
      }
      if (probe.status >= 300) throw new Error(`${ep.name} answered ${probe.status} before the run`);
      const serviceCpu = processCpuMs(service.process.pid);
      const service1 = await cannon(ready.url, ep, opts);
      const serviceCpuUs = cpuPerRequestUs(serviceCpu, processCpuMs(service.process.pid), service1);
      // The ceiling answers these very bytes (see bare-server.ts for why the size alone is not enough).
      const bodyFile = join(tmpdir(), `switchyard-bench-body-${process.pid}.json`);
      writeFileSync(bodyFile, answered);
      const bare = forkChild<{ type: string; url: string }>('bare-server', [bodyFile], {});
      let ceiling: AutocannonResult;
      let bareCpuUs: number | undefined;
      try {
        const b = await bare.next('ready', 30_000);
        const bareCpu = processCpuMs(bare.process.pid);
        ceiling = await cannon(b.url, ep, opts);
        bareCpuUs = cpuPerRequestUs(bareCpu, processCpuMs(bare.process.pid), ceiling);
      } finally {
        await bare.close();
        rmSync(bodyFile, { force: true });
      }
      const rps = service1.requests.total / opts.durationSec;
      const ceilRps = ceiling.requests.total / opts.durationSec;
      const bad = service1.non2xx + service1.errors + service1.timeouts;
      const share = `${Math.round((100 * rps) / ceilRps)} % of bare`;
      const cpu =
        serviceCpuUs !== undefined && bareCpuUs !== undefined
          ? `; CPU per request ${int(serviceCpuUs)} µs vs bare ${int(bareCpuUs)} µs (${Math.round((100 * bareCpuUs) / serviceCpuUs)} %)`
          : '';
      log(
        `  ${ep.name} (${bytes} B): ${int(rps)} req/s, p50 ${service1.latency.p50} ms, p99 ${service1.latency.p99} ms, ${bad} non-2xx/errors · bare Fastify: ${int(ceilRps)} req/s, p99 ${ceiling.latency.p99} ms · ${share}${cpu}`,
      );
      // Issue #27's bar: at least half of what bare Fastify answers with the same body, p99 within twice bare's.
      const met = rps >= ceilRps / 2 && service1.latency.p99 <= 2 * ceiling.latency.p99 && bad === 0;
      rows.push({
        name: `HTTP ${ep.name}, ${opts.connections} connections, ${opts.durationSec} s, ${int(ready.pool)} offers`,
        value: `${int(rps)} req/s · p99 ${ms(service1.latency.p99, 0)}`,
        target: RELATIVE_TARGET,
        met: opts.poolSize >= 100_000 && opts.durationSec >= 10 ? met : undefined,
        note: `bare Fastify, same ${bytes} B answer: ${int(ceilRps)} req/s · p99 ${ms(ceiling.latency.p99, 0)} (${share}${cpu})${bad ? `; ${bad} non-2xx/errors` : ''}`,
      });
    }
  } finally {
    await service.close();
    await db.drop();
  }
  return rows;
}

const RELATIVE_TARGET = '≥ 50 % of bare req/s, p99 ≤ 2× bare';

/** CPU microseconds a server spent per request answered during a run (undefined where /proc is not there). */
function cpuPerRequestUs(beforeMs: number | undefined, afterMs: number | undefined, run: AutocannonResult): number | undefined {
  if (beforeMs === undefined || afterMs === undefined || run.requests.total === 0) return undefined;
  return ((afterMs - beforeMs) * 1000) / run.requests.total;
}

function cannon(url: string, ep: Endpoint, opts: HttpBenchOptions): Promise<AutocannonResult> {
  return runAutocannon({ url: url + ep.path, method: ep.method, headers: HEADERS, body: ep.body, connections: opts.connections, duration: opts.durationSec });
}
