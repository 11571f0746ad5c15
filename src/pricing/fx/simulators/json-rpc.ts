// JSON-RPC 2.0 over a SimServer route, single calls and batch arrays alike (ethers batches by default).
import type { SimServer } from '../../../../adapters/sdk';

export interface JsonRpcCall {
  jsonrpc?: string;
  id?: number | string | null;
  method?: string;
  params?: unknown;
}

export class JsonRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export type JsonRpcMethod = (params: unknown[]) => unknown;

export interface JsonRpcStats {
  /** Sizes of the batch arrays received, in order. */
  batchSizes: number[];
  calls: Record<string, number>;
}

export function mountJsonRpc(server: SimServer, methods: Record<string, JsonRpcMethod>): JsonRpcStats {
  const stats: JsonRpcStats = { batchSizes: [], calls: {} };
  const answer = (call: JsonRpcCall) => {
    const id = call?.id ?? null;
    const method = call?.method;
    if (typeof method !== 'string') return { jsonrpc: '2.0', id, error: { code: -32600, message: 'Invalid Request' } };
    stats.calls[method] = (stats.calls[method] ?? 0) + 1;
    const fn = methods[method];
    if (!fn) return { jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${method}` } };
    try {
      return { jsonrpc: '2.0', id, result: fn(Array.isArray(call.params) ? call.params : []) };
    } catch (err) {
      const code = err instanceof JsonRpcError ? err.code : -32603;
      return { jsonrpc: '2.0', id, error: { code, message: (err as Error).message } };
    }
  };
  server.route('POST', '/', (req) => {
    if (Array.isArray(req.body)) {
      stats.batchSizes.push(req.body.length);
      return { body: req.body.map((c) => answer(c as JsonRpcCall)) };
    }
    return { body: answer(req.body as JsonRpcCall) };
  });
  return stats;
}
