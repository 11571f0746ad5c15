// Holds recorded exchanges to an upstream's own API documents with Ajv: finds each exchange's operation
// (method + path template, or the JSON-RPC method), validates the request (path and query parameters, body)
// and the answer (the body for that status, WebSocket frames), and returns every mismatch. `verify` then
// splits them by the sourced exception list into tolerated and unlisted, and names exceptions never used.
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { RecordedExchange } from './exchange-recorder';
import { ContractException, ContractMismatch, ContractPart, assertSourcedExceptions, exceptionMatches, pointerPattern } from './contract-exceptions';
import { HttpOperation, JsonSchema, ParameterSpec, RpcMethod, documentKind, readOperations } from './upstream-operations';

export interface UpstreamContractOptions {
  /** The adapter's network id; only its exchanges are checked. */
  network: string;
  /**
   * Which of the network's exchanges belong to these documents. Default: JSON-RPC exchanges when the documents
   * are OpenRPC, the others when they are not.
   */
  select?: (exchange: RecordedExchange) => boolean;
}

export interface ContractReport {
  network: string;
  /** Exchanges checked. */
  exchanges: number;
  /** Answers the simulator marked as injected faults: their requests were checked, their answers not. */
  injectedFaults: number;
  /** Operations the exchanges exercised, sorted. */
  operations: string[];
  /** Every distinct mismatch (array indices in answers folded to `*`). */
  mismatches: ContractMismatch[];
  tolerated: Array<{ mismatch: ContractMismatch; exception: ContractException }>;
  unlisted: ContractMismatch[];
  /** Exceptions that matched nothing: the mismatch they excuse is gone (or never was). */
  stale: ContractException[];
}

let documentCounter = 0;

export class UpstreamContract {
  private readonly http: HttpOperation[] = [];
  private readonly rpc = new Map<string, RpcMethod>();
  private readonly ajv: Ajv;
  /** Coerces query and path strings ("10", "true") to the types the document declares. */
  private readonly paramAjv: Ajv;
  private readonly compiled = new WeakMap<object, ValidateFunction>();
  private readonly compiledParams = new WeakMap<object, ValidateFunction>();
  /** Each parameter's schema wrapped in a holder object once, so its compiled validator is reused. */
  private readonly paramHolders = new WeakMap<ParameterSpec, JsonSchema>();
  private readonly rpcOnly: boolean;

  constructor(
    private readonly options: UpstreamContractOptions,
    documents: unknown[],
  ) {
    this.ajv = newAjv(false);
    this.paramAjv = newAjv(true);
    for (const doc of documents) {
      const docId = `upstream:${++documentCounter}`;
      const root = doc as Record<string, unknown>;
      // Only the schema containers are added: refs point into definitions / components.
      const container = { $id: docId, definitions: root.definitions ?? {}, components: root.components ?? {} };
      this.ajv.addSchema(container);
      this.paramAjv.addSchema(container);
      for (const op of readOperations(doc, docId)) {
        if (op.kind === 'rpc') this.rpc.set(op.id, op);
        else this.http.push(op);
      }
    }
    // A literal segment beats a template ("/jobs/diff" before "/jobs/{id}"); the first document wins a tie.
    this.http.sort((a, b) => a.pathParams.length - b.pathParams.length);
    this.rpcOnly = documents.every((d) => documentKind(d) === 'openrpc');
  }

  /** Every mismatch in the exchanges (not yet weighed against exceptions), with the counts for a report. */
  check(exchanges: readonly RecordedExchange[]): Omit<ContractReport, 'tolerated' | 'unlisted' | 'stale'> {
    const select = this.options.select ?? ((e: RecordedExchange) => isJsonRpc(e) === this.rpcOnly);
    const mine = exchanges.filter((e) => e.network === this.options.network && select(e));
    const found = new Map<string, ContractMismatch>();
    const operations = new Set<string>();
    let injectedFaults = 0;
    for (const exchange of mine) {
      if (exchange.injectedFault) injectedFaults++;
      const results = isJsonRpc(exchange) ? this.checkRpc(exchange, operations) : this.checkHttp(exchange, operations);
      for (const m of results) {
        // Answers list items: one mismatch seen in every item reads as one line. Request positions stay exact.
        const pointer = m.part === 'response' || m.part === 'message' ? pointerPattern(m.pointer) : m.pointer;
        const key = [m.operation, m.part, pointer, m.keyword, m.message].join('\u0000');
        if (!found.has(key)) found.set(key, { ...m, pointer });
      }
    }
    return {
      network: this.options.network,
      exchanges: mine.length,
      injectedFaults,
      operations: [...operations].sort(),
      mismatches: [...found.values()],
    };
  }

