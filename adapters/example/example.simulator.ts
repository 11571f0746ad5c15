// The simulator of the example network: a deliberately small HTTP API (offers, jobs, cancel) that shows
// how a simulator is built on the SDK's SimServer.
import { RunningSimulator, SimHttpError, SimServer, SimulatorOptions } from '../sdk';

interface ExampleJob {
  id: string;
  key: string;
  offerId: string;
  state: 'queued' | 'running' | 'done' | 'cancelled';
  createdAt: number;
}

export async function startExampleSimulator(options: SimulatorOptions): Promise<RunningSimulator & { server: SimServer }> {
  const server = new SimServer('example', options.seed);
  const rnd = server.random;
  const offers = Array.from({ length: 6 }, (_, i) => ({
    id: `ex-${i}`,
    host: `host-${i}`,
    region: rnd.pick(['us-east', 'eu-west', 'ap-south']),
    gpu: rnd.pick(['NVIDIA RTX 4090', 'NVIDIA A100 80GB', 'NVIDIA H100 80GB HBM3']),
    gpus: rnd.int(1, 8),
    usd_per_gpu_hour: rnd.between(0.3, 2.5).toFixed(4),
  }));
  const jobs = new Map<string, ExampleJob>();
  const byKey = new Map<string, string>();

  server.route('GET', '/offers', () => ({ body: { offers } }));
  server.route('POST', '/jobs', (req) => {
    const key = String(req.headers['idempotency-key'] ?? '');
    const body = req.body as { offer_id?: string } | undefined;
    if (!key || !body?.offer_id) throw new SimHttpError(400, { error: 'idempotency-key header and offer_id are required' });
    const existing = byKey.get(key);
    if (existing) return { status: 200, body: jobs.get(existing) };
    if (!offers.some((o) => o.id === body.offer_id)) throw new SimHttpError(409, { error: 'no capacity on that offer' });
    const job: ExampleJob = { id: `job-${jobs.size + 1}`, key, offerId: body.offer_id, state: 'queued', createdAt: Date.now() };
    jobs.set(job.id, job);
    byKey.set(key, job.id);
    server.countSubmission(key);
    return { status: 201, body: job };
  });
  server.route('GET', '/jobs/:id', (req) => {
    const job = jobs.get(req.params.id);
    if (!job) throw new SimHttpError(404, { error: 'job not found' });
    if (job.state === 'queued' && Date.now() - job.createdAt > 200) job.state = 'running';
    return { body: job };
  });
  server.route('POST', '/jobs/:id/cancel', (req) => {
    const job = jobs.get(req.params.id);
    if (!job) throw new SimHttpError(404, { error: 'job not found' });
    if (job.state !== 'done') job.state = 'cancelled';
    return { body: job };
  });

  const baseUrl = await server.start(options.port ?? 0, options.host);
  return { server, config: { baseUrl }, controlUrl: baseUrl, close: () => server.close() };
}
