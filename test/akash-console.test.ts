// Akash through the service as a user meets it: a job that asks for a region runs there, on the provider
// that really won the bids (the attempt says so and why); a placement whose lease the provider closed is
// closed at the network before the job moves on, so no deployment (and no escrow) is left open.
import axios from 'axios';
import { AKASH_SIM_API_KEY } from '../adapters/akash/akash.simulator';
import { api, simulatorOf, startWorld, waitFor, waitForJob } from './support/market-world';
import type { TestApp } from './support/test-app';

describe('akash against the Console as it behaves', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash', { SIM_JOB_FAILURE_RATE: '0', BLOCK_TTL_MS: '3000' });
  }, 60_000);
  afterAll(async () => app?.close());

  const akash = () => simulatorOf(app, 'akash');
  /** The deployments the simulated Console still holds open (it lists active ones only). */
  const openDeployments = async (): Promise<string[]> => {
    const res = await axios.get(`${akash().controlUrl}/v1/deployments`, { headers: { 'x-api-key': AKASH_SIM_API_KEY } });
    return (res.data.data.deployments as Array<{ deployment: { id: { dseq: string } } }>).map((d) => d.deployment.id.dseq);
  };
  const leaseOf = async (dseq: string) => {
    const res = await axios.get(`${akash().controlUrl}/v1/deployments/${dseq}`, { headers: { 'x-api-key': AKASH_SIM_API_KEY } });
    return res.data.data.leases[0] as { id: { provider: string } };
  };
  const providerRegion = async (owner: string): Promise<string> => {
    const providers = (await axios.get(`${akash().controlUrl}/v1/providers`)).data as Array<{
      owner: string;
      attributes: Array<{ key: string; value: string }>;
    }>;
    return providers.find((p) => p.owner === owner)!.attributes.find((a) => a.key === 'region')!.value;
  };

  it('keeps a job in its placement.regions when the routed provider does not bid, and the attempt names the real winner and why', async () => {
    // A region where two audited providers offer the same GPU, so that another provider can win there.
    type P = {
      owner: string;
      isOnline: boolean;
      isAudited: boolean;
      locationRegion: string;
      gpuModels: Array<{ model: string; ram: string; interface: string }>;
    };
    const providers = (await axios.get(`${akash().controlUrl}/v1/providers`)).data as P[];
    const byKind = new Map<string, P[]>();
    for (const p of providers.filter((x) => x.isOnline && x.isAudited)) {
      for (const g of p.gpuModels)
        byKind.set(`${p.locationRegion}|${g.model}|${g.ram}|${g.interface}`, [
          ...(byKind.get(`${p.locationRegion}|${g.model}|${g.ram}|${g.interface}`) ?? []),
          p,
        ]);
    }
    const [kind] = [...byKind.entries()].find(([, ps]) => ps.length > 1)!;
    const [region, model] = kind.split('|');
    const routed = { region };
    const wanted = { image: 'ghcr.io/acme/serve:1', resources: { gpu: { count: 1, models: [model] } }, placement: { networks: ['akash'], regions: [region] } };
    const again = (await api.post(`${app.url}/v1/quotes`, wanted)).data.decision.candidates[0];
    await akash().setFaults({ flags: { silentProviders: again.providerId } });
    try {
      const created = await api.post(`${app.url}/v1/jobs`, wanted);
      expect(created.status).toBe(202);
      const job = await waitForJob(app, created.data.id, ['running', 'failed'], 30_000);
      const attempt = job.attempts[0];
      if (job.state !== 'running') throw new Error(`job ${job.state}: ${job.stateReason} ${JSON.stringify(attempt?.error)}`);
      const lease = await leaseOf(attempt.placement.placementId);
      expect(lease.id.provider).not.toBe(again.providerId);
      expect(attempt.providerId).toBe(lease.id.provider);
      expect(await providerRegion(lease.id.provider)).toBe(routed.region);
      expect(attempt.region).toBe(routed.region);
      expect(attempt.routing.explanation).toContain(`Winner: the bids were won by ${lease.id.provider} (${routed.region}), not the routed ${again.providerId}`);
      await api.post(`${app.url}/v1/jobs/${created.data.id}/cancel`);
      await waitForJob(app, created.data.id, ['cancelled'], 30_000);
    } finally {
      await akash().clearFaults();
    }
  }, 90_000);

  it('closes the deployment of a lease its provider closed before failing over: nothing is left open', async () => {
    const spec = { image: 'ghcr.io/acme/serve:1', resources: { gpu: { count: 1 } }, placement: { networks: ['akash'] }, durationHours: 1 };
    const created = await api.post(`${app.url}/v1/jobs`, spec);
    const id = created.data.id as string;
    const running = await waitForJob(app, id, ['running'], 30_000);
    const first = running.attempts[0];
    const dseq = first.placement.placementId;
    expect(await openDeployments()).toContain(dseq);
    await akash().setFaults({ flags: { loseLeases: true } });
    try {
      await waitFor(async () => (await api.get(`${app.url}/v1/jobs/${id}`)).data.attempts[0].state === 'lost', 20_000, 'the first attempt to be lost');
    } finally {
      await akash().clearFaults();
    }
    expect(await openDeployments()).not.toContain(dseq);
    await api.post(`${app.url}/v1/jobs/${id}/cancel`);
    await waitForJob(app, id, ['cancelled', 'failed'], 30_000);
    await waitFor(async () => (await openDeployments()).length === 0, 10_000, 'no deployment left open');
  }, 90_000);

  describe('an SDL read as Akash reads it', () => {
    const yaml = { headers: { 'content-type': 'application/yaml' } };
    const sdl = (models: string, extra = '') => `version: "2.0"
services:
  infer:
    image: ghcr.io/acme/infer:2
    env: [ "MODE=fast", "VERBOSE" ]
profiles:
  compute:
    infer:
      resources:
        cpu: { units: 4 }
        memory: { size: 16gi }
        storage: [ { size: 8gb } ]
        gpu: { units: 1, attributes: { vendor: { nvidia: ${models} } } }
${extra}  placement:
    dc: { pricing: { infer: { denom: uact, amount: 3000 } } }
deployment:
  infer: { dc: { profile: infer, count: 1 } }
`;

    it('keeps the known models of a list with one the catalog lacks, and says so', async () => {
      const res = await api.post(`${app.url}/v1/quotes`, sdl('[ { model: rtx4090 }, { model: zz9000 } ]'), yaml);
      expect(res.status).toBe(200);
      expect(res.data.spec.resources.gpu.models).toEqual(['nvidia-rtx-4090-24gb']);
      // env entries without '=' are read as empty values (parse-sdl.spec); the API shows names only (env is write-only).
      expect(res.data.spec.env).toEqual({ MODE: '(write-only)', VERBOSE: '(write-only)' });
      expect(res.data.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/"zz9000" not in the catalog .*left out/)]));
    });

    it('answers 422 with the SDL warnings when none of its models is known', async () => {
      const res = await api.post(`${app.url}/v1/quotes`, sdl('[ { model: zz9000 } ]'), yaml);
      expect(res.status).toBe(422);
      expect(res.data.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^akash-sdl: .*3000 uact\/block for the deployment taken as a cap/)]));
    });

    it('reads vendor nvidia with no model as any NVIDIA GPU, never an AMD one', async () => {
      const res = await api.post(`${app.url}/v1/quotes`, sdl('null'), yaml);
      expect(res.status).toBe(200);
      const models = res.data.spec.resources.gpu.models as string[];
      expect(models.length).toBeGreaterThan(5);
      expect(models.filter((m) => !m.startsWith('nvidia-'))).toEqual([]);
    });

    it('quotes a multi-service deployment as the whole and says so', async () => {
      const twice = sdl('[ { model: rtx4090 } ]').replace('count: 1', 'count: 2');
      const res = await api.post(`${app.url}/v1/quotes`, twice, yaml);
      expect(res.status).toBe(200);
      expect(res.data.spec.resources).toMatchObject({ gpu: { count: 2 }, cpu: 8, memoryGb: 32 });
      expect(res.data.warnings).toEqual(
        expect.arrayContaining([expect.stringMatching(/quoted, held and routed as the whole deployment .*: 2 GPUs, 8 CPU, 32 GB memory/)]),
      );
    });

    it('answers a YAML alias bomb with 400, not 500', async () => {
      const bomb = [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
      ].join('\n');
      const res = await api.post(`${app.url}/v1/quotes`, bomb, yaml);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });
});
