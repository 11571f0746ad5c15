// Issue 9, "safe with many replicas", with real processes: two worker replicas and one api-only replica on
// one PostgreSQL database, all talking to the same (shared) simulated networks.
//
// Runs only against a real PostgreSQL server (TEST_DATABASE_URL): the embedded PGlite lives inside ONE
// process and serves a single session, so several processes cannot share it — and the advisory locks and
// LISTEN/NOTIFY under test only exist between sessions of a real server.
import axios from 'axios';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase, usingRealPostgres } from './support/test-database';
import { buildService, ServiceProcess, SharedSimulators, startServiceProcess, startSharedSimulators, waitFor } from './support/service-process';

const describeWithPostgres = usingRealPostgres ? describe : describe.skip;
const NETWORKS = ['akash', 'render', 'filecoin'];
const SYNC_LATENCY_MS = 250;

interface SyncRun {
  network: string;
  started_at: Date;
  finished_at: Date;
  ok: boolean;
}

describeWithPostgres('two worker replicas and an api replica on one database', () => {
  let build: Awaited<ReturnType<typeof buildService>>;
  let db: TestDatabase;
  let sql: Client;
  let sims: SharedSimulators;
  const procs: ServiceProcess[] = [];
  let api: ServiceProcess;
  let workerA: ServiceProcess;
  let workerB: ServiceProcess;

  beforeAll(async () => {
    [build, db, sims] = await Promise.all([buildService(), createTestDatabase(), startSharedSimulators(NETWORKS)]);
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    // Every listing takes a while, so two replicas syncing the same network at once would overlap for sure.
    for (const s of sims.byNetwork.values()) await axios.put(`${s.controlUrl}/__sim/faults`, { latencyMs: SYNC_LATENCY_MS });
    const env = {
      ...sims.env,
      DATABASE_URL: db.url,
      NETWORKS: NETWORKS.join(','),
      ADMIN_API_KEY: 'sy_replicas_admin_key_0123456789abcdef',
      DISPATCH_ENABLED: 'false',
    };
    // The api replica boots first, on an empty pool: every offer it later serves reached it by NOTIFY.
    api = await startServiceProcess({ name: 'api', mainJs: build.mainJs, env: { ...env, ROLE: 'api', SYNC_ENABLED: 'false' } });
    procs.push(api);
    // Both workers boot at the same moment (and race for the same sync locks from their first tick).
    const workerEnv = { ...env, ROLE: 'worker', SYNC_INTERVAL_MS: '300' };
    [workerA, workerB] = await Promise.all([
      startServiceProcess({ name: 'worker-a', mainJs: build.mainJs, env: workerEnv }),
      startServiceProcess({ name: 'worker-b', mainJs: build.mainJs, env: workerEnv }),
    ]);
    procs.push(workerA, workerB);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await sql?.end();
    await sims?.close();
    await db?.drop();
    build?.remove();
  }, 60_000);

  const syncRuns = async (): Promise<SyncRun[]> =>
    (await sql.query<SyncRun>('SELECT network, started_at, finished_at, ok FROM sync_runs ORDER BY network, started_at')).rows;

  /** Syncs this replica ran, per network, from its own /metrics (switchyard_syncs_total). */
  const syncsBy = async (p: ServiceProcess): Promise<Record<string, number>> => {
    const text = (await axios.get<string>(`${p.url}/metrics`, { responseType: 'text' })).data;
    const out: Record<string, number> = {};
    for (const m of text.matchAll(/^switchyard_syncs_total\{([^}]*)\} (\d+)/gm)) {
      const network = /network="([^"]+)"/.exec(m[1])?.[1];
      if (network) out[network] = (out[network] ?? 0) + Number(m[2]);
    }
    return out;
  };

  it('syncs each network on exactly one replica at a time, and both replicas take turns', async () => {
    // Each sync takes ≥ 250 ms and each replica retries every ~300 ms, so the replicas contend constantly.
    await waitFor(
      async () => {
        const runs = await syncRuns();
        return NETWORKS.every((n) => runs.filter((r) => r.network === n).length >= 8) ? true : undefined;
      },
      { timeoutMs: 30_000, describe: async () => `too few sync runs: ${JSON.stringify(countBy(await syncRuns()))}` },
    );

    const runs = await syncRuns();
    for (const network of NETWORKS) {
      const mine = runs.filter((r) => r.network === network);
      for (let i = 1; i < mine.length; i++) {
        // The next run of the same network starts only after the previous one finished (its publish included).
        if (mine[i].started_at < mine[i - 1].finished_at) {
          throw new Error(
            `${network}: run ${i} started at ${mine[i].started_at.toISOString()} before run ${i - 1} finished at ${mine[i - 1].finished_at.toISOString()}`,
          );
        }
      }
    }
    expect(runs.filter((r) => !r.ok)).toEqual([]);
    // Both replicas did real work (the lock is shared, not owned by whoever booted first)...
    const [a, b] = await Promise.all([syncsBy(workerA), syncsBy(workerB)]);
    expect(Object.values(a).reduce((s, n) => s + n, 0)).toBeGreaterThan(0);
    expect(Object.values(b).reduce((s, n) => s + n, 0)).toBeGreaterThan(0);
    // ...and every recorded run was run by one of them (none counted twice, none missing).
    const after = countBy(await syncRuns());
    for (const network of NETWORKS) {
      const byReplicas = (a[network] ?? 0) + (b[network] ?? 0);
      // Runs may finish between the two reads: the metrics are read first, so they can only be behind.
      expect(byReplicas).toBeLessThanOrEqual(after[network]);
      expect(byReplicas).toBeGreaterThanOrEqual(after[network] - 2);
    }
  }, 60_000);

  it('serves the same offers on every replica, the api replica included (NOTIFY)', async () => {
    const views = await waitFor(
      async () => {
        const all = await Promise.all(procs.map((p) => allOffers(p.url)));
        const [first, ...rest] = all;
        return first.size > 0 && rest.every((v) => sameOffers(first, v)) ? all : undefined;
      },
      {
        timeoutMs: 15_000,
        intervalMs: 100,
        describe: async () => {
          const all = await Promise.all(procs.map((p) => allOffers(p.url)));
          return `views differ: ${procs.map((p, i) => `${p.name}=${all[i].size} offers`).join(', ')}; first difference ${firstDifference(all[0], all[1]) ?? firstDifference(all[0], all[2])}`;
        },
      },
    );
    const networks = new Set([...views[0].keys()].map((k) => k.split('/')[0]));
    expect([...networks].sort()).toEqual([...NETWORKS].sort());
    // The api replica never syncs (no sync runs on its metrics): its offers came from the workers' publishes.
    expect(await syncsBy(api)).toEqual({});
  }, 30_000);

  it('when the replica holding the locks is killed (-9), the other one carries on syncing every network', async () => {
    await workerA.kill();
    const killedAt = new Date();
    await waitFor(
      async () => {
        const runs = await syncRuns();
        return NETWORKS.every((n) => runs.filter((r) => r.network === n && r.started_at > killedAt && r.ok).length >= 2) ? true : undefined;
      },
      {
        timeoutMs: 20_000,
        describe: async () =>
          `no syncs after the kill: ${JSON.stringify(countBy((await syncRuns()).filter((r) => r.started_at > killedAt)))}\n${workerB.logTail()}`,
      },
    );
    // The survivor's own counter moved for every network.
    const b = await syncsBy(workerB);
    for (const n of NETWORKS) expect(b[n]).toBeGreaterThan(0);
  }, 40_000);

  it('stops on SIGTERM with exit code 0 and no error in its log', async () => {
    await workerB.stop();
    expect(await workerB.exited).toEqual({ code: 0, signal: null });
    const errors = workerB
      .logTail(400)
      .split('\n')
      .filter((line) => line.includes('"level":50'));
    expect(errors).toEqual([]);
  }, 30_000);
});

