// The OpenAPI document of the whole API, built from every module's routes and access rules (a composition root, like app.factory.ts).
import fs from 'node:fs';
import path from 'node:path';
import { ModulesContainer } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ACCESS_RULE, AccessRule } from './accounts/access.decorators';
import { resolveAccess } from './accounts/access-policy';
import { ACCOUNTS_CONFIG, AccountsConfig } from './accounts/accounts.config';
import { API_CONTRACT, ApiContractSpec, openApiSchema, problemSchema } from './common/api-contract';
import { problemFromStatus, PROBLEM_CONTENT_TYPE } from './common/problem';

const UI_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'];

/** OpenAPI 3 at /docs/json and a Swagger UI at /docs, served without extra Fastify plugins. */
export function setupOpenApi(app: NestFastifyApplication, opts: { simulatedNetworks: () => string[] }): void {
  // Built on first request: which networks are simulated is known only once they have started.
  let document: OpenAPIObject | undefined;
  const build = () => (document ??= buildOpenApiDocument(app, opts.simulatedNetworks()));
  const fastify = app.getHttpAdapter().getInstance();
  const uiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const assets: Record<string, Buffer> = {};
  fastify.get('/docs/json', async () => build());
  fastify.get('/docs', async (_req, reply) => {
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html><head><meta charset="utf-8"><title>Switchyard API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/docs/json', dom_id: '#ui' });</script></body></html>`);
  });
  fastify.get<{ Params: { file: string } }>('/docs/assets/:file', async (req, reply) => {
    const file = req.params.file;
    if (!UI_ASSETS.includes(file))
      return reply
        .code(404)
        .type(PROBLEM_CONTENT_TYPE)
        .send(problemFromStatus(404, `No docs asset ${file}.`));
    // Read once and answered whole: an async handler must return the reply it sends (a stream sent without
    // returning it went out as 0 bytes, and /docs was a blank page).
    const body = (assets[file] ??= fs.readFileSync(path.join(uiDir, file)));
    return reply.type(file.endsWith('.css') ? 'text/css; charset=utf-8' : 'application/javascript; charset=utf-8').send(body);
  });
}

/** Nest's route discovery (paths, methods, tags, summaries) completed from each route's zod contract and access rule. */
export function buildOpenApiDocument(app: NestFastifyApplication, simulatedNetworks: string[]): OpenAPIObject {
  const document = SwaggerModule.createDocument(app, describe(simulatedNetworks));
  // OpenAPI 3.1: its schemas are JSON Schema 2020-12, what zod generates (nullable, exclusive bounds).
  document.openapi = '3.1.0';
  const routes = routeMetadata(app);
  const publicMarketData = app.get<AccountsConfig>(ACCOUNTS_CONFIG, { strict: false }).publicMarketData;
  document.components ??= {};
  document.components.schemas = { ...document.components.schemas, Problem: openApiSchema(problemSchema, 'output') };
  for (const [route, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const meta = routes.get(operation.operationId ?? '') ?? {};
      completeOperation(operation as Operation, route, meta, publicMarketData);
    }
  }
  return document;
}

interface Operation {
  operationId?: string;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema?: unknown; description?: string }>;
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: Array<Record<string, string[]>>;
}

