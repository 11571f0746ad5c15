// The API as the page calls it: same origin, the key from this browser session, problem+json errors shown
// as their title and detail. Money stays the decimal strings the API sends; charts turn them into numbers only
// to draw them.
import { EventSourceParserStream } from 'eventsource-parser/stream';

const KEY = 'switchyard.apiKey';

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const key = apiKey.get();
  return { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...extra };
}

async function problem(res: Response): Promise<ApiError> {
  let text = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { title?: string; detail?: string };
    text = [body.title, body.detail].filter(Boolean).join(': ') || text;
  } catch {
    /* not JSON: the status line says enough */
  }
  return new ApiError(res.status, text);
}

export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function get<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: headers() });
  if (!res.ok) throw await problem(res);
  return (await res.json()) as T;
}

export async function post<T>(path: string, body: unknown, contentType = 'application/json'): Promise<T> {
  const res = await fetch(path, {
    method: 'POST',
    headers: headers({ 'content-type': contentType }),
    body: typeof body === 'string' ? body : JSON.stringify(body ?? {}),
  });
  if (!res.ok) throw await problem(res);
  return (await res.json()) as T;
}

export interface StreamEvent {
  event: string;
  id?: string;
  data: string;
}

/**
 * Server-Sent Events read with fetch, because EventSource cannot send the Authorization header; parsed by
 * eventsource-parser. Calls `onEvent` per event until the server ends the stream or `signal` aborts it.
 * A refused request throws an ApiError with its status (a 4xx is not worth retrying).
 */
export async function followEvents(path: string, onEvent: (e: StreamEvent) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(path, { headers: headers({ accept: 'text/event-stream' }), signal });
  if (!res.ok || !res.body) throw await problem(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    onEvent({ event: value.event ?? 'message', id: value.id, data: value.data });
  }
}
