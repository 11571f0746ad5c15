// Records the HTTP (and WebSocket) exchanges adapters make, so a contract test can hold them to the upstream's
// own API document. Recording is off unless a test starts a recorder; then `reportExchange` is one Set check.
// The registry lives on globalThis under a Symbol.for key so that two copies of the SDK (a plugin with its
// own) report into the same recorders.

export interface RecordedExchange {
  /** The adapter's network id (the `network` of its UpstreamHttpClient). */
  network: string;
  transport: 'http' | 'websocket';
  /** The client's base URL; `path` is relative to it. */
  baseUrl: string;
  method: string;
  /** Path relative to the base URL, without the query string. */
  path: string;
  query: Record<string, string>;
  /** The request body as sent: parsed JSON, the raw text when it is not JSON, undefined when there was none. */
  requestBody: unknown;
  /** Undefined when no answer came (timeout, refused connection, abort). */
  status?: number;
  responseContentType?: string;
  /** Parsed JSON, the raw text when it is not JSON, undefined when empty. */
  responseBody?: unknown;
  /** WebSocket frames received, each parsed as JSON where it is JSON. */
  messages?: unknown[];
  /** The simulator's `x-switchyard-fault` header: the answer was a deliberately injected fault, not a wire shape. */
  injectedFault?: string;
}

interface ExchangeSink {
  record(exchange: RecordedExchange): void;
}

const REGISTRY = Symbol.for('switchyard.exchange-recorders');

function sinks(): Set<ExchangeSink> {
  const holder = globalThis as unknown as Record<symbol, Set<ExchangeSink> | undefined>;
  return (holder[REGISTRY] ??= new Set<ExchangeSink>());
}

/** The shared set, looked up once: it is created on first use and never replaced. */
const ACTIVE = sinks();

/** Whether any recorder is listening (lets callers skip building an exchange). */
export function isRecordingExchanges(): boolean {
  return ACTIVE.size > 0;
}

/** Hands an exchange to every active recorder; `build` runs only while one listens. */
export function reportExchange(build: () => RecordedExchange): void {
  if (ACTIVE.size === 0) return;
  const exchange = build();
  for (const sink of ACTIVE) sink.record(exchange);
}

/** Parses a body for the record: JSON where it is JSON, else the text itself; undefined for none. */
export function bodyForRecord(text: string | undefined | null): unknown {
  if (text === undefined || text === null || text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class ExchangeRecorder implements ExchangeSink {
  private readonly recorded: RecordedExchange[] = [];

  /** `network` limits the record to one adapter's exchanges. */
  constructor(private readonly options: { network?: string } = {}) {}

  get exchanges(): readonly RecordedExchange[] {
    return this.recorded;
  }

  start(): this {
    ACTIVE.add(this);
    return this;
  }

  stop(): this {
    ACTIVE.delete(this);
    return this;
  }

  clear(): void {
    this.recorded.length = 0;
  }

  record(exchange: RecordedExchange): void {
    if (this.options.network && exchange.network !== this.options.network) return;
    this.recorded.push(exchange);
  }
}

/** Starts a recorder (stop it in afterAll). */
export function recordExchanges(options: { network?: string } = {}): ExchangeRecorder {
  return new ExchangeRecorder(options).start();
}
