// A Pyth Hermes endpoint: GET /v2/updates/price/latest?ids[]=…&parsed=true with the real response shape
// (price and conf as strings, expo, publish_time). Unknown ids answer 404 unless
// ignore_invalid_price_ids=true, as Hermes does. With `apiKey` set it demands `Authorization: Bearer`.
// Knob (SimServer flag): staleAssets.
import { SimHttpError, SimServer } from '../../../../adapters/sdk';
import { PYTH_FEED_IDS } from '../feeds';
import { flagAssets, OracleWorld, SIMULATED_ASSETS, SimulatedAsset } from './oracle-world';

export interface HermesSimulator {
  server: SimServer;
  url: string;
}

export async function startHermesSimulator(
  world: OracleWorld,
  opts: { seed: number; apiKey?: string; host?: string; port?: number },
): Promise<HermesSimulator> {
  const server = new SimServer('pyth-hermes', opts.seed);
  const byFeed = new Map(SIMULATED_ASSETS.map((a) => [PYTH_FEED_IDS[a]!, a] as [string, SimulatedAsset]));

  server.route('GET', '/v2/updates/price/latest', (req) => {
    if (opts.apiKey && req.headers.authorization !== `Bearer ${opts.apiKey}`) {
      throw new SimHttpError(401, { message: 'A valid Pyth API key is required (Authorization: Bearer <key>)' });
    }
    const ids = req.query.getAll('ids[]').map((id) => id.replace(/^0x/, '').toLowerCase());
    if (ids.length === 0) throw new SimHttpError(400, { message: 'at least one ids[] is required' });
    const ignoreInvalid = req.query.get('ignore_invalid_price_ids') === 'true';
    const unknown = ids.filter((id) => !byFeed.has(id));
    if (unknown.length && !ignoreInvalid) throw new SimHttpError(404, { message: `Price ids not found: ${unknown.join(', ')}` });
    const stale = flagAssets(server.flag('staleAssets'));
    const nowS = Math.floor(world.now().getTime() / 1000);
    const known = ids.filter((id) => byFeed.has(id));
    const parsed = known.map((id) => {
      const asset = byFeed.get(id)!;
      const publish = nowS - 1 - (stale.has(asset) ? 3 * 3600 : 0);
      const price = world.scaledPrice(asset, new Date(publish * 1000));
      const entry = { price: price.toString(), conf: (price / 2000n).toString(), expo: -8, publish_time: publish };
      return { id, price: entry, ema_price: entry, metadata: { slot: publish * 3, proof_available_time: publish + 1, prev_publish_time: publish - 1 } };
    });
    const withBinary = req.query.get('encoding') !== null || req.query.get('parsed') !== 'false';
    return {
      body: {
        // Not a real signed accumulator update: the magic "PNAU" and a marker that it is simulated.
        binary: withBinary ? { encoding: 'hex', data: [`504e4155${Buffer.from('simulated').toString('hex')}`] } : undefined,
        parsed: req.query.get('parsed') === 'false' ? undefined : parsed,
      },
    };
  });

  const url = await server.start(opts.port ?? 0, opts.host);
  return { server, url };
}
