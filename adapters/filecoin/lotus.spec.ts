// The Lotus simulator's JSON-RPC behaviour, and miner verification against it over real HTTP.
import axios from 'axios';
import { SimulatorControl } from '../sdk';
import { MAINNET_GENESIS_UNIX } from './filecoin.units';
import { LotusClient, lotusEndpoint } from './lotus.client';
import { startLotusSimulator } from './lotus.simulator';
import { MinerVerifier } from './filecoin.miner-verifier';

type Lotus = Awaited<ReturnType<typeof startLotusSimulator>>;
let lotus: Lotus;
let rpcUrl: string;
const signal = () => AbortSignal.timeout(5_000);

beforeEach(async () => {
  lotus = await startLotusSimulator({ seed: 11 });
  rpcUrl = String(lotus.config.lotusUrl);
});
afterEach(() => lotus.close());

const rpc = async (body: unknown) => (await axios.post(rpcUrl, body, { validateStatus: () => true })).data;
const powered = () => lotus.state.world.miners.filter((m) => m.qualityAdjPower !== '0');
const powerless = () => lotus.state.world.miners.filter((m) => m.qualityAdjPower === '0');
const lotusPosts = async () => (await new SimulatorControl(lotus.controlUrl).stats()).requests['POST /rpc/v1'] ?? 0;

describe('Lotus simulator', () => {
  it('answers Filecoin.ClientQueryAsk with -32601 method not found, as Lotus since v1.28.0 does', async () => {
    const reply = await rpc({ jsonrpc: '2.0', id: 1, method: 'Filecoin.ClientQueryAsk', params: ['12D3KooW', 'f01234'] });
    expect(reply.error.code).toBe(-32601);
    expect(reply.error.message).toMatch(/not found/);
    expect((await rpc({ jsonrpc: '2.0', id: 2, method: 'Filecoin.NoSuchThing', params: [] })).error.code).toBe(-32601);
  });

  it('answers a batch with one reply per call, matched by id, errors and results mixed', async () => {
    const [miner] = powered();
    const replies = await rpc([
      { jsonrpc: '2.0', id: 7, method: 'Filecoin.StateMinerInfo', params: [miner.id, null] },
      { jsonrpc: '2.0', id: 8, method: 'Filecoin.StateMinerInfo', params: ['f09999999999', null] },
      { jsonrpc: '2.0', id: 9, method: 'Filecoin.StateMinerPower', params: [miner.id, null] },
    ]);
    expect(replies.map((r: { id: number }) => r.id)).toEqual([7, 8, 9]);
    expect(replies[0].result).toMatchObject({ Owner: miner.owner, Worker: miner.worker, PeerId: miner.peerId, SectorSize: miner.sectorSize });
    expect(replies[1].error).toEqual({ code: 1, message: expect.stringContaining('resolution lookup failed (f09999999999)') });
    expect(replies[2].result.MinerPower).toEqual({ RawBytePower: miner.rawBytePower, QualityAdjPower: miner.qualityAdjPower });
    expect(typeof replies[2].result.TotalPower.QualityAdjPower).toBe('string');
  });

  it('advances ChainHead with 30 s epochs from mainnet genesis, with no token', async () => {
    const head = (await rpc({ jsonrpc: '2.0', id: 1, method: 'Filecoin.ChainHead', params: [] })).result;
    const expected = Math.floor((Date.now() / 1000 - MAINNET_GENESIS_UNIX) / 30);
    expect(Math.abs(head.Height - expected)).toBeLessThanOrEqual(1);
    expect(head.Blocks[0].Timestamp).toBe(MAINNET_GENESIS_UNIX + 30 * head.Height);
    expect(head.Cids[0]['/']).toMatch(/^bafy2bzace/);
  });

  it('lists miners and serves storage deals, and refuses write methods without permission', async () => {
    const miners = (await rpc({ jsonrpc: '2.0', id: 1, method: 'Filecoin.StateListMiners', params: [null] })).result;
    expect(miners).toEqual(lotus.state.world.miners.map((m) => m.id));
    const deal = (await rpc({ jsonrpc: '2.0', id: 2, method: 'Filecoin.StateMarketStorageDeal', params: [lotus.state.world.dealIds[0], null] })).result;
    expect(deal.Proposal).toMatchObject({ StoragePricePerEpoch: expect.stringMatching(/^\d+$/), Provider: expect.stringMatching(/^f0/) });
    expect((await rpc({ jsonrpc: '2.0', id: 3, method: 'Filecoin.StateMarketStorageDeal', params: [1, null] })).error.code).toBe(1);
    expect((await rpc({ jsonrpc: '2.0', id: 4, method: 'Filecoin.MpoolPush', params: [{}] })).error.message).toMatch(/need 'write'/);
  });
});

describe('miner verification', () => {
  let clock: number;
  const verifier = (ttlMs = 60_000) => new MinerVerifier(new LotusClient({ url: rpcUrl, timeoutMs: 1_000, maxAttempts: 1 }), ttlMs, () => new Date(clock));
  beforeEach(() => (clock = Date.parse('2026-03-01T00:00:00Z')));

  it('verifies a known miner with power and records its PeerId', async () => {
    const [miner] = powered();
    const result = (await verifier().verify([miner.id], signal())).get(miner.id)!;
    expect(result).toMatchObject({ verified: true, peerId: miner.peerId, qualityAdjPower: miner.qualityAdjPower });
  });

  it('leaves an unknown miner unverified with a note, and a zero-power miner unverified too', async () => {
    const [zero] = powerless();
    const results = await verifier().verify(['f09999999999', zero.id], signal());
    expect(results.get('f09999999999')).toMatchObject({ verified: false, note: expect.stringMatching(/not on chain/) });
    expect(results.get(zero.id)).toMatchObject({ verified: false, note: expect.stringMatching(/no power/) });
  });

  it('checks many miners in one batched HTTP request', async () => {
    const ids = lotus.state.world.miners.map((m) => m.id);
    const before = await lotusPosts();
    const results = await verifier().verify(ids, signal());
    expect(results.size).toBe(ids.length);
    expect((await lotusPosts()) - before).toBe(1);
  });

  it('serves from the cache within the TTL and asks again after it', async () => {
    const v = verifier(60_000);
    const ids = powered().map((m) => m.id);
    await v.verify(ids, signal());
    const afterFirst = await lotusPosts();
    clock += 59_000;
    await v.verify(ids, signal());
    expect(await lotusPosts()).toBe(afterFirst);
    clock += 2_000;
    await v.verify(ids, signal());
    expect(await lotusPosts()).toBe(afterFirst + 1);
  });

  it('keeps the last answer when Lotus fails, and says so for a miner never checked', async () => {
    const v = verifier(1_000);
    const [known] = powered();
    await v.verify([known.id], signal());
    await new SimulatorControl(lotus.controlUrl).setFaults({ errorRate: 1, errorStatus: 503 });
    clock += 5_000;
    const results = await v.verify([known.id, powered()[1].id], signal());
    expect(results.get(known.id)?.verified).toBe(true);
    expect(results.get(powered()[1].id)).toMatchObject({ verified: false, note: expect.stringMatching(/not checked: Lotus unavailable/) });
  });

  it('accepts the RPC endpoint or the node base URL', () => {
    expect(lotusEndpoint('https://api.node.glif.io/rpc/v1')).toEqual({ baseUrl: 'https://api.node.glif.io', path: '/rpc/v1' });
    expect(lotusEndpoint('http://127.0.0.1:1234')).toEqual({ baseUrl: 'http://127.0.0.1:1234', path: '/rpc/v1' });
  });
});