  /** Checks the exchanges and weighs every mismatch against the exception list. */
  verify(exchanges: readonly RecordedExchange[], exceptions: readonly ContractException[]): ContractReport {
    assertSourcedExceptions(exceptions);
    const checked = this.check(exchanges);
    const used = new Set<ContractException>();
    const tolerated: ContractReport['tolerated'] = [];
    const unlisted: ContractMismatch[] = [];
    for (const mismatch of checked.mismatches) {
      const exception = exceptions.find((e) => exceptionMatches(e, mismatch));
      if (exception) {
        used.add(exception);
        tolerated.push({ mismatch, exception });
      } else unlisted.push(mismatch);
    }
    const stale = exceptions.filter((e) => e.network === this.options.network && !used.has(e) && this.owns(e));
    return { ...checked, tolerated, unlisted, stale };
  }

  /** Whether an exception names one of this contract's operations (exceptions for a sibling contract are not stale here). */
  private owns(exception: ContractException): boolean {
    return this.rpc.has(exception.operation) || this.http.some((op) => op.id === exception.operation) || exception.part === 'operation';
  }

  private checkHttp(ex: RecordedExchange, operations: Set<string>): ContractMismatch[] {
    const seenIn = `${ex.method} ${ex.path}`;
    const path = ex.path.split('?')[0];
    const candidates = this.http.filter((op) => op.pattern.test(path));
    const op = candidates.find((c) => c.method === ex.method.toUpperCase());
    if (!op) {
      const why = candidates.length ? `the document has ${candidates.map((c) => c.id).join(', ')} but not ${ex.method}` : 'no such path in the document';
      return [mismatch(ex, `${ex.method.toUpperCase()} ${path}`, 'operation', '', 'undocumented', why, undefined, seenIn)];
    }
    operations.add(op.id);
    const out: ContractMismatch[] = [];
    const add = (part: ContractPart, pointer: string, keyword: string, message: string, found?: unknown) =>
      out.push(mismatch(ex, op.id, part, pointer, keyword, message, found, seenIn));

    // Request: path parameters, query parameters, body.
    const values = op.pattern
      .exec(path)!
      .slice(1)
      .map((v) => decodeURIComponent(v));
    op.pathParams.forEach((p, i) => this.checkParam(p, values[i], 'path', add));
    for (const [name, value] of Object.entries(ex.query)) {
      const spec = op.query.find((q) => q.name === name);
      if (!spec) add('query', `/${escapePointer(name)}`, 'undocumented', 'query parameter not in the document', value);
      else this.checkParam(spec, value, 'query', add);
    }
    for (const spec of op.query) {
      if (spec.required && !(spec.name in ex.query)) add('query', `/${escapePointer(spec.name)}`, 'required', 'required query parameter missing');
    }
    if (ex.requestBody !== undefined) {
      if (!op.body) add('body', '', 'undocumented', 'the document defines no request body for this operation', ex.requestBody);
      else this.validate(this.ajv, op.body.schema, ex.requestBody, 'body', add);
    } else if (op.body?.required) add('body', '', 'required', 'the document requires a request body');

    // Answer: the body for the status, or the WebSocket frames.
    if (ex.status === undefined || ex.injectedFault) return out;
    const status = String(ex.status);
    const key = [status, `${status[0]}XX`, 'DEFAULT'].find((k) => op.responses.has(k));
    if (!key) {
      add('status', '', 'undocumented', `status ${status} is not in the document (it has ${[...op.responses.keys()].join(', ') || 'none'})`, ex.status);
      return out;
    }
    if (ex.transport === 'websocket') {
      const frames = op.messages ?? op.responses.get(key);
      if (frames !== undefined) for (const frame of ex.messages ?? []) this.validate(this.ajv, frames, frame, 'message', add);
      return out;
    }
    const schema = op.responses.get(key);
    if (schema === undefined) return out;
    if (ex.responseBody === undefined) add('response', '', 'required', `the document defines a body for ${status}; the answer was empty`);
    else this.validate(this.ajv, schema, ex.responseBody, 'response', add);
    return out;
  }

