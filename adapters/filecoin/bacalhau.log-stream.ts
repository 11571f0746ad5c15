// Bacalhau's job logs are a WebSocket only: GET /api/v1/orchestrator/jobs/{id}/logs upgrades (a plain GET gets
// 400), takes `tail`, `follow` and `execution_id`, and writes one JSON frame per log line,
// `concurrency.AsyncResult[models.ExecutionLog]` = {"value":{"Type":1,"Line":"…"},"error":…} (lower-case keys,
// `error` only on failure), then closes (pkg/publicapi/endpoint/orchestrator/job.go `logs`/`logsWS`).
import WebSocket from 'ws';
import { AdapterError, codeForHttpStatus, reportExchange } from '../sdk';
import { logFrameSchema } from './bacalhau.wire';

export interface LogStreamRequest {
  baseUrl: string;
  path: string;
  query: { tail?: boolean; follow?: boolean; execution_id?: string };
  token?: string;
  timeoutMs: number;
  signal: AbortSignal;
}

/** What the orchestrator says when the job has no execution yet: no logs, not a failure. */
const NO_EXECUTION = /no executions found for job/i;

/** Reads the stream to its end: the lines of the frames, in order. */
export function readLogStream(req: LogStreamRequest): Promise<string[]> {
  const url = new URL(req.baseUrl.replace(/\/+$/, '') + req.path);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.query)) if (v !== undefined && v !== '') url.searchParams.set(k, (query[k] = String(v)));
  const label = `filecoin GET ${req.path} (WebSocket)`;
  const frames: unknown[] = [];
  let status: number | undefined;
  const record = () =>
    reportExchange(() => ({
      network: 'filecoin',
      transport: 'websocket',
      baseUrl: req.baseUrl,
      method: 'GET',
      path: req.path,
      query,
      requestBody: undefined,
      status,
      messages: frames,
    }));

  return new Promise<string[]>((resolve, reject) => {
    const lines: string[] = [];
    let settled = false;
    const socket = new WebSocket(url, { headers: req.token ? { authorization: `Bearer ${req.token}` } : {}, handshakeTimeout: req.timeoutMs });
    const finish = (err?: AdapterError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.signal.removeEventListener('abort', onAbort);
      record();
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.terminate();
      if (err) reject(err);
      else resolve(lines);
    };
    const onAbort = () => finish(new AdapterError('aborted', `${label}: aborted`));
    const timer = setTimeout(() => finish(new AdapterError('timeout', `${label}: the stream did not end within ${req.timeoutMs} ms`)), req.timeoutMs);
    if (req.signal.aborted) return onAbort();
    req.signal.addEventListener('abort', onAbort, { once: true });

    socket.on('upgrade', (res) => (status = res.statusCode));
    socket.on('unexpected-response', (_request, res) => {
      status = res.statusCode ?? 0;
      res.resume();
      finish(new AdapterError(codeForHttpStatus(status), `${label}: HTTP ${status} instead of a WebSocket upgrade`, { status }));
    });
    socket.on('message', (data) => {
      let frame: unknown;
      try {
        frame = JSON.parse(data.toString());
      } catch {
        return finish(new AdapterError('bad_response', `${label}: a frame is not JSON (${data.toString().slice(0, 80)})`));
      }
      frames.push(frame);
      const parsed = logFrameSchema.safeParse(frame);
      if (!parsed.success) return finish(new AdapterError('bad_response', `${label}: unexpected frame (${parsed.error.issues[0]?.message})`));
      const { value, error } = parsed.data;
      if (error !== undefined && error !== null) {
        const message = errorMessage(error);
        if (NO_EXECUTION.test(message)) return finish();
        return finish(new AdapterError('unavailable', `${label}: ${message}`));
      }
      if (value) lines.push(value.Line.replace(/\r?\n$/, ''));
    });
    socket.on('close', () => finish());
    socket.on('error', (err) => finish(new AdapterError('unavailable', `${label}: ${err.message}`, { cause: err })));
  });
}

/** A Go error marshalled as JSON: bacerrors carry Message; others may be {} (their fields unexported). */
function errorMessage(error: unknown): string {
  if (typeof error === 'string') return error;
  const e = error as { Message?: unknown; message?: unknown };
  const text = e.Message ?? e.message;
  return typeof text === 'string' && text ? text : `log stream failed (${JSON.stringify(error)})`;
}
