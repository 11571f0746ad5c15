// The API as the page calls it: same origin, the key from this browser session, problem+json errors shown
// as their title and detail. Money stays the decimal strings the API sends; charts turn them into numbers only
// to draw them.
const KEY = 'switchyard.apiKey';

export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
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
 * Server-Sent Events read with fetch, because EventSource cannot send the Authorization header. Calls
 * `onEvent` per event until the server ends the stream or `signal` aborts it.
 */
export async function followEvents(path: string, onEvent: (e: StreamEvent) => void, signal: AbortSignal): Promise<void> {
  const res = await fetch(path, { headers: headers({ accept: 'text/event-stream' }), signal });
  if (!res.ok || !res.body) throw await problem(res);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const e: StreamEvent = { event: 'message', data: '' };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0) continue;
        const field = line.slice(0, colon);
        const val = line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') e.event = val;
        else if (field === 'id') e.id = val;
        else if (field === 'data') data.push(val);
      }
      e.data = data.join('\n');
      if (data.length) onEvent(e);
    }
  }
}