  private checkRpc(ex: RecordedExchange, operations: Set<string>): ContractMismatch[] {
    const out: ContractMismatch[] = [];
    const calls = (Array.isArray(ex.requestBody) ? ex.requestBody : [ex.requestBody]) as Array<Record<string, unknown>>;
    const replies = Array.isArray(ex.responseBody) ? ex.responseBody : ex.responseBody === undefined ? [] : [ex.responseBody];
    for (const call of calls) {
      const name = String(call?.method);
      const seenIn = `${ex.method} ${ex.path} ${name}`;
      const add = (part: ContractPart, pointer: string, keyword: string, message: string, found?: unknown) =>
        out.push(mismatch(ex, name, part, pointer, keyword, message, found, seenIn));
      const method = this.rpc.get(name);
      if (!method) {
        add('operation', '', 'undocumented', 'method not in the document');
        continue;
      }
      operations.add(name);
      if (call.jsonrpc !== '2.0') add('body', '/jsonrpc', 'const', 'must be "2.0"', call.jsonrpc);
      const params = Array.isArray(call.params) ? call.params : [];
      if (call.params !== undefined && !Array.isArray(call.params)) add('body', '/params', 'type', 'the document passes params by position', call.params);
      method.params.forEach((spec, i) => {
        if (i >= params.length) {
          if (spec.required) add('body', `/params/${i}`, 'required', `parameter ${spec.name} missing`);
          return;
        }
        this.validate(this.ajv, spec.schema, params[i], 'body', (part, pointer, keyword, message, found) =>
          add(part, `/params/${i}${pointer}`, keyword, message, found),
        );
      });
      if (params.length > method.params.length)
        add('body', `/params/${method.params.length}`, 'additionalItems', `the method takes ${method.params.length} parameters`);
      if (ex.status === undefined || ex.injectedFault) continue;
      const reply = (replies as Array<Record<string, unknown>>).find((r) => r && r.id === call.id);
      if (!reply) {
        add('response', '', 'required', `no reply with id ${String(call.id)}`);
        continue;
      }
      if ('error' in reply && reply.error !== undefined && reply.error !== null) {
        this.validate(this.ajv, RPC_ERROR_SCHEMA, reply.error, 'response', (part, pointer, keyword, message, found) =>
          add(part, `/error${pointer}`, keyword, message, found),
        );
      } else if (method.result !== undefined) {
        this.validate(this.ajv, method.result, reply.result, 'response', (part, pointer, keyword, message, found) =>
          add(part, `/result${pointer}`, keyword, message, found),
        );
      }
    }
    return out;
  }

  private checkParam(
    spec: ParameterSpec,
    value: string | undefined,
    part: ContractPart,
    add: (part: ContractPart, pointer: string, keyword: string, message: string, found?: unknown) => void,
  ): void {
    const pointer = `/${escapePointer(spec.name)}`;
    if (value === undefined) return;
    // Coercion happens on a holder object, so "10" can become 10 before the check.
    const holder = { value: value as unknown };
    let schema = this.paramHolders.get(spec);
    if (!schema) this.paramHolders.set(spec, (schema = { type: 'object', properties: { value: spec.schema } }));
    this.validate(this.paramAjv, schema, holder, part, (p, ptr, keyword, message) => add(p, pointer + ptr.replace(/^\/value/, ''), keyword, message, value));
  }

