// The web dashboard (web/, a Preact single-page app) served at / by the service itself, with @fastify/static:
// no second server, no CDN. `npm run build` builds it into web/dist; a service started without that build
// still serves its API and says at boot why / is missing.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';

/** web/dist from src/common (ts under jest) or dist/src/common (built). */
export function dashboardDir(): string | undefined {
  for (const up of ['../..', '../../..']) {
    const dir = path.resolve(__dirname, up, 'web', 'dist');
    if (fs.existsSync(path.join(dir, 'index.html'))) return dir;
  }
  return undefined;
}

export async function setupDashboard(app: NestFastifyApplication, logger: Logger): Promise<void> {
  const root = dashboardDir();
  if (!root) {
    logger.warn('web dashboard not built (no web/dist/index.html): / is not served; `npm run build` builds it');
    return;
  }
  await serveDashboard(app.getHttpAdapter().getInstance(), root);
}

/** Serves the built dashboard in `root` at /. */
export async function serveDashboard(fastify: FastifyInstance, root: string): Promise<void> {
  await fastify.register(fastifyStatic, {
    root,
    prefix: '/',
    // One route per built file (no catch-all), so unknown paths still reach the API's problem+json 404.
    wildcard: false,
    // The build writes .br/.gz next to each file; a browser that accepts them gets the compressed one.
    preCompressed: true,
    setHeaders: (reply, file) => {
      // Vite names assets by content hash: they never change. index.html must be checked every time.
      reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
