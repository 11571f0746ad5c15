// A tiny HTTP server for network simulators: a route table, JSON bodies, fault injection and a control
// API under /__sim. Every response carries `x-switchyard-simulated: true` so nobody mistakes it for the
// real network.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { FaultPlan, FaultPlanInput, faultPlanSchema, NO_FAULTS } from './fault-plan';
import { SeededRandom } from './seeded-random';

export interface SimRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON body, or undefined when there is none. */
  body: unknown;
}

export interface SimResponse {
  status?: number;
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body`. */
  raw?: string;
  headers?: Record<string, string>;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;
/**
 * A WebSocket route: runs before the upgrade (throw SimHttpError to refuse it with that status) and returns
 * what to do with the socket once upgraded.
 */
export type SimSocketHandler = (req: SimRequest) => (socket: WebSocket) => void;

interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: SimHandler;
}

export class SimHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`simulated HTTP ${status}`);
  }
}

const MAX_BODY_BYTES = 1024 * 1024;

export class SimServer {
  private readonly routes: Route[] = [];
  private readonly socketRoutes: Array<Omit<Route, 'handler'> & { handler: SimSocketHandler }> = [];
  private readonly sockets$ = new WebSocketServer({ noServer: true });
  private server?: http.Server;
  private readonly sockets = new Set<Socket>();
  private faults: FaultPlan = NO_FAULTS;
  private readonly requestCounts = new Map<string, number>();
  private readonly submissions = new Map<string, number>();
  readonly random: SeededRandom;

  constructor(
    readonly name: string,
    seed: number,
  ) {
    this.random = new SeededRandom(seed ^ 0x5eed);
    this.route('GET', '/__sim/faults', () => ({ body: this.faults }));
    this.route('PUT', '/__sim/faults', (req) => {
      const parsed = faultPlanSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw new SimHttpError(400, { error: parsed.error.issues });
      this.faults = parsed.data;
      return { body: this.faults };
    });
    this.route('GET', '/__sim/stats', () => ({
      body: {
        simulator: this.name,
        requests: Object.fromEntries(this.requestCounts),
        submissions: Object.fromEntries(this.submissions),
      },
    }));
  }

  route(method: string, path: string, handler: SimHandler): this {
    const keys: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  /** A route that only upgrades to a WebSocket (GET with `Upgrade: websocket`). */
  websocket(path: string, handler: SimSocketHandler): this {
    const keys: string[] = [];
    const source = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.socketRoutes.push({ method: 'GET', pattern: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  setFaults(plan: FaultPlanInput): void {
    this.faults = faultPlanSchema.parse(plan);
  }

  get currentFaults(): FaultPlan {
    return this.faults;
  }

  flag(name: string): boolean | number | string | undefined {
    return this.faults.flags[name];
  }

  /** Counts an upstream job creation under its idempotency key, so tests can prove "never twice". */
  countSubmission(key: string): void {
    this.submissions.set(key, (this.submissions.get(key) ?? 0) + 1);
  }

  submissionsFor(key: string): number {
    return this.submissions.get(key) ?? 0;
  }

  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    this.sockets$.on('headers', (headers) => headers.push('x-switchyard-simulated: true'));
    this.server.keepAliveTimeout = 5_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, () => resolve());
    });
    const address = this.server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    for (const client of this.sockets$.clients) client.terminate();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    const method = (req.method ?? 'GET').toUpperCase();
    res.setHeader('x-switchyard-simulated', 'true');
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch {
      return send(res, { status: 413, body: { error: 'body too large' } });
    }
    const control = url.pathname.startsWith('/__sim/');
    if (!control) {
      const key = `${method} ${url.pathname}`;
      this.requestCounts.set(key, (this.requestCounts.get(key) ?? 0) + 1);
      const injected = await this.injectFault(url.pathname);
      if (injected === 'hang') return; // never answered; the socket is destroyed on close()
      if (injected) return send(res, injected);
    }
    const match = this.match(method, url.pathname);
    if (!match) return send(res, { status: 404, body: { error: `no route ${method} ${url.pathname}` } });
    let body: unknown;
    if (rawBody) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return send(res, { status: 400, body: { error: 'request body is not valid JSON' } });
      }
    }
    try {
      const out = await match.route.handler({ method, path: url.pathname, params: match.params, query: url.searchParams, headers: req.headers, rawBody, body });
      if (!control && this.loses(method, url.pathname))
        return send(res, { status: 504, headers: fault('lost-answer'), body: { error: 'gateway timeout after the request was carried out (simulated)' } });
      send(res, out);
    } catch (err) {
      if (err instanceof SimHttpError) return send(res, { status: err.status, body: err.body });
      send(res, { status: 500, body: { error: (err as Error).message } });
    }
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://sim');
    const key = `GET ${url.pathname}`;
    this.requestCounts.set(key, (this.requestCounts.get(key) ?? 0) + 1);
    const refuse = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\ncontent-type: application/json\r\nx-switchyard-simulated: true\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
      );
    };
    for (const route of this.socketRoutes) {
      const m = route.pattern.exec(url.pathname);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
      let session: (socket: WebSocket) => void;
      try {
        session = route.handler({ method: 'GET', path: url.pathname, params, query: url.searchParams, headers: req.headers, rawBody: '', body: undefined });
      } catch (err) {
        if (err instanceof SimHttpError) return refuse(err.status, err.body);
        return refuse(500, { error: (err as Error).message });
      }
      this.sockets$.handleUpgrade(req, socket, head, (ws) => session(ws));
      return;
    }
    refuse(404, { error: `no WebSocket route ${url.pathname}` });
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, i) => (params[key] = decodeURIComponent(m[i + 1])));
      return { route, params };
    }
    return undefined;
  }

  /** Whether the faults apply to `path` (all paths unless `paths` limits them). */
  private faulted(path: string): boolean {
    return !this.faults.paths || new RegExp(this.faults.paths).test(path);
  }

  /** Whether the answer to a request that acts (not a GET) is lost after it was carried out (`loseAnswers`). */
  private loses(method: string, path: string): boolean {
    return this.faults.loseAnswers && method !== 'GET' && this.faulted(path);
  }

  private async injectFault(path: string): Promise<SimResponse | 'hang' | undefined> {
    const f = this.faults;
    if (!this.faulted(path)) return undefined;
    const delay = f.latencyMs + (f.jitterMs ? this.random.int(0, f.jitterMs) : 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay).unref());
    if (f.hang) return 'hang';
    // x-switchyard-fault marks answers that are deliberately not the upstream's shape (contract tests skip them).
    if (f.rateLimited) return { status: 429, headers: { 'retry-after': '1', ...fault('rate-limited') }, body: { error: 'rate limited (simulated)' } };
    if (f.errorRate > 0 && this.random.chance(f.errorRate))
      return { status: f.errorStatus, headers: fault('error'), body: { error: 'injected failure (simulated)' } };
    if (f.malformed) return { status: 200, headers: fault('malformed'), raw: '{"data": [ {"truncated": ' };
    if (f.garbage) return { status: 200, headers: fault('garbage'), body: { unexpected: 'shape', data: 'not-what-you-expected', Nodes: 42 } };
    return undefined;
  }
}

function fault(kind: string): Record<string, string> {
  return { 'x-switchyard-fault': kind };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, out: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  const status = out.status ?? 200;
  for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
  if (out.raw !== undefined) {
    if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json');
    res.writeHead(status).end(out.raw);
    return;
  }
  if (out.body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.setHeader('content-type', 'application/json');
  res.writeHead(status).end(JSON.stringify(out.body));
}