  private validate(
    ajv: Ajv,
    schema: JsonSchema,
    value: unknown,
    part: ContractPart,
    add: (part: ContractPart, pointer: string, keyword: string, message: string, found?: unknown) => void,
  ): void {
    const validator = this.compile(ajv, schema);
    if (validator(value)) return;
    for (const error of validator.errors ?? []) {
      const pointer = errorPointer(error);
      add(part, pointer, error.keyword, error.message ?? error.keyword, valueAt(value, error.instancePath));
    }
  }

  private compile(ajv: Ajv, schema: JsonSchema): ValidateFunction {
    if (typeof schema === 'boolean') return ajv.compile(schema);
    const cache = ajv === this.paramAjv ? this.compiledParams : this.compiled;
    let fn = cache.get(schema);
    if (!fn) {
      fn = ajv.compile(schema);
      cache.set(schema, fn);
    }
    return fn;
  }
}

/** Builds a contract from documents (the first that has an operation wins, so project documents go first to override). */
export function upstreamContract(options: UpstreamContractOptions, ...documents: unknown[]): UpstreamContract {
  return new UpstreamContract(options, documents);
}

/** A readable report: what was checked, what is tolerated and why, and what fails. */
export function formatContractReport(report: ContractReport): string {
  const line = (m: ContractMismatch) =>
    `  ${m.operation} ${m.part} ${m.pointer || '(whole)'} [${m.keyword}] ${m.message}` +
    (m.found === undefined ? '' : ` — found ${JSON.stringify(m.found)}`) +
    ` (in ${m.seenIn})`;
  const parts = [`${report.network}: ${report.exchanges} exchanges, ${report.operations.length} operations, ${report.injectedFaults} injected faults`];
  if (report.unlisted.length) parts.push(`Unlisted mismatches (${report.unlisted.length}):`, ...report.unlisted.map(line));
  if (report.stale.length) {
    parts.push(
      `Stale exceptions (${report.stale.length}), they matched nothing:`,
      ...report.stale.map((e) => `  ${e.operation} ${e.part} ${e.pointer}: ${e.reason}`),
    );
  }
  if (report.tolerated.length)
    parts.push(`Tolerated (${report.tolerated.length}):`, ...report.tolerated.map((t) => `${line(t.mismatch)} — ${t.exception.source}`));
  return parts.join('\n');
}

/** Throws the formatted report when any mismatch is unlisted or any exception is stale. */
export function assertContract(report: ContractReport): void {
  if (report.unlisted.length || report.stale.length) throw new Error(formatContractReport(report));
}

const RPC_ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'integer' }, message: { type: 'string' } },
};

function newAjv(coerceTypes: boolean): Ajv {
  // strict: false — upstream documents carry keywords Ajv does not know (example, x-*, discriminator, xml).
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes, validateSchema: false, logger: false });
  addFormats(ajv);
  return ajv;
}

function isJsonRpc(exchange: RecordedExchange): boolean {
  const body = exchange.requestBody as unknown;
  const first = Array.isArray(body) ? body[0] : body;
  return !!first && typeof first === 'object' && 'jsonrpc' in (first as object);
}

function mismatch(
  ex: RecordedExchange,
  operation: string,
  part: ContractPart,
  pointer: string,
  keyword: string,
  message: string,
  found: unknown,
  seenIn: string,
): ContractMismatch {
  return { network: ex.network, operation, part, pointer, keyword, message, found: truncate(found), seenIn };
}

function errorPointer(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') return `${error.instancePath}/${escapePointer(String(params.missingProperty))}`;
  if (error.keyword === 'additionalProperties') return `${error.instancePath}/${escapePointer(String(params.additionalProperty))}`;
  return error.instancePath;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function valueAt(value: unknown, pointer: string): unknown {
  if (!pointer) return value;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((acc, key) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[key] : undefined), value);
}

function truncate(value: unknown): unknown {
  if (value === undefined) return undefined;
  const text = JSON.stringify(value);
  return text && text.length > 120 ? `${text.slice(0, 117)}...` : value;
}
