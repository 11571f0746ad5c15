// A Solana JSON-RPC endpoint serving Pyth `PriceUpdateV2` accounts with the real byte layout (base64,
// owner = receiver program) at the real sponsored addresses of both program sets, so `Connection` code
// runs unchanged. Knobs (SimServer flags, comma-separated assets): staleAssets, wrongFeedAssets,
// partialAssets, wrongOwnerAssets, missingAssets.
import { SimServer } from '../../../../adapters/sdk';
import { PYTH_FEED_IDS, PYTH_SOLANA_PROGRAMS, PYTH_SOLANA_SPONSORED, PythProgramSet } from '../feeds';
import { encodePriceUpdateV2 } from '../price-update-v2';
import { pythFeedAccount } from '../pyth-solana.source';
import { JsonRpcError, JsonRpcStats, mountJsonRpc } from './json-rpc';
import { flagAssets, OracleWorld, SimulatedAsset } from './oracle-world';

const SLOT_MS = 400;
const GENESIS_MS = Date.UTC(2020, 2, 16);
const SOME_OTHER_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
const STALE_BY_S = 3 * 3600;

export interface SolanaRpcSimulator {
  server: SimServer;
  url: string;
  stats: JsonRpcStats;
  /** Account address of an asset's sponsored feed in a program set. */
  accountOf(asset: SimulatedAsset, set: PythProgramSet): string;
}

export async function startSolanaRpcSimulator(world: OracleWorld, opts: { seed: number; host?: string; port?: number }): Promise<SolanaRpcSimulator> {
  const server = new SimServer('pyth-solana', opts.seed);
  const accounts = new Map<string, { asset: SimulatedAsset; set: PythProgramSet }>();
  for (const set of Object.keys(PYTH_SOLANA_PROGRAMS) as PythProgramSet[]) {
    for (const asset of PYTH_SOLANA_SPONSORED as SimulatedAsset[]) accounts.set(pythFeedAccount(PYTH_FEED_IDS[asset]!, set), { asset, set });
  }
  const slot = () => Math.floor((world.now().getTime() - GENESIS_MS) / SLOT_MS);

  const account = (address: string) => {
    const entry = accounts.get(address);
    if (!entry) return null;
    const { asset, set } = entry;
    const is = (flag: string) => flagAssets(server.flag(flag)).has(asset);
    if (is('missingAssets')) return null;
    const now = world.now();
    const lagS = 2 + (slot() % 3); // sponsored feeds update about every few seconds to a minute
    const publishS = Math.floor(now.getTime() / 1000) - lagS - (is('staleAssets') ? STALE_BY_S : 0);
    const price = world.scaledPrice(asset, new Date(publishS * 1000));
    const feedId = is('wrongFeedAssets') ? PYTH_FEED_IDS[asset === 'SOL' ? 'USDC' : 'SOL']! : PYTH_FEED_IDS[asset]!;
    const data = encodePriceUpdateV2({
      writeAuthority: Buffer.alloc(32, 7),
      verification: is('partialAssets') ? { kind: 'partial', numSignatures: 5 } : { kind: 'full' },
      feedId,
      price,
      conf: price / 2000n, // ±0.05 %
      exponent: -8,
      publishTime: BigInt(publishS),
      prevPublishTime: BigInt(publishS - 1),
      emaPrice: price,
      emaConf: price / 1500n,
      postedSlot: BigInt(slot() - 1),
    });
    return {
      data: [data.toString('base64'), 'base64'],
      executable: false,
      lamports: 1_823_520,
      owner: is('wrongOwnerAssets') ? SOME_OTHER_PROGRAM : PYTH_SOLANA_PROGRAMS[set].receiver,
      rentEpoch: 0,
      space: data.length,
    };
  };
  const requireBase64 = (config: unknown) => {
    const encoding = (config as { encoding?: string } | undefined)?.encoding;
    if (encoding && encoding !== 'base64') throw new JsonRpcError(-32602, `simulator serves only base64 encoding, not ${encoding}`);
  };

  const stats = mountJsonRpc(server, {
    getHealth: () => 'ok',
    getVersion: () => ({ 'solana-core': '2.2.0-simulated', 'feature-set': 0 }),
    getSlot: () => slot(),
    getAccountInfo: ([address, config]) => {
      requireBase64(config);
      return { context: { slot: slot() }, value: account(String(address)) };
    },
    getMultipleAccounts: ([addresses, config]) => {
      requireBase64(config);
      if (!Array.isArray(addresses)) throw new JsonRpcError(-32602, 'expected an array of addresses');
      if (addresses.length > 100) throw new JsonRpcError(-32602, 'Too many inputs provided; max 100');
      return { context: { slot: slot() }, value: addresses.map((a) => account(String(a))) };
    },
  });

  const url = await server.start(opts.port ?? 0, opts.host);
  return { server, url, stats, accountOf: (asset, set) => pythFeedAccount(PYTH_FEED_IDS[asset]!, set) };
}
