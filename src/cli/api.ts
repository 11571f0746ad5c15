// The CLI's calls, made through the typed client (@switchyard/client). Routes whose responses the OpenAPI
// document does not type yet are read as the small view types the commands declare.
import { createSwitchyardClient, SwitchyardProblemError, type SwitchyardClient } from '@switchyard/client';
import { createParser } from 'eventsource-parser';
import type { CliConfig } from './config';

export type Query = Record<string, string | number | boolean | undefined>;

export class Api {
  readonly client: SwitchyardClient;

  constructor(readonly config: CliConfig) {
    this.client = createSwitchyardClient({ baseUrl: config.url, apiKey: config.apiKey });
  }

  async get<T>(path: string, query: Query = {}): Promise<T> {
    const { data } = await (this.client.GET as AnyCall)(path, { params: { query: clean(query) } });
    return data as T;
  }

  async post<T>(path: string, body: unknown, init: { headers?: Record<string, string>; raw?: boolean } = {}): Promise<T> {
    const { data } = await (this.client.POST as AnyCall)(path, {
      body,
      headers: init.headers,
      ...(init.raw ? { bodySerializer: (b: unknown) => b } : {}),
    });
    return data as T;
  }

  /** Reads a Server-Sent Events stream until the server closes it (or `signal` aborts). */
  async stream(path: string, onEvent: (event: string, data: unknown) => void, signal?: AbortSignal): Promise<void> {
    const res = await fetch(this.config.url + path, {
      headers: { accept: 'text/event-stream', ...(this.config.apiKey ? { authorization: `Bearer ${this.config.apiKey}` } : {}) },
      signal,
    });
    if (!res.ok || !res.body) {
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* keep the text */
      }
      throw new SwitchyardProblemError(
        res.status,
        body && typeof body === 'object' ? (body as Record<string, unknown>) : { title: `HTTP ${res.status}`, detail: text },
      );
    }
    const parser = createParser({
      onEvent: (e) => {
        let data: unknown = e.data;
        try {
          data = JSON.parse(e.data);
        } catch {
          /* plain text data */
        }
        onEvent(e.event ?? 'message', data);
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
  }
}

type AnyCall = (path: string, init: Record<string, unknown>) => Promise<{ data?: unknown }>;

function clean(query: Query): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') out[k] = String(v);
  return out;
}
