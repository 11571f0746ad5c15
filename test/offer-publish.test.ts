import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options';
import { ENTITIES } from '../src/entities';
import { plainOffer } from '../src/pool/compact-offer';
import { OfferStore } from '../src/pool/offer-store';
import { poolOfferFixture } from '../src/pool/pool-offer.fixture';
import type { PoolOffer } from '../src/pool/pool-offer';
import { createTestDatabase, type TestDatabase } from './support/test-database';

// A sync writes only what changed since the network's last publish; what the pool then holds must be exactly
// what writing the whole snapshot would have left.
describe('publishing a network snapshot again', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let store: OfferStore;
  const t0 = Date.parse('2026-12-05T06:00:00Z');
  const t1 = t0 + 60_000;

  beforeAll(async () => {
    Logger.overrideLogger(['warn', 'error']);
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, { embedded: db.embedded, migrationsRun: true, entities: ENTITIES })).initialize();
    store = new OfferStore(ds);
    for (const id of ['akash', 'render', 'filecoin', 'native']) await store.ensureNetwork({ id, displayName: id, pluginVersion: '1', simulated: true });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const at = (ms: number, o: Partial<PoolOffer> & { network: string; offerId: string }, usd = '1.50') =>
    poolOfferFixture(
      { publishedAt: new Date(ms).toISOString(), expiresAtMs: ms + 3_600_000, provenance: { observedAt: new Date(ms).toISOString() }, ...o },
      usd,
      ms,
    );
  const publish = (network: string, offers: PoolOffer[], raws: Record<string, unknown>) =>
    store.publish({ network, startedAt: new Date(), finishedAt: new Date(), ok: true }, { accepted: offers, quarantined: [] }, new Map(Object.entries(raws)));
  const rows = async (network: string) =>
    (await store.loadLive(new Date(t0))).filter((o) => o.network === network).sort((a, b) => a.offerId.localeCompare(b.offerId));

  it('leaves the rows a full rewrite would leave: unchanged offers re-timed, changed ones replaced, gone ones removed', async () => {
    await publish(
      'akash',
      [at(t0, { network: 'akash', offerId: 'same' }), at(t0, { network: 'akash', offerId: 'repriced' }), at(t0, { network: 'akash', offerId: 'gone' })],
      {
        same: { v: 1 },
        repriced: { v: 1 },
        gone: { v: 1 },
      },
    );
    const next = (network: string) => [
      at(t1, { network, offerId: 'same' }),
      at(t1, { network, offerId: 'repriced', signals: { online: true } }, '1.25'),
      at(t1, { network, offerId: 'new', region: 'eu-west' }, '2.00'),
    ];
    const raws = { same: { v: 1 }, repriced: { v: 2 }, new: { v: 1 } };
    await publish('akash', next('akash'), raws);
    // The same snapshot written into a network that had nothing: every row inserted whole.
    await publish('render', next('render'), raws);

    const written = await rows('akash');
    const whole = await rows('render');
    expect(written.map((o) => o.offerId)).toEqual(['new', 'repriced', 'same']);
    expect(written.map(plainOffer)).toEqual(whole.map((o) => ({ ...plainOffer(o), network: 'akash' })));
    expect(written.find((o) => o.offerId === 'same')).toMatchObject({
      observedAt: new Date(t1).toISOString(),
      publishedAt: new Date(t1).toISOString(),
      expiresAtMs: t1 + 3_600_000,
    });
    expect(written.find((o) => o.offerId === 'same')!.provenance).toEqual({ observedAt: new Date(t1).toISOString() });
    expect(written.find((o) => o.offerId === 'repriced')).toMatchObject({ usdPerGpuHour: '1.25', signals: { online: true } });
    expect(await store.rawRecord('akash', 'repriced')).toEqual({ v: 2 });
    expect(await store.rawRecord('akash', 'gone')).toBeUndefined();
  });

  it('rewrites a row whose raw record changed even when nothing else did', async () => {
    const offer = at(t1, { network: 'akash', offerId: 'same' });
    await publish('akash', [offer], { same: { v: 3 } });
    expect(await store.rawRecord('akash', 'same')).toEqual({ v: 3 });
    expect((await rows('akash')).map((o) => o.offerId)).toEqual(['same']);
  });

  it('rewrites whole a row stored before digests were kept', async () => {
    await ds.query(`UPDATE offers SET content_hash = NULL, region = 'stale-region' WHERE network = 'akash' AND offer_id = 'same'`);
    await publish('akash', [at(t1, { network: 'akash', offerId: 'same' })], { same: { v: 3 } });
    expect((await rows('akash')).map((o) => [o.offerId, o.region])).toEqual([['same', 'us-east']]);
    expect(await ds.query(`SELECT content_hash IS NOT NULL AS digested FROM offers WHERE network = 'akash'`)).toEqual([{ digested: true }]);
  });

  it('keeps the publish time and expiry once per network: every offer of a snapshot expires with it, a failed sync keeps it until then', async () => {
    const ttl = 3_600_000;
    await publish('filecoin', [at(t0, { network: 'filecoin', offerId: 'f1' }), at(t0, { network: 'filecoin', offerId: 'f2' })], {});
    await publish('native', [at(t1, { network: 'native', offerId: 'n1' })], {});
    await store.recordFailure({ network: 'filecoin', startedAt: new Date(t1), finishedAt: new Date(t1 + 1), ok: false, error: 'timeout' });

    const [network] = await ds.query(`SELECT snapshot_published_at, snapshot_expires_at FROM networks WHERE id = 'filecoin'`);
    expect([new Date(network.snapshot_published_at).getTime(), new Date(network.snapshot_expires_at).getTime()]).toEqual([t0, t0 + ttl]);
    const live = async (ms: number) => (await store.loadLive(new Date(ms))).filter((o) => ['filecoin', 'native'].includes(o.network)).map((o) => o.offerId);
    expect((await live(t0 + ttl - 1)).sort()).toEqual(['f1', 'f2', 'n1']);
    expect(await store.loadNetwork('filecoin', new Date(t0 + ttl - 1))).toEqual([
      expect.objectContaining({ offerId: 'f1', publishedAt: new Date(t0).toISOString(), expiresAtMs: t0 + ttl }),
      expect.objectContaining({ offerId: 'f2', publishedAt: new Date(t0).toISOString(), expiresAtMs: t0 + ttl }),
    ]);
    expect(await live(t0 + ttl)).toEqual(['n1']);
    expect(await store.loadNetwork('filecoin', new Date(t0 + ttl))).toEqual([]);

    const before = await store.loadLive(new Date(t0));
    expect(await store.purgeExpired(new Date(t0 + ttl))).toBeGreaterThanOrEqual(2);
    expect(await ds.query(`SELECT offer_id FROM offers WHERE network = 'filecoin'`)).toEqual([]);
    // The networks published a minute later keep every offer.
    expect(await store.loadLive(new Date(t0))).toEqual(before.filter((o) => o.network !== 'filecoin' && o.expiresAtMs > t0 + ttl));
    expect((await live(t1)).sort()).toEqual(['n1']);
  });

  it('records the snapshot’s price aggregates per GPU model', async () => {
    const l4 = { gpuModel: 'nvidia-l4-24gb', gpuFamily: 'l4', gpuVramGb: 24 };
    await publish(
      'native',
      [
        at(t1, { network: 'native', offerId: 'a' }, '2.50000000'),
        at(t1, { network: 'native', offerId: 'b' }, '1.25'),
        at(t1, { network: 'native', offerId: 'c' }, '1.2500001'),
        at(t1, { network: 'native', offerId: 'd' }, '1.75'),
        at(t1, { network: 'native', offerId: 'e', ...l4 }, '0.40'),
      ],
      {},
    );
    const aggregates = await ds.query(
      `SELECT gpu_model, min_usd::text AS min, median_usd::text AS median, max_usd::text AS max, offers FROM price_aggregates
       WHERE network = 'native' AND at = (SELECT max(at) FROM price_aggregates WHERE network = 'native') ORDER BY gpu_model`,
    );
    expect(aggregates).toEqual([
      { gpu_model: 'nvidia-h100-sxm-80gb', min: '1.25', median: '1.50000005', max: '2.5', offers: 4 },
      { gpu_model: 'nvidia-l4-24gb', min: '0.4', median: '0.4', max: '0.4', offers: 1 },
    ]);
  });

  it('refuses a snapshot whose offers disagree on their publish time or expiry, and writes none of it', async () => {
    await expect(publish('native', [at(t1, { network: 'native', offerId: 'x' }), at(t1 + 1, { network: 'native', offerId: 'y' })], {})).rejects.toThrow(
      /share its publish time and expiry/,
    );
    expect((await store.loadNetwork('native', new Date(t1))).map((o) => o.offerId)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
