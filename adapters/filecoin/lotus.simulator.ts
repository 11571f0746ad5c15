// A Lotus node simulator: JSON-RPC 2.0 on /rpc/v1 (single calls and batches) with the read methods the
// adapter and operators use, the real error shapes (go-jsonrpc: code 1 for a failed call, -32601 for an
// unknown method — which is what a current Lotus says to the removed Filecoin.ClientQueryAsk).
import { createHash } from 'node:crypto';
import { RunningSimulator, SimHttpError, SimServer, SimulatorOptions, supplyScaleOf } from '../sdk';
import { EPOCH_SECONDS, MAINNET_GENESIS_UNIX, epochAt } from './filecoin.units';
import { FilecoinWorld, SimMiner, buildFilecoinWorld } from './filecoin.sim-world';

interface RpcRequest {
  jsonrpc?: string;
  id?: number | string | null;
  method?: unknown;
  params?: unknown;
}

type RpcReply = { jsonrpc: '2.0'; id: number | string | null; result?: unknown; error?: { code: number; message: string } };

class RpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** go-jsonrpc's code for an error returned by the method itself. */
const CALL_FAILED = 1;
const METHOD_NOT_FOUND = -32601;
const INVALID_REQUEST = -32600;
/** Methods that need a token with write permission on a real node; everything simulated here is read. */
const WRITE_METHODS = new Set(['Filecoin.MpoolPush', 'Filecoin.MpoolPushMessage', 'Filecoin.WalletNew', 'Filecoin.WalletSign']);

function cid(seed: string): string {
  return `bafy2bzace${createHash('sha256').update(seed).digest('hex').slice(0, 50)}`;
}

function totalPower(world: FilecoinWorld): { RawBytePower: string; QualityAdjPower: string } {
  // The network is far larger than the simulated SPs: add a fixed ~20 EiB of everyone else.
  const others = 20n * 1024n ** 6n;
  const raw = world.miners.reduce((s, m) => s + BigInt(m.rawBytePower), others);
  const qap = world.miners.reduce((s, m) => s + BigInt(m.qualityAdjPower), others * 4n);
  return { RawBytePower: raw.toString(), QualityAdjPower: qap.toString() };
}

function actorNotFound(address: string): RpcFailure {
  return new RpcFailure(CALL_FAILED, `failed to load miner actor: resolution lookup failed (${address}): resolve address ${address}: actor not found`);
}

export class LotusSimulatorState {
  readonly miners: Map<string, SimMiner>;

  constructor(
    readonly world: FilecoinWorld,
    private readonly now: () => number = Date.now,
  ) {
    this.miners = new Map(world.miners.map((m) => [m.id, m]));
  }

  dispatch(method: string, params: unknown[]): unknown {
    switch (method) {
      case 'Filecoin.ChainHead':
        return this.chainHead();
      case 'Filecoin.StateListMiners':
        return [...this.miners.keys()];
      case 'Filecoin.StateMinerInfo':
        return this.minerInfo(String(params[0] ?? ''));
      case 'Filecoin.StateMinerPower':
        return this.minerPower(String(params[0] ?? ''));
      case 'Filecoin.StateMarketStorageDeal':
        return this.deal(Number(params[0]));
      default:
        if (WRITE_METHODS.has(method)) throw new RpcFailure(CALL_FAILED, `missing permission to invoke '${method.replace('Filecoin.', '')}' (need 'write')`);
        // Includes Filecoin.ClientQueryAsk, removed with the legacy markets in Lotus v1.28.0.
        throw new RpcFailure(METHOD_NOT_FOUND, `method '${method}' not found`);
    }
  }

  private chainHead() {
    const height = epochAt(this.now());
    const timestamp = MAINNET_GENESIS_UNIX + EPOCH_SECONDS * height;
    const powered = this.world.miners.filter((m) => m.qualityAdjPower !== '0');
    const miner = powered[height % powered.length] ?? this.world.miners[0];
    const block = {
      Miner: miner.id,
      Ticket: { VRFProof: Buffer.from(cid(`ticket-${height}`)).toString('base64') },
      ElectionProof: { WinCount: 1, VRFProof: Buffer.from(cid(`election-${height}`)).toString('base64') },
      BeaconEntries: [{ Round: 17_000_000 + height, Data: Buffer.from(cid(`beacon-${height}`)).toString('base64') }],
      WinPoStProof: [{ PoStProof: 3, ProofBytes: Buffer.from(cid(`post-${height}`)).toString('base64') }],
      Parents: [{ '/': cid(`block-${height - 1}`) }],
      ParentWeight: String(116_000_000_000 + height * 24_000),
      Height: height,
      ParentStateRoot: { '/': cid(`state-${height - 1}`) },
      ParentMessageReceipts: { '/': cid(`receipts-${height - 1}`) },
      Messages: { '/': cid(`messages-${height}`) },
      BLSAggregate: { Type: 2, Data: '' },
      Timestamp: timestamp,
      BlockSig: { Type: 2, Data: '' },
      ForkSignaling: 0,
      ParentBaseFee: '100',
    };
    return { Cids: [{ '/': cid(`block-${height}`) }], Blocks: [block], Height: height };
  }

