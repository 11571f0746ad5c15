// The service under test, in its own process (forked by the HTTP and jobs benchmarks so the load generator
// does not share its event loop). It starts the whole Switchyard against the fresh database it is given,
// then fills the pool:
//   mode "pool": publishes a generated pool through the sync path's own pieces — checkSnapshot (resolve +
//                normalize), OfferStore.publish, index replace (compactOffers) — timing each phase (the ingest benchmark), then
//                the next sync a minute later with some offers repriced, gone and new;
//   mode "jobs": syncs the built-in simulators, so dispatched jobs reach networks that know their offers; with
//                BENCH_SIMULATORS_ENV (JSON, from simulators-child.ts) they run in that process, reached as
//                real endpoints, else inside this one.
// It talks to the parent over IPC: "ready" (url, timings), then answers "mem", "dispatch" and "close".
import { getHeapSpaceStatistics } from 'node:v8';
import { loadAppConfig } from '../src/config/app-config';
import { startSwitchyard } from '../src/app.factory';
import { DispatcherService } from '../src/jobs/dispatcher.service';
import { OfferStore } from '../src/pool/offer-store';
import { OfferSyncService } from '../src/pool/offer-sync.service';
import { PoolIndexService } from '../src/pool/pool-index.service';
import { compactOffers } from '../src/pool/offer-compactor';
import { NetworkRegistry } from '../src/plugins/network-registry';
import type { Offer } from '../adapters/sdk';
import { BENCH_ADMIN_KEY, ChildMessage, IngestTimings } from './service-protocol';
import { checkListing, generateListings } from './pool-generator';

const send = (m: ChildMessage) => process.send?.(m);

async function main(): Promise<void> {
  const mode = process.env.BENCH_MODE === 'jobs' ? 'jobs' : 'pool';
  const size = Number(process.env.BENCH_POOL_SIZE ?? 100_000);
  const config = loadAppConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    DATABASE_URL: process.env.BENCH_DATABASE_URL,
    NETWORKS: mode === 'jobs' ? 'akash,render,filecoin' : 'akash,render,filecoin,native',
    SYNC_ENABLED: 'false',
    DISPATCH_ENABLED: 'false',
    OFFER_TTL_MS: '3600000',
    ADMIN_API_KEY: BENCH_ADMIN_KEY,
    // One key drives the whole load: the per-key limit must not be what is measured.
    RATE_LIMIT_PER_MINUTE: '1000000',
    PUBLIC_MARKET_DATA: 'true',
    // Jobs are checked against the account's balance: the bench customer starts rich.
    ACCOUNT_STARTING_CREDIT_USD: '100000000',
    SIM_SEED: '42',
    // The in-process simulators' supply (BENCH_SIMULATORS=in-process); the jobs and burst benchmarks set it.
    SIM_SUPPLY_SCALE: process.env.SIM_SUPPLY_SCALE ?? '1',
    ...(mode === 'jobs' && process.env.BENCH_SIMULATORS_ENV ? (JSON.parse(process.env.BENCH_SIMULATORS_ENV) as Record<string, string>) : {}),
  });
  const running = await startSwitchyard(config);
  const pool = running.app.get(PoolIndexService);
  let ingest: IngestTimings | undefined;

  if (mode === 'pool') {
    const store = running.app.get(OfferStore);
    const ingestAll = async (listings: Map<string, Offer[]>, now: Date): Promise<IngestTimings> => {
      const timings: IngestTimings = { offers: 0, checkMs: 0, publishMs: 0, indexMs: 0, perNetwork: [] };
      for (const [network, offers] of listings) {
        const startedAt = new Date();
        const t0 = performance.now();
        const snapshot = checkListing(network, offers, now, config.pool.offerTtlMs);
        const t1 = performance.now();
        await store.publish({ network, startedAt, finishedAt: new Date(), ok: true }, snapshot, new Map(offers.map((o) => [o.offerId, o.raw])));
        const t2 = performance.now();
        pool.index.replaceNetwork(network, compactOffers(snapshot.accepted));
        const t3 = performance.now();
        const row = { network, offers: snapshot.accepted.length, checkMs: t1 - t0, publishMs: t2 - t1, indexMs: t3 - t2 };
        timings.perNetwork.push(row);
        timings.offers += row.offers;
        timings.checkMs += row.checkMs;
        timings.publishMs += row.publishMs;
        timings.indexMs += row.indexMs;
      }
      return timings;
    };
    const now = new Date();
    ingest = await ingestAll(generateListings(size, 7, now).listings, now);
    // The next sync a minute later, as a network's listing changes between two: every offer observed again,
    // one in ten repriced, one in fifty gone and one in fifty new.
    const later = new Date(now.getTime() + 60_000);
    ingest.resync = await ingestAll(changedListings(generateListings(size, 7, later).listings), later);
  } else {
    const sync = running.app.get(OfferSyncService);
    for (const n of running.app.get(NetworkRegistry).list()) await sync.syncNow(n.id);
  }
  const customerKey = await createCustomer(running.url);
  const models = new Map<string, number>();
  for (const o of pool.index.rawAll()) models.set(o.gpuModel, (models.get(o.gpuModel) ?? 0) + 1);

  process.on('message', async (m: { type: string; batch?: number }) => {
    try {
      if (m.type === 'mem') {
        const gc = (globalThis as { gc?: () => void }).gc;
        for (let i = 0; i < 3; i++) gc?.();
        send({ type: 'mem', usage: process.memoryUsage(), gc: Boolean(gc), spaces: getHeapSpaceStatistics() });
      } else if (m.type === 'dispatch') {
        // Turns this process into a worker as if DISPATCH_ENABLED had been set at boot (the config is read live).
        // A second "dispatch" only changes the batch size (read on every tick).
        if (m.batch) config.jobs.dispatchBatch = m.batch;
        if (!config.workers.dispatch) {
          config.workers.dispatch = true;
          running.app.get(DispatcherService).start();
        }
        send({ type: 'dispatching' });
      } else if (m.type === 'close') {
        // A shutdown that waits on submits held for their turn (Akash) would outlast the parent's patience and be
        // killed, losing the CPU profile: exit on our own first (the profile is written on exit).
        if (process.env.BENCH_CPU_PROF) setTimeout(() => process.exit(0), 10_000).unref();
        await running.close();
        process.exit(0);
      }
    } catch (err) {
      send({ type: 'error', message: (err as Error).message });
    }
  });
  send({ type: 'ready', url: running.url, ingest, pool: pool.index.size, models: [...models].sort((a, b) => b[1] - a[1]), customerKey });
}

