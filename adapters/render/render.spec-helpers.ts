// Test helpers shared by the Render specs: an adapter pointed at a simulator, and raw signed HTTP.
import axios, { AxiosResponse } from 'axios';
import { AdapterContext } from '../sdk';
import { RenderAdapter, RenderAdapterDeps, RenderConfig } from './render.adapter';
import { canonicalJson, newNonce, signRenderRequest } from './render.signing';
import { RunningRenderSimulator, startRenderSimulator } from './render.simulator';

export const quietContext = (now: () => Date = () => new Date()): AdapterContext => ({
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  now,
  simulated: true,
});

export function adapterFor(
  sim: RunningRenderSimulator,
  overrides: Partial<RenderConfig> = {},
  context: AdapterContext = quietContext(),
  deps: RenderAdapterDeps = {},
): RenderAdapter {
  return new RenderAdapter(
    {
      baseUrl: String(sim.config.baseUrl),
      publicKey: sim.account.publicKey,
      secretKey: sim.account.secretKey,
      timeoutMs: 1_000,
      pageSize: 50,
      idempotencyScanPages: 20,
      ...overrides,
    },
    context,
    { maxAttempts: 1, ...deps },
  );
}

export interface RawCall {
  method: string;
  path: string;
  query?: Array<[string, string]>;
  body?: unknown;
  secretKey?: string;
  timestampMs?: number;
  nonce?: string;
  /** Sent instead of the signed body, to tamper with it. */
  sendBody?: string;
  /** Sent instead of the signed query, to tamper with it. */
  sendQuery?: Array<[string, string]>;
}

/** Builds the signed headers and the URL once, so the same request can be sent twice (replay). */
export function signedRequest(sim: RunningRenderSimulator, call: RawCall) {
  const body = call.body === undefined ? '' : canonicalJson(call.body);
  const query = call.query ?? [];
  const headers = signRenderRequest(
    { publicKey: sim.account.publicKey, secretKey: call.secretKey ?? sim.account.secretKey },
    { method: call.method, pathname: call.path, query, body },
    { timestampMs: call.timestampMs ?? Date.now(), nonce: call.nonce ?? newNonce() },
  );
  const qs = new URLSearchParams(call.sendQuery ?? query).toString();
  const url = `${sim.config.baseUrl}${call.path}${qs ? `?${qs}` : ''}`;
  const data = call.sendBody ?? (body === '' ? undefined : body);
  return (): Promise<AxiosResponse> =>
    axios.request({
      method: call.method,
      url,
      data,
      headers: { ...headers, ...(data ? { 'content-type': 'application/json' } : {}) },
      validateStatus: () => true,
      transformRequest: [(d) => d],
    });
}

export const signal = () => AbortSignal.timeout(10_000);

export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 12_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

export { startRenderSimulator };
