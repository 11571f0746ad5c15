// Talks to a Lotus node (or Glif) over JSON-RPC 2.0 on /rpc/v1. Calls go out as one batch array, so
// verifying N miners costs one HTTP round trip, not 2N.
import { AdapterError, UpstreamHttpClient, parseUpstream } from '../sdk';
import type { ZodType } from 'zod';
import { ChainHead, RpcError, chainHeadSchema, rpcBatchResponseSchema, rpcResponseSchema } from './lotus.wire';

export interface RpcCall {
  method: string;
  params: unknown[];
}

export type RpcOutcome<T = unknown> = { ok: true; result: T } | { ok: false; error: RpcError };

export interface LotusClientOptions {
  /** Either the RPC endpoint itself (…/rpc/v1) or the node's base URL (then /rpc/v1 is appended). */
  url: string;
  token?: string;
  timeoutMs: number;
  maxAttempts: number;
}

/** Splits a configured Lotus URL into a base and the RPC path, accepting both spellings users paste. */
export function lotusEndpoint(url: string): { baseUrl: string; path: string } {
  const parsed = new URL(url);
  const match = /\/rpc\/v\d+\/?$/.exec(parsed.pathname);
  const path = match ? match[0].replace(/\/$/, '') : '/rpc/v1';
  parsed.pathname = match ? parsed.pathname.slice(0, match.index) : parsed.pathname;
  return { baseUrl: parsed.toString().replace(/\/+$/, ''), path };
}

export class LotusClient {
  private readonly http: UpstreamHttpClient;
  private readonly path: string;

  constructor(options: LotusClientOptions) {
    const endpoint = lotusEndpoint(options.url);
    this.path = endpoint.path;
    this.http = new UpstreamHttpClient({
      network: 'filecoin',
      baseUrl: endpoint.baseUrl,
      timeoutMs: options.timeoutMs,
      maxAttempts: options.maxAttempts,
      headers: options.token ? { authorization: `Bearer ${options.token}` } : undefined,
    });
  }

  /** Sends the calls as one JSON-RPC batch; each outcome is in the order of `calls`. */
  async batch(calls: RpcCall[], signal: AbortSignal): Promise<RpcOutcome[]> {
    if (calls.length === 0) return [];
    const body = calls.map((c, i) => ({ jsonrpc: '2.0', id: i + 1, method: c.method, params: c.params }));
    // Read calls are safe to repeat, so the batch POST may be retried.
    const replies = await this.http.request({ method: 'POST', path: this.path, body, signal, idempotent: true, schema: rpcBatchResponseSchema });
    const byId = new Map(replies.map((r) => [Number(r.id), r]));
    return calls.map((call, i) => {
      const reply = byId.get(i + 1);
      if (!reply) throw new AdapterError('bad_response', `filecoin lotus ${call.method}: no reply in the batch for id ${i + 1}`);
      if (reply.error) return { ok: false, error: reply.error };
      return { ok: true, result: reply.result };
    });
  }

  /** One plain (non-batch) call; an RPC error becomes an AdapterError. */
  async call<T>(method: string, params: unknown[], schema: ZodType<T>, signal: AbortSignal): Promise<T> {
    const reply = await this.http.request({
      method: 'POST',
      path: this.path,
      body: { jsonrpc: '2.0', id: 1, method, params },
      signal,
      idempotent: true,
      schema: rpcResponseSchema,
    });
    if (reply.error) throw new AdapterError('bad_response', `filecoin lotus ${method}: RPC error ${reply.error.code} ${reply.error.message}`);
    return parseUpstream(schema, reply.result, `filecoin lotus ${method}`);
  }

  chainHead(signal: AbortSignal): Promise<ChainHead> {
    return this.call('Filecoin.ChainHead', [], chainHeadSchema, signal);
  }
}