  private minerInfo(address: string) {
    const m = this.miners.get(address);
    if (!m) throw actorNotFound(address);
    return {
      Owner: m.owner,
      Worker: m.worker,
      NewWorker: '<empty>',
      ControlAddresses: [m.worker],
      WorkerChangeEpoch: -1,
      PeerId: m.peerId,
      Multiaddrs: m.multiaddrs,
      WindowPoStProofType: m.sectorSize === 64 * 1024 ** 3 ? 9 : 8,
      SectorSize: m.sectorSize,
      WindowPoStPartitionSectors: m.sectorSize === 64 * 1024 ** 3 ? 2300 : 2349,
      ConsensusFaultElapsed: -1,
      PendingOwnerAddress: null,
      Beneficiary: m.owner,
      BeneficiaryTerm: { Quota: '0', UsedQuota: '0', Expiration: 0 },
      PendingBeneficiaryTerm: null,
    };
  }

  private minerPower(address: string) {
    const m = this.miners.get(address);
    // Like Lotus, a miner without a claim in the power actor gets a zero claim rather than an error.
    const claim = m ? { RawBytePower: m.rawBytePower, QualityAdjPower: m.qualityAdjPower } : { RawBytePower: '0', QualityAdjPower: '0' };
    const hasMinPower = m ? BigInt(m.rawBytePower) >= 10n * 1024n ** 4n : false;
    return { MinerPower: claim, TotalPower: totalPower(this.world), HasMinPower: hasMinPower };
  }

  private deal(dealId: number) {
    const index = this.world.dealIds.indexOf(dealId);
    if (index < 0) throw new RpcFailure(CALL_FAILED, `failed to get deal ${dealId}: deal ${dealId} not found`);
    const provider = this.world.miners[index % this.world.miners.length];
    const start = epochAt(this.now()) - 100_000 + index * 1_000;
    return {
      Proposal: {
        PieceCID: { '/': `baga6ea4seaq${createHash('sha256').update(String(dealId)).digest('hex').slice(0, 46)}` },
        PieceSize: provider.sectorSize,
        VerifiedDeal: index % 3 !== 0,
        Client: `f0${1_000_000 + index}`,
        Provider: provider.id,
        Label: '',
        StartEpoch: start,
        EndEpoch: start + 1_051_200, // 365 days of epochs
        // Verified (Filecoin Plus) deals are usually free; the others pay a little per epoch.
        StoragePricePerEpoch: index % 3 !== 0 ? '0' : String(1_000 * (index + 1)),
        ProviderCollateral: '0',
        ClientCollateral: '0',
      },
      State: { SectorNumber: 9 + index, SectorStartEpoch: start, LastUpdatedEpoch: -1, SlashEpoch: -1 },
    };
  }

  handle(request: RpcRequest): RpcReply {
    const id = request?.id ?? null;
    if (typeof request !== 'object' || request === null || typeof request.method !== 'string') {
      return { jsonrpc: '2.0', id, error: { code: INVALID_REQUEST, message: 'invalid request: method is required' } };
    }
    try {
      const params = Array.isArray(request.params) ? request.params : [];
      return { jsonrpc: '2.0', id, result: this.dispatch(request.method, params) };
    } catch (err) {
      const failure = err instanceof RpcFailure ? err : new RpcFailure(CALL_FAILED, (err as Error).message);
      return { jsonrpc: '2.0', id, error: { code: failure.code, message: failure.message } };
    }
  }
}

export async function startLotusSimulator(options: SimulatorOptions): Promise<RunningSimulator & { server: SimServer; state: LotusSimulatorState }> {
  const server = new SimServer('filecoin-lotus', options.seed);
  const state = new LotusSimulatorState(buildFilecoinWorld(options.seed, supplyScaleOf(options)));
  server.route('POST', '/rpc/v1', (req) => {
    if (Array.isArray(req.body)) {
      if (req.body.length === 0) return { body: { jsonrpc: '2.0', id: null, error: { code: INVALID_REQUEST, message: 'empty batch' } } };
      return { body: req.body.map((r) => state.handle(r as RpcRequest)) };
    }
    if (req.body === undefined) throw new SimHttpError(400, { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'parse error: empty body' } });
    return { body: state.handle(req.body as RpcRequest) };
  });
  const url = await server.start(options.port ?? 0, options.host);
  return { server, state, config: { lotusUrl: `${url}/rpc/v1` }, controlUrl: url, close: () => server.close() };
}