function completeOperation(op: Operation, route: string, meta: { contract?: ApiContractSpec; rule?: AccessRule }, publicMarketData: boolean): void {
  const contract = meta.contract;
  const nodeSigned = meta.rule?.kind === 'node-signed' || route.startsWith('/v1/agent/');
  const access = resolveAccess(meta.rule, route, publicMarketData);
  op.security = nodeSigned ? [{ nodeSignature: [] }] : access.mode === 'open' ? [] : access.mode === 'optional' ? [{ apiKey: [] }, {}] : [{ apiKey: [] }];

  const hasPathParams = route.includes('{');
  if (contract?.params || contract?.query || contract?.requestHeaders) {
    const others = (op.parameters ?? []).filter((p) => !(p.in === 'path' && contract.params) && p.in !== 'query');
    const params = Object.entries(contract.params?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: 'path',
      required: true,
      schema: openApiSchema(schema, 'input'),
    }));
    const query = Object.entries(contract.query?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: 'query',
      required: !(schema as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success,
      schema: openApiSchema(schema, 'input'),
    }));
    const headers = Object.entries(contract.requestHeaders ?? {}).map(([name, description]) => ({
      name,
      in: 'header',
      required: false,
      description,
      schema: { type: 'string' },
    }));
    op.parameters = [...others, ...params, ...query, ...headers];
  }
  if (contract?.body) {
    const content: Record<string, unknown> = {
      'application/json': { schema: openApiSchema(contract.body, 'input'), ...(contract.bodyExample !== undefined ? { example: contract.bodyExample } : {}) },
    };
    if (contract.yamlBody)
      content['application/yaml'] = {
        schema: { type: 'string', description: 'An Akash SDL (version 2.0); also application/x-yaml, text/yaml, application/vnd.akash.sdl+yaml.' },
      };
    op.requestBody = { required: true, content };
  }
  if (contract?.responses) {
    op.responses = {};
    for (const [status, r] of Object.entries(contract.responses)) {
      const mediaType = r.mediaType ?? 'application/json';
      const headers = contract.headers?.[Number(status)];
      op.responses[status] = {
        description: r.description,
        ...(headers ? { headers: Object.fromEntries(Object.entries(headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) } : {}),
        ...(r.schema || mediaType !== 'application/json'
          ? {
              content: {
                [mediaType]: {
                  schema: r.schema ? openApiSchema(r.schema, 'output') : { type: 'string' },
                  ...(r.example !== undefined ? { example: r.example } : {}),
                },
              },
            }
          : {}),
      };
    }
  }
  const errors = new Set<number>(contract?.errors ?? []);
  if (hasPathParams || contract?.query || contract?.body || op.requestBody || (op.parameters ?? []).some((p) => p.in === 'query')) errors.add(400);
  if (op.requestBody || contract?.body) [413, 415].forEach((s) => errors.add(s));
  if (hasPathParams) errors.add(404);
  if (nodeSigned) [401, 403].forEach((s) => errors.add(s));
  else if (access.mode !== 'open') [401, 429].forEach((s) => errors.add(s));
  if (!nodeSigned && access.mode === 'required' && access.scope !== 'read') errors.add(403);
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  for (const status of [...errors].sort()) op.responses[String(status)] ??= { description: problemFromStatus(status).title, content: problem };
  op.responses.default = { description: 'Any other error (e.g. 503 while the service starts or stops)', content: problem };
}

/** Each route's contract and access rule, by Nest's operation id (`Controller_method`). */
function routeMetadata(app: NestFastifyApplication): Map<string, { contract?: ApiContractSpec; rule?: AccessRule }> {
  const out = new Map<string, { contract?: ApiContractSpec; rule?: AccessRule }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const cls = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!cls?.prototype) continue;
      const classRule = Reflect.getMetadata(ACCESS_RULE, cls) as AccessRule | undefined;
      for (const name of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = (cls.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        out.set(`${cls.name}_${name}`, {
          contract: Reflect.getMetadata(API_CONTRACT, handler) as ApiContractSpec | undefined,
          rule: (Reflect.getMetadata(ACCESS_RULE, handler) as AccessRule | undefined) ?? classRule,
        });
      }
    }
  }
  return out;
}

function describe(simulatedNetworks: string[]) {
  const simulated = simulatedNetworks.length
    ? `\n\n**Simulated networks in this deployment:** ${simulatedNetworks.join(', ')}. Their offers come from built-in simulators on loopback, not from the real networks.`
    : '';
  return new DocumentBuilder()
    .setTitle('Switchyard')
    .setDescription(
      `One API over the GPU supply of decentralized compute networks.${simulated}\n\nErrors are application/problem+json (RFC 9457) with a per-field \`errors\` list.`,
    )
    .setVersion('1')
    .addSecurity('apiKey', { type: 'http', scheme: 'bearer', description: 'An API key (sy_…): `Authorization: Bearer <key>`, or the `x-api-key` header.' })
    .addSecurity('nodeSignature', {
      type: 'apiKey',
      in: 'header',
      name: 'x-sy-signature',
      description:
        'Native-node agents sign each request with their Ed25519 node key (x-sy-node, x-sy-timestamp, x-sy-nonce, x-sy-signature); see src/nodes/protocol/request-signature.ts.',
    })
    .build();
}
