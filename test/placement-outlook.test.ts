// Time to placement in quotes and routing: from Switchyard's own record of placing jobs, a job that says how long
// it will wait (startWithinMinutes) goes to a dearer network that starts sooner, and the decision says why.
import { DataSource } from 'typeorm';
import { PlacementOutlookService } from '../src/pool/placement-outlook.service';
import { api, startWorld, waitForJob } from './support/market-world';
import type { TestApp } from './support/test-app';

interface Candidate {
  network: string;
  providerId: string;
  gpuModel: string;
  effectiveUsdPerHour: string;
  expectedStartMinutes: number | null;
  startSamples: number;
  placementSuccessRate: number | null;
  successSamples: number;
}

describe('time to placement', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash,render,filecoin', { SIM_JOB_FAILURE_RATE: '0' });
  }, 60_000);
  afterAll(async () => app?.close());

  /** Ten finished placements on record for a provider and GPU, each `startMinutes` from submit to running. */
  async function record(c: Candidate, startMinutes: number): Promise<void> {
    await app.app.get(DataSource).query(
      `WITH j AS (
         INSERT INTO jobs (id, account_id, request_hash, spec, routing, warnings, state, max_attempts, deadline_at, next_run_at)
         SELECT gen_random_uuid(), 'record', 'record', '{}', '{}', '[]', 'succeeded', 1, now(), now() FROM generate_series(1, 10) RETURNING id)
       INSERT INTO job_attempts (id, job_id, n, network, offer_id, provider_id, region, gpu_model, decision, offer_snapshot, state,
         quoted_usd_per_hour, usd_per_hour, submitted_at, started_at, finished_at, reached_running, outcome)
       SELECT gen_random_uuid(), j.id, 1, $1, 'recorded', $2, null, $3, '{}', '{}', 'succeeded', 1, 1,
         now() - interval '2 hours', now() - interval '2 hours' + make_interval(mins => $4), now() - interval '1 hour', true, 'succeeded' FROM j`,
      [c.network, c.providerId, c.gpuModel, startMinutes],
    );
  }

  it('goes to a dearer network that starts sooner when the job has a short start window, and says why', async () => {
    // A GPU model that two networks offer: the cheaper one is slow to start, the dearer one fast.
    const offers = (await api.get(`${app.url}/v1/offers?limit=500`)).data.items as Array<{ network: string; gpu: { model: string } }>;
    const networksOf = new Map<string, Set<string>>();
    for (const o of offers) networksOf.set(o.gpu.model, (networksOf.get(o.gpu.model) ?? new Set()).add(o.network));
    const model = [...networksOf].find(([, n]) => n.size >= 2)![0];
    const spec = { image: 'ghcr.io/acme/batch:1', resources: { gpu: { count: 1, models: [model] } }, durationHours: 0.0005 };
    const first = (await api.post(`${app.url}/v1/quotes`, spec)).data.decision.candidates as Candidate[];
    const cheaper = first[0];
    const dearer = first.find((c) => c.network !== cheaper.network)!;
    expect(dearer).toBeDefined();
    // Without a record, nothing is known and nothing is claimed.
    expect(cheaper).toMatchObject({ expectedStartMinutes: null, startSamples: 0, placementSuccessRate: null, successSamples: 0 });
    const listingUrl = `${app.url}/v1/offers?network=${dearer.network}&limit=500`;
    expect((await api.get(listingUrl)).data.items.every((o: { placement: { basis: string } }) => o.placement.basis === 'none')).toBe(true);

    await record(cheaper, 40);
    await record(dearer, 1);
    await app.app.get(PlacementOutlookService).refresh();

    // The same quote and the same listing asked again say what the record says now (nothing answers from before it).
    const again = (await api.post(`${app.url}/v1/quotes`, spec)).data.decision.candidates as Candidate[];
    expect(again.find((c) => c.network === cheaper.network && c.providerId === cheaper.providerId)).toMatchObject({
      expectedStartMinutes: 40,
      startSamples: 10,
    });
    // The offers carry it too.
    const listed = (await api.get(listingUrl)).data.items as Array<{
      provider: { id: string };
      gpu: { model: string };
      placement: unknown;
    }>;
    expect(listed.find((o) => o.provider.id === dearer.providerId && o.gpu.model === model)?.placement).toEqual({
      expectedStartMinutes: 1,
      startSamples: 10,
      queuedAhead: 0,
      successRate: 1,
      successSamples: 10,
      basis: 'provider and GPU',
    });

    const quoted = (await api.post(`${app.url}/v1/quotes`, { ...spec, startWithinMinutes: 10 })).data;
    expect(quoted.spec.startWithinMinutes).toBe(10);
    const [best] = quoted.decision.candidates as Candidate[];
    expect(best).toMatchObject({
      network: dearer.network,
      providerId: dearer.providerId,
      expectedStartMinutes: 1,
      startSamples: 10,
      placementSuccessRate: 1,
      successSamples: 10,
    });
    expect(quoted.decision.explanation).toContain(`Chose ${dearer.network}/${dearer.providerId} although ${cheaper.network}/${cheaper.providerId} lists $`);
    expect(quoted.decision.explanation).toContain('after the 10-minute start window');
    const late = (quoted.decision.candidates as Candidate[]).find((c) => c.providerId === cheaper.providerId && c.network === cheaper.network);
    expect(late?.expectedStartMinutes).toBeGreaterThanOrEqual(40);

    // A user who waits an hour still gets the cheaper one.
    expect((await api.post(`${app.url}/v1/quotes`, { ...spec, startWithinMinutes: 60 })).data.decision.candidates[0]).toMatchObject({
      network: cheaper.network,
      providerId: cheaper.providerId,
    });

    // The job itself is routed the same way, and its attempt keeps the explanation.
    const created = await api.post(`${app.url}/v1/jobs`, { ...spec, startWithinMinutes: 10 });
    expect(created.status).toBe(202);
    const placed = await waitForJob(app, created.data.id, ['submitted', 'running', 'succeeded'], 30_000);
    expect(placed.attempts[0].network).toBe(dearer.network);
    expect(placed.attempts[0].routing.explanation).toContain('after the 10-minute start window');
  }, 90_000);

  it('refuses a start window that is not a positive number of minutes, naming the field', async () => {
    const res = await api.post(`${app.url}/v1/quotes`, { image: 'x', resources: { gpu: { count: 1 } }, startWithinMinutes: -5 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.data)).toContain('startWithinMinutes');
  });
});
