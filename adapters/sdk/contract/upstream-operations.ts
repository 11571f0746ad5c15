// Reads an upstream API document — OpenAPI 3, Swagger 2, OpenRPC, or a project-written schema set — into the
// operations a contract test checks exchanges against. Schemas stay in the document; `$ref`s are made absolute
// so Ajv resolves them against the document it was given.

export type JsonSchema = Record<string, unknown> | boolean;

export interface ParameterSpec {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface HttpOperation {
  kind: 'http';
  /** "GET /api/v1/orchestrator/jobs/{id}" */
  id: string;
  method: string;
  template: string;
  pattern: RegExp;
  pathParams: ParameterSpec[];
  query: ParameterSpec[];
  /** Undefined: the document defines no request body. */
  body?: { schema: JsonSchema; required: boolean };
  /** By status ("200", "4XX", "default"); undefined schema: the document defines no body for it. */
  responses: Map<string, JsonSchema | undefined>;
  /** WebSocket frames (project documents, or a Swagger 101 response). */
  messages?: JsonSchema;
}

export interface RpcMethod {
  kind: 'rpc';
  id: string;
  params: ParameterSpec[];
  result?: JsonSchema;
}

/** A project-written schema set, for upstreams that publish no schema (or to describe what a document cannot). */
export interface ProjectContractDocument {
  /** What this describes, e.g. "Bacalhau log stream frames (project-written from the Go source)". */
  project: string;
  /** Shared schemas, referred to as {"$ref": "#/definitions/Name"}. */
  definitions?: Record<string, JsonSchema>;
  operations: ProjectOperation[];
}

export interface ProjectOperation {
  method: string;
  /** Path template, "/api/v1/orchestrator/jobs/{id}/logs". */
  path: string;
  /** The upstream source of the shape: owner/repo@commit:path#Lnn or an https URL. */
  source: string;
  query?: Record<string, { schema: JsonSchema; required?: boolean }>;
  body?: JsonSchema;
  /** By status ("200", "101", "default"). */
  responses?: Record<string, JsonSchema | null>;
  messages?: JsonSchema;
}

export type DocumentKind = 'openapi3' | 'swagger2' | 'openrpc' | 'project';

// Upstream documents are untyped JSON walked by key.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

export function documentKind(doc: unknown): DocumentKind {
  const d = doc as Json;
  if (d && typeof d === 'object') {
    if (typeof d.openapi === 'string' && d.openapi.startsWith('3')) return 'openapi3';
    if (d.swagger === '2.0') return 'swagger2';
    if (typeof d.openrpc === 'string') return 'openrpc';
    if (typeof d.project === 'string' && Array.isArray(d.operations)) return 'project';
  }
  throw new Error('not an OpenAPI 3, Swagger 2, OpenRPC or project contract document');
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Rewrites local `$ref`s ("#/definitions/X") to the document's id ("upstream:1#/definitions/X"). */
export function absolutize(schema: unknown, docId: string): JsonSchema {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const out: Json = {};
    for (const [k, v] of Object.entries(node as Json)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${docId}${v}` : walk(v);
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}

export function readOperations(doc: unknown, docId: string): Array<HttpOperation | RpcMethod> {
  const d = doc as Json;
  switch (documentKind(doc)) {
    case 'openrpc':
      return (d.methods as Json[]).map((m) => rpcMethod(m, d, docId));
    case 'project':
      return (d.operations as ProjectOperation[]).map((op) => projectOperation(op, docId));
    default:
      return openApiOperations(d, docId);
  }
}

function openApiOperations(d: Json, docId: string): HttpOperation[] {
  const swagger = d.swagger === '2.0';
  const basePath = swagger ? String(d.basePath ?? '').replace(/\/$/, '') : serverPath(d);
  const ops: HttpOperation[] = [];
  for (const [template, item] of Object.entries((d.paths ?? {}) as Json)) {
    const shared = (item.parameters ?? []) as Json[];
    for (const method of HTTP_METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const params = [...shared, ...((op.parameters ?? []) as Json[])].map((p) => deref(p, d));
      const responses = new Map<string, JsonSchema | undefined>();
      for (const [status, r] of Object.entries((op.responses ?? {}) as Json)) {
        const resp = deref(r, d);
        const schema = swagger ? resp.schema : mediaSchema(resp.content);
        responses.set(status.toUpperCase(), schema === undefined ? undefined : absolutize(schema, docId));
      }
      let body: HttpOperation['body'];
      if (swagger) {
        const b = params.find((p) => p.in === 'body');
        if (b) body = { schema: absolutize(b.schema ?? {}, docId), required: b.required === true };
      } else if (op.requestBody) {
        const rb = deref(op.requestBody, d);
        body = { schema: absolutize(mediaSchema(rb.content) ?? {}, docId), required: rb.required === true };
      }
      const spec = (p: Json): ParameterSpec => ({
        name: String(p.name),
        required: p.required === true,
        schema: absolutize(swagger ? swaggerParamSchema(p) : (p.schema ?? {}), docId),
      });
      const full = `${basePath}${template}`;
      ops.push({
        kind: 'http',
        id: `${method.toUpperCase()} ${full}`,
        method: method.toUpperCase(),
        template: full,
        pattern: templatePattern(full),
        pathParams: params.filter((p) => p.in === 'path').map(spec),
        query: params.filter((p) => p.in === 'query').map(spec),
        body,
        responses,
        messages: swagger && responses.has('101') ? responses.get('101') : undefined,
      });
    }
  }
  return ops;
}

function projectOperation(op: ProjectOperation, docId: string): HttpOperation {
  const method = op.method.toUpperCase();
  const responses = new Map<string, JsonSchema | undefined>();
  for (const [status, schema] of Object.entries(op.responses ?? {})) {
    responses.set(status.toUpperCase(), schema === null ? undefined : absolutize(schema, docId));
  }
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  return {
    kind: 'http',
    id: `${method} ${op.path}`,
    method,
    template: op.path,
    pattern: templatePattern(op.path),
    pathParams: names.map((name) => ({ name, required: true, schema: { type: 'string' } })),
    query: Object.entries(op.query ?? {}).map(([name, q]) => ({ name, required: q.required === true, schema: absolutize(q.schema, docId) })),
    body: op.body === undefined ? undefined : { schema: absolutize(op.body, docId), required: true },
    responses,
    messages: op.messages === undefined ? undefined : absolutize(op.messages, docId),
  };
}

function rpcMethod(m: Json, d: Json, docId: string): RpcMethod {
  const params = ((m.params ?? []) as Json[]).map((p) => deref(p, d));
  const result = m.result ? deref(m.result, d) : undefined;
  return {
    kind: 'rpc',
    id: String(m.name),
    params: params.map((p) => ({ name: String(p.name), required: p.required === true, schema: absolutize(p.schema ?? {}, docId) })),
    result: result?.schema === undefined ? undefined : absolutize(result.schema, docId),
  };
}

/** Swagger 2 non-body parameters carry their schema keywords on the parameter itself. */
function swaggerParamSchema(p: Json): JsonSchema {
  const keep = ['type', 'format', 'enum', 'items', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'minLength', 'maxLength'];
  if (p.in === 'body') return p.schema ?? {};
  return Object.fromEntries(Object.entries(p).filter(([k]) => keep.includes(k)));
}

function mediaSchema(content: Json | undefined): unknown {
  if (!content) return undefined;
  const key = Object.keys(content).find((k) => /json/.test(k)) ?? Object.keys(content)[0];
  return key ? (content[key] as Json).schema : undefined;
}

function serverPath(d: Json): string {
  const url = (d.servers as Json[] | undefined)?.[0]?.url;
  if (typeof url !== 'string') return '';
  try {
    return new URL(url, 'http://x').pathname.replace(/\/$/, '');
  } catch {
    return '';
  }
}

/** Follows a local `$ref` on a parameter, response or request body object. */
function deref(node: Json, d: Json): Json {
  let current = node;
  for (let i = 0; i < 8 && current && typeof current.$ref === 'string' && current.$ref.startsWith('#/'); i++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((acc: Json | undefined, key: string) => acc?.[key], d) as Json;
  }
  return current ?? {};
}

function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}/?$`);
}