function changedListings(listings: Map<string, Offer[]>): Map<string, Offer[]> {
  const out = new Map<string, Offer[]>();
  for (const [network, offers] of listings) {
    out.set(
      network,
      offers
        .filter((_, i) => i % 50 !== 7)
        .map((o, i) =>
          i % 10 === 0 ? { ...o, price: { ...o.price, amount: repriced(o.price.amount) } } : i % 50 === 3 ? { ...o, offerId: `${o.offerId}-n` } : o,
        ),
    );
  }
  return out;
}

/** About 5 % dearer, in the amount's own notation (a decimal, or an integer of atto units). */
function repriced(amount: string): string {
  if (!amount.includes('.')) return ((BigInt(amount) * 105n) / 100n).toString();
  const digits = amount.split('.')[1].length;
  return (Number(amount) * 1.05).toFixed(digits);
}

/** A customer as a user would have one: an account with credit and a `jobs` key, made through the admin API. */
async function createCustomer(url: string): Promise<string> {
  const admin = { 'content-type': 'application/json', authorization: `Bearer ${BENCH_ADMIN_KEY}` };
  const account = await fetch(`${url}/v1/accounts`, { method: 'POST', headers: admin, body: JSON.stringify({ name: 'bench customer' }) });
  if (!account.ok) throw new Error(`creating the bench account: ${account.status} ${await account.text()}`);
  const { id } = (await account.json()) as { id: string };
  const key = await fetch(`${url}/v1/accounts/${id}/keys`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ name: 'bench', scopes: ['read', 'jobs'], rateLimitPerMinute: 1_000_000 }),
  });
  if (!key.ok) throw new Error(`creating the bench key: ${key.status} ${await key.text()}`);
  return ((await key.json()) as { key: string }).key;
}

// Only as a forked child: importing this file must never start a second service in the importer.
if (require.main === module) {
  main().catch((err) => {
    send({ type: 'error', message: (err as Error).stack ?? String(err) });
    process.exit(1);
  });
}
