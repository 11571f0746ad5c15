import fs from 'node:fs';
import path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

const UI_ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'];

/** OpenAPI 3 at /docs/json and a Swagger UI at /docs, served without extra Fastify plugins. */
export function setupOpenApi(app: NestFastifyApplication, opts: { simulatedNetworks: () => string[] }): void {
  // Built on first request: which networks are simulated is known only once they have started.
  let document: ReturnType<typeof SwaggerModule.createDocument> | undefined;
  const build = () => (document ??= SwaggerModule.createDocument(app, describe(opts.simulatedNetworks())));
  const fastify = app.getHttpAdapter().getInstance();
  const uiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const assets: Record<string, Buffer> = {};
  fastify.get('/docs/json', async () => build());
  fastify.get('/docs', async (_req, reply) => {
    return reply.type('text/html; charset=utf-8').send(`<!doctype html><html><head><title>Switchyard API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/docs/json', dom_id: '#ui' });</script></body></html>`);
  });
  fastify.get<{ Params: { file: string } }>('/docs/assets/:file', async (req, reply) => {
    const file = req.params.file;
    if (!UI_ASSETS.includes(file)) return reply.code(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not found', status: 404 });
    // Read once and answered whole: an async handler must return the reply it sends (a stream sent without
    // returning it went out as 0 bytes, and /docs was a blank page).
    const body = (assets[file] ??= fs.readFileSync(path.join(uiDir, file)));
    return reply.type(file.endsWith('.css') ? 'text/css; charset=utf-8' : 'application/javascript; charset=utf-8').send(body);
  });
}

function describe(simulatedNetworks: string[]) {
  const simulated = simulatedNetworks.length
    ? `\n\n**Simulated networks in this deployment:** ${simulatedNetworks.join(', ')}. Their offers come from built-in simulators on loopback, not from the real networks.`
    : '';
  return new DocumentBuilder()
    .setTitle('Switchyard')
    .setDescription(`One API over the GPU supply of decentralized compute networks.${simulated}`)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' }, 'apiKey')
    .build();
}
