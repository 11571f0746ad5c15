// The agent's HTTP client: every request signed with the node key (see nodes/protocol/request-signature.ts).
import { randomBytes } from 'node:crypto';
import type { ZodType } from 'zod';
import type { NodeKeypair } from '../nodes/protocol/node-keys';
import { signRequest } from '../nodes/protocol/request-signature';

export class CoordinatorError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; detail?: string; reason?: string } | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'CoordinatorError';
  }

  /** 4xx answers mean the coordinator understood and refused: retrying the same request will not help. */
  get permanent(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

export interface CoordinatorClientOptions {
  baseUrl: string;
  keypair: NodeKeypair;
  timeoutMs?: number;
  now?: () => number;
}

export class CoordinatorClient {
  private readonly baseUrl: string;

  constructor(private readonly options: CoordinatorClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
  }

  get nodeId(): string {
    return this.options.keypair.nodeId;
  }

  async call<T>(
    method: 'GET' | 'POST' | 'PUT',
    pathWithQuery: string,
    body?: unknown,
    schema?: ZodType<T>,
    extra: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<T> {
    const text = body === undefined ? (method === 'GET' ? '' : '{}') : JSON.stringify(body);
    const headers: Record<string, string> = {
      ...signRequest(this.options.keypair, { method, pathWithQuery, body: text }, (this.options.now ?? Date.now)(), randomBytes(18).toString('base64url')),
      accept: 'application/json',
    };
    if (text !== '') headers['content-type'] = 'application/json';
    const timeout = AbortSignal.timeout(extra.timeoutMs ?? this.options.timeoutMs ?? 10_000);
    const signal = extra.signal ? AbortSignal.any([timeout, extra.signal]) : timeout;
    const res = await fetch(this.baseUrl + pathWithQuery, { method, headers, body: text === '' ? undefined : text, signal });
    const raw = await res.text();
    let parsed: unknown;
    try {
      parsed = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      throw new CoordinatorError(res.status, undefined, `${method} ${pathWithQuery}: HTTP ${res.status}, body is not JSON`);
    }
    if (!res.ok) {
      const problem = parsed as { title?: string; detail?: string; reason?: string } | undefined;
      throw new CoordinatorError(res.status, problem, `${method} ${pathWithQuery}: HTTP ${res.status} ${problem?.detail ?? problem?.title ?? ''}`.trim());
    }
    return schema ? schema.parse(parsed) : (parsed as T);
  }
}
