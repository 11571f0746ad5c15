// @switchyard/client: Switchyard's API as typed calls. The types (schema.d.ts) are generated from the
// service's OpenAPI document by openapi-typescript; openapi-fetch is the runtime (a few kB over fetch, typed
// by those paths). createSwitchyardClient adds the API key and turns every non-2xx answer into a
// SwitchyardProblemError that carries the problem+json body.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';
import { asProblem, SwitchyardProblemError } from './problem';

export type { components, operations, paths };
export { asProblem, problemText, SwitchyardProblemError, type Problem } from './problem';

export interface SwitchyardClientOptions {
  /** The service's base URL, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** An API key (sent as Authorization: Bearer). */
  apiKey?: string;
  /** A fetch implementation (tests, proxies); defaults to the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

export type SwitchyardClient = Client<paths>;

export function createSwitchyardClient(options: SwitchyardClientOptions): SwitchyardClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    fetch: options.fetch,
    headers: { ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}), ...options.headers },
  });
  client.use(throwProblems);
  return client;
}

/** Non-2xx → SwitchyardProblemError, so callers get data or an error that names the problem. */
const throwProblems: Middleware = {
  async onResponse({ response }) {
    if (response.ok) return undefined;
    const text = await response.clone().text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    throw new SwitchyardProblemError(response.status, asProblem(response.status, body));
  },
};
