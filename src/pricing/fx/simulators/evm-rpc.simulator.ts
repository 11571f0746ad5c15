// An EVM JSON-RPC endpoint answering like Chainlink AggregatorV3 proxies: eth_chainId, eth_blockNumber
// and eth_call for decimals() (0x313ce567) and latestRoundData() (0xfeaf968c), ABI-encoded, single or
// batched. Feeds sit at the real Ethereum mainnet proxy addresses. Knobs (SimServer flags,
// comma-separated assets): staleAssets (updatedAt two days old), zeroAnswerAssets.
import { AbiCoder } from 'ethers';
import { SimServer } from '../../../../adapters/sdk';
import { CHAINLINK_ETHEREUM_FEEDS } from '../feeds';
import { JsonRpcError, JsonRpcStats, mountJsonRpc } from './json-rpc';
import { flagAssets, OracleWorld, SimulatedAsset } from './oracle-world';

const DECIMALS = 0x313ce567;
const LATEST_ROUND_DATA = 0xfeaf968c;
const HEARTBEAT_S = 3600;
// Chainlink aggregates other exchanges than Pyth: a small, steady difference.
const CHAINLINK_OFFSET = '1.0015';

export interface EvmRpcSimulator {
  server: SimServer;
  url: string;
  chainId: number;
  stats: JsonRpcStats;
  feeds: Partial<Record<SimulatedAsset, string>>;
}

export async function startEvmRpcSimulator(
  world: OracleWorld,
  opts: { seed: number; chainId?: number; host?: string; port?: number },
): Promise<EvmRpcSimulator> {
  const server = new SimServer('chainlink-evm', opts.seed);
  const chainId = opts.chainId ?? 1;
  const coder = AbiCoder.defaultAbiCoder();
  const feeds = CHAINLINK_ETHEREUM_FEEDS as Partial<Record<SimulatedAsset, string>>;
  const byAddress = new Map(Object.entries(feeds).map(([asset, address]) => [address!.toLowerCase(), asset as SimulatedAsset]));
  const block = () => Math.floor(world.now().getTime() / 12_000) - 110_000_000;

  const call = ([tx]: unknown[]) => {
    const { to, data } = (tx ?? {}) as { to?: string; data?: string };
    const asset = to ? byAddress.get(to.toLowerCase()) : undefined;
    if (!asset) return '0x'; // no contract there: an empty return, as a real node gives for an EOA
    const selector = data && data.length >= 10 ? parseInt(data.slice(2, 10), 16) : -1;
    if (selector === DECIMALS) return coder.encode(['uint8'], [8]);
    if (selector !== LATEST_ROUND_DATA) throw new JsonRpcError(3, 'execution reverted');
    const is = (flag: string) => flagAssets(server.flag(flag)).has(asset);
    const nowS = Math.floor(world.now().getTime() / 1000);
    // A new round every heartbeat; updatedAt is the start of the current one.
    const updatedAt = nowS - (nowS % HEARTBEAT_S) - (is('staleAssets') ? 2 * 86_400 : 0);
    const roundId = (1n << 64n) * 7n + BigInt(Math.floor(updatedAt / HEARTBEAT_S));
    const answer = is('zeroAnswerAssets') ? 0n : world.scaledPrice(asset, new Date(updatedAt * 1000), CHAINLINK_OFFSET);
    return coder.encode(['uint80', 'int256', 'uint256', 'uint256', 'uint80'], [roundId, answer, updatedAt, updatedAt, roundId]);
  };

  const stats = mountJsonRpc(server, {
    eth_chainId: () => `0x${chainId.toString(16)}`,
    net_version: () => String(chainId),
    eth_blockNumber: () => `0x${block().toString(16)}`,
    eth_call: call,
  });
  const url = await server.start(opts.port ?? 0, opts.host);
  return { server, url, chainId, stats, feeds };
}
