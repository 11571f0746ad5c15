// Blocks that lift: a network blocked after a failed submit is routed to again as soon as it answers again (its
// first good sync or probe after the outage), not after the fixed block TTL (5 minutes by default).
import { AdapterError } from '../adapters/sdk';
import { ChangeFeed } from '../src/coordination/change-feed';
import { BlockListService } from '../src/jobs/block-list.service';
import { api, simulatorOf, startWorld, waitFor, waitForJob } from './support/market-world';
import type { TestApp } from './support/test-app';

interface NetworkView {
  id: string;
  lastSync: { ok: boolean; finishedAt: string } | null;
}

describe('a network-scope block after an outage', () => {
  let app: TestApp;
  beforeAll(async () => {
    // The default block TTL (300 s): only the network answering again can lift the block within this test.
    app = await startWorld('akash,render', { SYNC_INTERVAL_MS: '2000', SIM_JOB_FAILURE_RATE: '0' });
  }, 60_000);
  afterAll(async () => app?.close());

  const renderSync = async () => ((await api.get(`${app.url}/v1/networks`)).data.items as NetworkView[]).find((n) => n.id === 'render')!.lastSync;
  const renderBlocked = async () => (await app.app.get(BlockListService).active()).some((b) => b.network === 'render' && b.scope === 'network');

  it('lifts at the first good sync after the outage ends, and the waiting job is placed there', async () => {
    const offer = (await api.get(`${app.url}/v1/offers?network=render&limit=1`)).data.items[0];
    const render = simulatorOf(app, 'render');
    await render.setFaults({ errorRate: 1, errorStatus: 503 });
    await waitFor(async () => (await renderSync())?.ok === false, 20_000, 'a failed render sync');

    // A submit failed during the outage: the dispatcher blocks the network (unavailable is network-scoped).
    const blocks = app.app.get(BlockListService);
    await blocks.blockFor(new AdapterError('unavailable', 'HTTP 503 from render (simulated outage)', { status: 503 }), {
      network: 'render',
      offerId: offer.offerId,
      providerId: offer.providerId,
      region: offer.region,
    });
    const blockedAt = Date.now();
    // While the outage lasts, failed syncs and probes leave the block in place.
    await waitFor(async () => Date.parse((await renderSync())!.finishedAt) > blockedAt + 100, 20_000, 'a failed render sync after the block');
    expect((await renderSync())!.ok).toBe(false);
    expect(await renderBlocked()).toBe(true);

    const created = await api.post(`${app.url}/v1/jobs`, {
      image: 'ghcr.io/acme/batch:1',
      resources: { gpu: { count: 1, models: [offer.gpu.model] } },
      durationHours: 0.0005,
      placement: { networks: ['render'] },
    });
    expect(created.status).toBe(202);

    let goodSyncs = 0;
    await app.app.get(ChangeFeed).subscribe((e) => {
      if (e.type === 'offers_published' && e.network === 'render') goodSyncs++;
    });
    await render.clearFaults();
    await waitFor(async () => !(await renderBlocked()), 20_000, 'the render block to lift');
    // Within one sync interval: no later than the first good sync after the outage (a good probe may come first).
    expect(goodSyncs).toBeLessThanOrEqual(1);

    const placed = await waitForJob(app, created.data.id, ['submitted', 'running', 'succeeded'], 30_000);
    expect(placed.attempts.at(-1).network).toBe('render');
  }, 120_000);

  it('blocks an offer without capacity for seconds, longer each time it runs out again', async () => {
    const blocks = app.app.get(BlockListService);
    const where = { network: 'akash', offerId: 'akash-offer-busy', providerId: 'akash1busy', region: null };
    const lengths: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = Date.now();
      const block = await blocks.blockFor(new AdapterError('no_capacity', 'the GPU is still held by the last job'), where);
      lengths.push(Math.floor((block.until - before) / 1000));
    }
    expect(lengths).toEqual([5, 10, 20]);
    // Another offer starts short again.
    const other = await blocks.blockFor(new AdapterError('no_capacity', 'busy'), { ...where, offerId: 'akash-offer-other' });
    expect(other.until - Date.now()).toBeLessThanOrEqual(5_000);
  });
});
