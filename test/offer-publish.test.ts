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
    for (const id of ['akash', 'render']) await store.ensureNetwork({ id, displayName: id, pluginVersion: '1', simulated: true });
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
});
