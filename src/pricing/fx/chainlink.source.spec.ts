import { Money } from '../money';
import { ChainlinkFxSource } from './chainlink.source';
import { CHAINLINK_ETHEREUM_FEEDS } from './feeds';
import { RunningOracleSimulators, startOracleSimulators } from './simulators';

describe('Chainlink through ethers against the EVM JSON-RPC simulator', () => {
  let sims: RunningOracleSimulators;
  let source: ChainlinkFxSource;
  const signal = () => AbortSignal.timeout(5_000);

  beforeAll(async () => {
    sims = await startOracleSimulators({ seed: 11 });
  });
  beforeEach(() => {
    source = new ChainlinkFxSource({ rpcUrl: sims.urls.evmRpc, chainId: 1, feeds: CHAINLINK_ETHEREUM_FEEDS });
  });
  afterEach(async () => {
    await source.close();
    sims.evm.server.setFaults({});
  });
  afterAll(() => sims.close());

  it('reads FIL/USD from latestRoundData scaled by decimals()', async () => {
    const [fil] = await source.quote(['FIL'], signal());
    expect(fil).toMatchObject({ asset: 'FIL', source: 'chainlink', confidence: '0', feedId: '0x1A31D42149e82Eb99777f903C08A2E41A00085d3' });
    expect(Number(fil.usd)).toBeGreaterThan(3);
    expect(Number(fil.usd)).toBeLessThan(5);
    // The simulator publishes round(price × 1.0015 × 1e8) with 8 decimals; we must read exactly that back.
    const published = new Money(sims.world.priceAt('FIL', new Date(fil.publishTime)).times('1.0015').times(1e8).toFixed(0));
    expect(fil.usd).toBe(published.div(1e8).toFixed());
  });

  it('sends the calls of one refresh as one batched JSON-RPC array and never probes the chain id', async () => {
    const before = sims.evm.stats.batchSizes.length;
    const quotes = await source.quote(['FIL', 'SOL', 'USDC'], signal());
    expect(quotes.map((q) => q.asset).sort()).toEqual(['FIL', 'SOL', 'USDC']);
    const batches = sims.evm.stats.batchSizes.slice(before);
    // 3 feeds × (decimals + latestRoundData) = 6 eth_calls in one array.
    expect(batches).toEqual([6]);
    expect(sims.evm.stats.calls.eth_chainId ?? 0).toBe(0);
    // decimals() is read once per feed: the next refresh only asks for the rounds.
    await source.quote(['FIL', 'SOL', 'USDC'], signal());
    expect(sims.evm.stats.batchSizes.slice(before)).toEqual([6, 3]);
  });

  it('keeps a stale round with its real publish time, so the caller can see how old it is', async () => {
    sims.evm.server.setFaults({ flags: { staleAssets: 'FIL' } });
    const [fil] = await source.quote(['FIL'], signal());
    expect(Date.now() - Date.parse(fil.publishTime)).toBeGreaterThan(2 * 86_400_000 - 1);
  });

  it('rejects a zero answer, reporting why, without losing the other feeds', async () => {
    sims.evm.server.setFaults({ flags: { zeroAnswerAssets: 'FIL' } });
    const rejections: string[] = [];
    source = new ChainlinkFxSource({
      rpcUrl: sims.urls.evmRpc,
      chainId: 1,
      feeds: CHAINLINK_ETHEREUM_FEEDS,
      onRejection: (r) => rejections.push(`${r.asset}: ${r.reason}`),
    });
    const quotes = await source.quote(['FIL', 'SOL'], signal());
    expect(quotes.map((q) => q.asset)).toEqual(['SOL']);
    expect(rejections).toEqual(['FIL: non-positive answer 0']);
  });

  it('reports a feed address with no contract behind it', async () => {
    const rejections: string[] = [];
    source = new ChainlinkFxSource({
      rpcUrl: sims.urls.evmRpc,
      chainId: 1,
      feeds: { AKT: '0x000000000000000000000000000000000000dEaD' },
      onRejection: (r) => rejections.push(r.reason),
    });
    expect(await source.quote(['AKT'], signal())).toEqual([]);
    expect(rejections[0]).toMatch(/could not decode result data|BAD_DATA/);
  });
});
