// The one list of places where a contract test tolerates a mismatch: each names what, why and the upstream
// source line that shows the wire truth. Anything not listed fails; a listed exception that never matches is
// reported as stale, so the list cannot outlive the mismatch it excuses.

/** Where in an exchange a mismatch sits. */
export type ContractPart = 'operation' | 'path' | 'query' | 'body' | 'status' | 'response' | 'message';

export interface ContractMismatch {
  network: string;
  /** "GET /api/v1/orchestrator/jobs/{id}" for HTTP, the method name ("Filecoin.ChainHead") for JSON-RPC. */
  operation: string;
  part: ContractPart;
  /** JSON pointer into that part ("/Job/State/StateType"; "/reason" for a query parameter; "" for the whole). */
  pointer: string;
  /** The validator's keyword (type, required, additionalProperties, enum, …) or "undocumented". */
  keyword: string;
  message: string;
  /** The value found there, for the report (truncated). */
  found?: unknown;
  /** "GET /api/v1/orchestrator/jobs/j-1" — the concrete request that showed it. */
  seenIn: string;
}

export interface ContractException {
  network: string;
  operation: string;
  part: ContractPart;
  /** JSON pointer; a `*` segment matches any one segment (array indices, map keys). */
  pointer: string;
  /** Limits the exception to one validator keyword (e.g. "type"); any keyword when absent. */
  keyword?: string;
  /** Why the document is wrong (or why we deliberately differ), in a sentence. */
  reason: string;
  /**
   * The upstream source that shows the wire truth: `owner/repo@commit:path#L12` (or `#L12-L20`), or an
   * https URL of the documentation page.
   */
  source: string;
}

const SOURCE_PATTERN = /^(?:[\w.-]+\/[\w.-]+@[0-9a-f]{7,40}:[^\s#]+#L\d+(?:-L?\d+)?|https:\/\/\S+)$/;

/** Throws when an exception does not name a source line in the accepted form. */
export function assertSourcedExceptions(exceptions: readonly ContractException[]): void {
  const bad = exceptions.filter((e) => !SOURCE_PATTERN.test(e.source) || e.reason.trim() === '');
  if (bad.length) {
    const lines = bad.map((e) => `  ${e.operation} ${e.part} ${e.pointer}: source "${e.source}"`);
    throw new Error(`contract exceptions need a reason and a source (owner/repo@commit:path#Lnn or https URL):\n${lines.join('\n')}`);
  }
}

export function exceptionMatches(exception: ContractException, mismatch: ContractMismatch): boolean {
  if (exception.network !== mismatch.network || exception.operation !== mismatch.operation) return false;
  if (exception.part !== mismatch.part) return false;
  if (exception.keyword && exception.keyword !== mismatch.keyword) return false;
  return pointerMatches(exception.pointer, mismatch.pointer);
}

function pointerMatches(pattern: string, pointer: string): boolean {
  const want = pattern.split('/');
  const got = pointer.split('/');
  return want.length === got.length && want.every((segment, i) => segment === '*' || segment === got[i]);
}

/** Array indices as `*`, so one mismatch seen in many items reads as one line. */
export function pointerPattern(pointer: string): string {
  return pointer
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) ? '*' : segment))
    .join('/');
}
