// A stand-in for the coordinator's market API, for the conformance suite only (fault injection needs a
// SimServer). The real thing is the coordinator in src/nodes; test/nodes-e2e.test.ts drives the adapter
// against it with real agents. The plugin does not offer this simulator to the host.
import { randomUUID } from 'node:crypto';
import { RunningSimulator, SimHttpError, SimServer, SimulatorOptions } from '../sdk';
import type { LeaseState, MarketOffer, MarketPlacement } from './native.wire';

const MODELS: Array<[string, number, [number, number]]> = [
  ['NVIDIA GeForce RTX 4090', 24_564, [0.3, 0.6]],
  ['NVIDIA A100 80GB PCIe', 81_920, [1.1, 1.6]],
  ['NVIDIA H100 80GB HBM3', 81_559, [1.9, 2.6]],
];
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Refusals in the coordinator's application/problem+json shape (type, title, status, detail). */
const problem = (status: number, slug: string, title: string, detail: string) =>
  new SimHttpError(status, { type: `https://switchyard.dev/problems/${slug}`, title, status, detail });

export async function startNativeSimulator(options: SimulatorOptions): Promise<RunningSimulator & { server: SimServer }> {
  const server = new SimServer('native', options.seed);
  const rnd = server.random;
  const now = () => new Date().toISOString();
  const offers: MarketOffer[] = Array.from({ length: 4 }, (_, i) => {
    const [model, vramMb, [lo, hi]] = rnd.pick(MODELS);
    const nodeId = Array.from({ length: 44 }, () => rnd.pick(B58.split(''))).join('');
    const total = rnd.int(1, 8);
    return {
      offerId: `${nodeId}:${model.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
      nodeId,
      name: `sim-node-${i}`,
      gpu: { model, vramMb, free: total, total },
      price: { amount: rnd.between(lo, hi).toFixed(4), asset: 'USD', per: 'gpu-hour' },
      signals: { online: true, verified: true, verificationKind: 'gpu', verificationNote: 'simulated', uptime: 1, healthScore: 0.95 },
      lastHeartbeatAt: now(),
      observedAt: now(),
    };
  });
  const placements = new Map<string, MarketPlacement & { key: string; at: number }>();
  const byKey = new Map<string, string>();
  const current = (p: MarketPlacement & { at: number }): MarketPlacement => {
    if (p.state === 'queued' && Date.now() - p.at > 200) p.state = 'running';
    const { at: _at, key: _key, ...wire } = p as MarketPlacement & { at: number; key: string };
    return wire;
  };
  const find = (id: string) => {
    const p = placements.get(id);
    if (!p) throw problem(404, 'not-found', 'Not found', `Placement ${id} does not exist.`);
    return p;
  };

  server.route('GET', '/v1/native/offers', () => ({ body: { offers: offers.map((o) => ({ ...o, observedAt: now() })) } }));
  server.route('POST', '/v1/native/placements', (req) => {
    const key = String(req.headers['idempotency-key'] ?? '');
    const body = req.body as { offerId?: string; gpus?: number } | undefined;
    if (!key || !body?.offerId) throw problem(400, 'validation', 'Invalid request', 'idempotency-key and offerId are required');
    const existing = byKey.get(key);
    if (existing) return { status: 200, body: current(find(existing)) };
    const offer = offers.find((o) => o.offerId === body.offerId);
    if (!offer) throw problem(404, 'not-found', 'Not found', `offer ${body.offerId} does not exist`);
    const p = {
      placementId: `lease-${randomUUID()}`,
      offerId: offer.offerId,
      nodeId: offer.nodeId,
      state: 'queued' as LeaseState,
      gpus: body.gpus ?? 1,
      price: offer.price,
      createdAt: now(),
      startedAt: null,
      finishedAt: null,
      exitCode: null,
      message: null,
      key,
      at: Date.now(),
    };
    placements.set(p.placementId, p);
    byKey.set(key, p.placementId);
    server.countSubmission(key);
    return { status: 201, body: current(p) };
  });
  server.route('GET', '/v1/native/placements/:id', (req) => ({ body: current(find(req.params.id)) }));
  server.route('POST', '/v1/native/placements/:id/cancel', (req) => {
    const p = find(req.params.id);
    if (!['succeeded', 'failed', 'cancelled', 'expired'].includes(p.state)) Object.assign(p, { state: 'cancelled', finishedAt: now() });
    return { body: current(p) };
  });
  server.route('GET', '/v1/native/placements/:id/logs', (req) => {
    find(req.params.id);
    return { body: { lines: ['simulated native node: job accepted'] } };
  });

  const baseUrl = await server.start(options.port ?? 0, options.host);
  return { server, config: { baseUrl }, controlUrl: baseUrl, close: () => server.close() };
}
