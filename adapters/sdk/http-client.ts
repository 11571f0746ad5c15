// The HTTP client every adapter uses: timeouts, keep-alive, retry with exponential backoff for idempotent
// calls only, AbortSignal end to end, and every failure mapped to an AdapterError.
import http from 'node:http';
import https from 'node:https';
import axios, { AxiosError, AxiosInstance, Method } from 'axios';
import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import type { ZodType } from 'zod';
import { AdapterError, classifyError, codeForHttpStatus, isAdapterError } from './errors';
import { parseUpstream } from './upstream-schema';
import { bodyForRecord, reportExchange } from './contract/exchange-recorder';

export interface OutgoingRequest {
  method: string;
  /** Path relative to the base URL, without the query string. */
  path: string;
  query: Record<string, string | number | boolean | undefined>;
  /** The exact body bytes that will be sent ('' for none). */
  body: string;
}

export interface HttpClientOptions {
  /** Used in error messages: "akash GET /v1/providers: 503". */
  network: string;
  baseUrl: string;
  timeoutMs?: number;
  /** Attempts for idempotent requests (GET, PUT, DELETE, and any request marked idempotent). */
  maxAttempts?: number;
  headers?: Record<string, string>;
  /** Adds headers computed from the exact request (e.g. an HMAC signature). */
  sign?: (request: OutgoingRequest) => Record<string, string>;
  /** Serializes a JSON body; defaults to JSON.stringify. */
  serializeBody?: (body: unknown) => string;
}

export interface RequestOptions<T> {
  method: Method;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal: AbortSignal;
  schema?: ZodType<T>;
  /** Marks a POST as safe to retry (it carries its own idempotency key). */
  idempotent?: boolean;
  /** Status codes that are not errors for this call (e.g. 404 on a lookup); the body is returned as is. */
  acceptStatus?: number[];
  headers?: Record<string, string>;
}

export interface UpstreamResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const keepAliveHttp = new http.Agent({ keepAlive: true, maxSockets: 64 });
const keepAliveHttps = new https.Agent({ keepAlive: true, maxSockets: 64 });

export class UpstreamHttpClient {
  private readonly axios: AxiosInstance;

  constructor(private readonly options: HttpClientOptions) {
    this.axios = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 10_000,
      httpAgent: keepAliveHttp,
      httpsAgent: keepAliveHttps,
      responseType: 'text',
      transformResponse: [(data) => data],
      validateStatus: () => true,
      maxContentLength: 50 * 1024 * 1024,
      headers: { accept: 'application/json', ...options.headers },
    });
  }

  async request<T = unknown>(req: RequestOptions<T>): Promise<T> {
    return (await this.send(req)).data;
  }

  async send<T = unknown>(req: RequestOptions<T>): Promise<UpstreamResponse<T>> {
    const method = req.method.toUpperCase();
    const attempts = IDEMPOTENT_METHODS.has(method) || req.idempotent ? (this.options.maxAttempts ?? 3) : 1;
    const policy = retry(
      handleWhen((err) => isAdapterError(err) && err.retryable && err.code !== 'aborted'),
      { maxAttempts: attempts - 1, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2_000 }) },
    );
    try {
      return await policy.execute(() => this.once(method, req), req.signal);
    } catch (err) {
      throw classifyError(err);
    }
  }

  private async once<T>(method: string, req: RequestOptions<T>): Promise<UpstreamResponse<T>> {
    if (req.signal.aborted) throw new AdapterError('aborted', `${this.label(method, req.path)}: aborted`);
    const body = req.body === undefined ? '' : (this.options.serializeBody ?? JSON.stringify)(req.body);
    const query = Object.fromEntries(Object.entries(req.query ?? {}).filter(([, v]) => v !== undefined));
    const signed = this.options.sign?.({ method, path: req.path, query, body }) ?? {};
    let response;
    try {
      response = await this.axios.request<string>({
        method,
        url: req.path,
        params: query,
        data: body === '' ? undefined : body,
        signal: req.signal,
        headers: { ...(body === '' ? {} : { 'content-type': 'application/json' }), ...req.headers, ...signed },
      });
    } catch (err) {
      this.record(method, req.path, query, body);
      const e = err as AxiosError;
      const base = classifyError(req.signal.aborted ? Object.assign(new Error('aborted'), { name: 'AbortError' }) : err);
      throw new AdapterError(base.code, `${this.label(method, req.path)}: ${e.code ?? ''} ${e.message}`.trim(), {
        cause: err,
      });
    }
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    this.record(method, req.path, query, body, response.status, headers, response.data);
    const accepted = response.status < 300 || req.acceptStatus?.includes(response.status);
    if (!accepted) throw this.statusError(method, req.path, response.status, response.data, headers);
    const parsed = this.parseBody(method, req.path, response.data);
    const data = req.schema && response.status < 300 ? parseUpstream(req.schema, parsed, this.label(method, req.path)) : (parsed as T);
    return { status: response.status, data, headers };
  }

  /** For contract tests: a no-op unless a recorder listens (see contract/exchange-recorder.ts). */
  private record(
    method: string,
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    body: string,
    status?: number,
    headers?: Record<string, string>,
    text?: string,
  ): void {
    reportExchange(() => ({
      network: this.options.network,
      transport: 'http',
      baseUrl: this.options.baseUrl,
      method,
      path,
      query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
      requestBody: bodyForRecord(body),
      status,
      responseContentType: headers?.['content-type'],
      responseBody: bodyForRecord(text),
      injectedFault: headers?.['x-switchyard-fault'],
    }));
  }

  private parseBody(method: string, path: string, text: string): unknown {
    if (text === undefined || text === null || text === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      throw new AdapterError('bad_response', `${this.label(method, path)}: response is not valid JSON (${text.slice(0, 80)})`);
    }
  }

  private statusError(method: string, path: string, status: number, text: string, headers: Record<string, string>): AdapterError {
    const retryAfter = headers['retry-after'];
    const retryAfterMs = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) * 1000 : undefined;
    const detail = typeof text === 'string' ? text.slice(0, 300) : '';
    return new AdapterError(codeForHttpStatus(status), `${this.label(method, path)}: HTTP ${status} ${detail}`.trim(), {
      status,
      retryAfterMs,
    });
  }

  private label(method: string, path: string): string {
    return `${this.options.network} ${method} ${path}`;
  }
}