type OfferKey = string;

/** Every offer a replica serves (paging through the cursor), keyed network/offerId → price. */
async function allOffers(url: string): Promise<Map<OfferKey, string>> {
  const out = new Map<OfferKey, string>();
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const res = await axios.get<{
      items: Array<{ network: string; offerId: string; price: { usdPerGpuHour: string; usdPerHour: string } }>;
      nextCursor: string | null;
    }>(`${url}/v1/offers`, {
      params: { limit: 500, ...(cursor ? { cursor } : {}) },
    });
    for (const o of res.data.items) out.set(`${o.network}/${o.offerId}`, `${o.price.usdPerGpuHour}|${o.price.usdPerHour}`);
    if (!res.data.nextCursor) return out;
    cursor = res.data.nextCursor;
  }
  throw new Error('more than 50 pages of offers');
}

function sameOffers(a: Map<OfferKey, string>, b: Map<OfferKey, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

function firstDifference(a: Map<OfferKey, string>, b: Map<OfferKey, string> | undefined): string | undefined {
  if (!b) return undefined;
  for (const [k, v] of a) if (b.get(k) !== v) return `${k}: ${v} vs ${b.get(k) ?? '(missing)'}`;
  for (const k of b.keys()) if (!a.has(k)) return `${k}: (missing) vs ${b.get(k)}`;
  return undefined;
}

function countBy(runs: SyncRun[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of runs) out[r.network] = (out[r.network] ?? 0) + 1;
  return out;
}
