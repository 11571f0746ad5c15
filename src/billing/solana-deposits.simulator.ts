// A simulated Solana JSON-RPC endpoint answering `getTransaction` from fixtures, as the real RPC does:
// encoding "json" (web3.js 1.x's default; others are refused), `commitment` finalized (default) or
// confirmed, -32015 for a v0 transaction requested without maxSupportedTransactionVersion, and null for
// an unknown signature or one that is not yet at the asked commitment. It says it is simulated
// (x-switchyard-simulated header, getVersion). Used by the tests; not started by the service.
import { SimServer } from '../../adapters/sdk';
import { RpcTransaction } from './solana-deposit.fixtures';

export class SimJsonRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

interface Stored {
  tx: RpcTransaction;
  finalized: boolean;
}

export class SolanaDepositsSimulator {
  readonly server: SimServer;
  private readonly transactions = new Map<string, Stored>();
  readonly calls: Array<{ method: string; params: unknown[] }> = [];
  url = '';

  constructor(seed = 42) {
    this.server = new SimServer('solana-deposits', seed);
    this.server.route('POST', '/', (req) => {
      const calls = Array.isArray(req.body) ? req.body : [req.body];
      const answers = calls.map((c) => this.answer(c as { id?: unknown; method?: unknown; params?: unknown }));
      return { body: Array.isArray(req.body) ? answers : answers[0] };
    });
  }

  async start(port = 0): Promise<string> {
    this.url = await this.server.start(port);
    return this.url;
  }

  close(): Promise<void> {
    return this.server.close();
  }

  /** Serves a transaction: at `confirmed` always, at `finalized` only when finalized (default true). */
  add(tx: RpcTransaction, opts: { finalized?: boolean } = {}): string {
    this.transactions.set(tx.signature, { tx, finalized: opts.finalized ?? true });
    return tx.signature;
  }

  finalize(signature: string): void {
    const stored = this.transactions.get(signature);
    if (stored) stored.finalized = true;
  }

  private answer(call: { id?: unknown; method?: unknown; params?: unknown }) {
    const id = call?.id ?? null;
    const method = typeof call?.method === 'string' ? call.method : '';
    const params = Array.isArray(call?.params) ? call.params : [];
    this.calls.push({ method, params });
    try {
      return { jsonrpc: '2.0', id, result: this.dispatch(method, params) };
    } catch (err) {
      const code = err instanceof SimJsonRpcError ? err.code : -32603;
      return { jsonrpc: '2.0', id, error: { code, message: (err as Error).message } };
    }
  }

  private dispatch(method: string, params: unknown[]): unknown {
    switch (method) {
      case 'getHealth':
        return 'ok';
      case 'getVersion':
        return { 'solana-core': '2.2.0-simulated', 'feature-set': 0 };
      case 'getTransaction':
        return this.getTransaction(params);
      default:
        throw new SimJsonRpcError(-32601, `Method not found`);
    }
  }

  private getTransaction(params: unknown[]): unknown {
    const [signature, config] = params as [unknown, { commitment?: string; encoding?: string; maxSupportedTransactionVersion?: number } | undefined];
    if (typeof signature !== 'string') throw new SimJsonRpcError(-32602, 'Invalid params: signature must be a string');
    const commitment = config?.commitment ?? 'finalized';
    if (!['confirmed', 'finalized'].includes(commitment)) throw new SimJsonRpcError(-32602, `Method does not support commitment below \`confirmed\``);
    const encoding = config?.encoding ?? 'json';
    if (encoding !== 'json') throw new SimJsonRpcError(-32602, `simulator serves only encoding "json", not ${encoding}`);
    const stored = this.transactions.get(signature);
    if (!stored || (commitment === 'finalized' && !stored.finalized)) return null;
    const max = config?.maxSupportedTransactionVersion;
    if (stored.tx.version === 0 && (max === undefined || max < 0)) {
      throw new SimJsonRpcError(
        -32015,
        'Transaction version (0) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": 0',
      );
    }
    const { version, ...rest } = stored.tx.result;
    // The real RPC omits `version` for legacy transactions when the client sent no maxSupportedTransactionVersion.
    return max === undefined ? rest : { ...rest, version };
  }
}

export async function startSolanaDepositsSimulator(opts: { seed?: number; port?: number } = {}): Promise<SolanaDepositsSimulator> {
  const sim = new SolanaDepositsSimulator(opts.seed);
  await sim.start(opts.port);
  return sim;
}
