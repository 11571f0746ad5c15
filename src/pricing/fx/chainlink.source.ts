// Chainlink AggregatorV3 feeds on any EVM chain through ethers v6. The provider batches the calls of
// one refresh into a single JSON-RPC array, and `staticNetwork` spares the eth_chainId probe.
import { Contract, FetchRequest, JsonRpcProvider, Network } from 'ethers';
import { formatMoney, scaled } from '../money';
import { abortable } from './abortable';
import type { FxAsset, FxQuote, FxRejectionListener, FxSource } from './fx-quote';
import { redactUrlsIn } from '../../common/redact';

const AGGREGATOR_V3_ABI = [
  'function decimals() view returns (uint8)',
  'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
];

export interface ChainlinkOptions {
  rpcUrl: string;
  chainId: number;
  /** AggregatorV3 proxy address per asset (X/USD feeds). */
  feeds: Partial<Record<FxAsset, string>>;
  timeoutMs?: number;
  now?: () => Date;
  onRejection?: FxRejectionListener;
}

export function createEvmProvider(rpcUrl: string, chainId: number, timeoutMs = 10_000): JsonRpcProvider {
  const request = new FetchRequest(rpcUrl);
  request.timeout = timeoutMs;
  const network = Network.from(chainId);
  return new JsonRpcProvider(request, network, { staticNetwork: network, batchMaxCount: 20, batchStallTime: 5 });
}

export class ChainlinkFxSource implements FxSource {
  readonly id = 'chainlink';
  private readonly provider: JsonRpcProvider;
  private readonly now: () => Date;
  private readonly decimals = new Map<string, number>();

  constructor(private readonly options: ChainlinkOptions) {
    this.provider = createEvmProvider(options.rpcUrl, options.chainId, options.timeoutMs);
    this.now = options.now ?? (() => new Date());
  }

  async quote(assets: readonly FxAsset[], signal: AbortSignal): Promise<FxQuote[]> {
    const wanted = assets.filter((a) => this.options.feeds[a]);
    const reads = await abortable(Promise.allSettled(wanted.map((a) => this.readFeed(a, this.options.feeds[a]!))), signal);
    const quotes: FxQuote[] = [];
    reads.forEach((r, i) => {
      if (r.status === 'fulfilled') quotes.push(r.value);
      // ethers quotes the RPC URL it called, whose path or query may hold the provider's API key.
      else this.options.onRejection?.({ source: this.id, asset: wanted[i], reason: redactUrlsIn((r.reason as Error).message) });
    });
    return quotes;
  }

  private async readFeed(asset: FxAsset, address: string): Promise<FxQuote> {
    const feed = new Contract(address, AGGREGATOR_V3_ABI, this.provider);
    // decimals() never changes; read it once per feed, in the same batch as the first round.
    const [decimals, round] = await Promise.all([
      this.decimals.has(address) ? this.decimals.get(address)! : feed.decimals().then(Number),
      feed.latestRoundData() as Promise<[bigint, bigint, bigint, bigint, bigint]>,
    ]);
    this.decimals.set(address, decimals);
    const [roundId, answer, , updatedAt, answeredInRound] = round;
    if (answer <= 0n) throw new Error(`non-positive answer ${answer}`);
    if (updatedAt === 0n) throw new Error('round not complete (updatedAt = 0)');
    if (answeredInRound < roundId) throw new Error(`answer carried over from round ${answeredInRound} < ${roundId}`);
    return {
      asset,
      usd: formatMoney(scaled(answer, -decimals), 12),
      source: this.id,
      publishTime: new Date(Number(updatedAt) * 1000).toISOString(),
      // Chainlink publishes no confidence interval.
      confidence: '0',
      feedId: address,
      observedAt: this.now().toISOString(),
    };
  }

  async close(): Promise<void> {
    this.provider.destroy();
  }
}
