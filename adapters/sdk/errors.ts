// AdapterError: the one error type every adapter throws. Recognised by a Symbol.for marker, so an error
// thrown by a second copy of this package (a third-party plugin with its own node_modules) still counts.

export const ADAPTER_ERROR_MARKER = Symbol.for('switchyard.adapter-error');

export const ADAPTER_ERROR_CODES = [
  'unauthorized',
  'forbidden',
  'rate_limited',
  'no_capacity',
  'not_found',
  'bad_request',
  'bad_response',
  'timeout',
  'unavailable',
  'aborted',
  'conflict',
  'unsupported',
  'internal',
] as const;
export type AdapterErrorCode = (typeof ADAPTER_ERROR_CODES)[number];

/** How far a failure reaches: the router blocks this scope for a while before trying again. */
export const BLOCK_SCOPES = ['offer', 'provider', 'region', 'network', 'account'] as const;
export type BlockScope = (typeof BLOCK_SCOPES)[number];

interface CodeDefaults {
  retryable: boolean;
  scope: BlockScope;
}

const DEFAULTS: Record<AdapterErrorCode, CodeDefaults> = {
  unauthorized: { retryable: false, scope: 'account' },
  forbidden: { retryable: false, scope: 'account' },
  rate_limited: { retryable: true, scope: 'network' },
  no_capacity: { retryable: true, scope: 'offer' },
  not_found: { retryable: false, scope: 'offer' },
  bad_request: { retryable: false, scope: 'offer' },
  bad_response: { retryable: true, scope: 'network' },
  timeout: { retryable: true, scope: 'network' },
  unavailable: { retryable: true, scope: 'network' },
  aborted: { retryable: false, scope: 'offer' },
  conflict: { retryable: false, scope: 'offer' },
  unsupported: { retryable: false, scope: 'network' },
  internal: { retryable: true, scope: 'provider' },
};

/**
 * Where the failed job should look next. `provider` (the default): another provider, this network included.
 * `network`: every provider of this network saw the request and none took it (an Akash order nobody bid on),
 * so the job's next attempt ranks the whole network last. Unlike `scope`, this blocks nothing for other jobs.
 */
export type FailoverReach = 'provider' | 'network';

export interface AdapterErrorOptions {
  retryable?: boolean;
  scope?: BlockScope;
  failover?: FailoverReach;
  status?: number;
  retryAfterMs?: number;
  details?: Record<string, unknown>;
  cause?: unknown;
}

export interface AdapterErrorJson {
  code: AdapterErrorCode;
  message: string;
  retryable: boolean;
  scope: BlockScope;
  /** Absent in errors recorded before it existed: read as `provider`. */
  failover?: FailoverReach;
  status?: number;
  retryAfterMs?: number;
  details?: Record<string, unknown>;
}

export class AdapterError extends Error {
  readonly [ADAPTER_ERROR_MARKER] = true;
  readonly code: AdapterErrorCode;
  readonly retryable: boolean;
  readonly scope: BlockScope;
  readonly failover: FailoverReach;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: AdapterErrorCode, message: string, options: AdapterErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AdapterError';
    this.code = code;
    this.retryable = options.retryable ?? DEFAULTS[code].retryable;
    this.scope = options.scope ?? DEFAULTS[code].scope;
    this.failover = options.failover ?? 'provider';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }

  toJSON(): AdapterErrorJson {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      scope: this.scope,
      failover: this.failover,
      status: this.status,
      retryAfterMs: this.retryAfterMs,
      details: this.details,
    };
  }
}

export function isAdapterError(err: unknown): err is AdapterError {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[ADAPTER_ERROR_MARKER] === true;
}

/** Turns anything thrown into an AdapterError, keeping one that already is. */
export function classifyError(err: unknown): AdapterError {
  if (isAdapterError(err)) return err;
  const e = err as { name?: string; code?: string; message?: string } | undefined;
  const message = e?.message ?? String(err);
  if (e?.name === 'AbortError' || e?.code === 'ABORT_ERR' || e?.code === 'ERR_CANCELED') {
    return new AdapterError('aborted', message, { cause: err });
  }
  if (e?.code === 'ECONNABORTED' || e?.code === 'ETIMEDOUT' || e?.name === 'TimeoutError') {
    return new AdapterError('timeout', message, { cause: err });
  }
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ECONNRESET' || e?.code === 'EHOSTUNREACH' || e?.code === 'ENOTFOUND' || e?.code === 'EPIPE') {
    return new AdapterError('unavailable', message, { cause: err });
  }
  if (err instanceof SyntaxError) return new AdapterError('bad_response', message, { cause: err });
  return new AdapterError('internal', message, { cause: err });
}

/** The usual mapping of an upstream HTTP status to an error code; adapters refine it where their API differs. */
export function codeForHttpStatus(status: number): AdapterErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'bad_request';
  return 'bad_response';
}
