// Builds and starts the service: embedded Postgres when DATABASE_URL is unset, Nest on Fastify, request ids,
// problem+json errors, OpenAPI. Used by main.ts and by the integration tests, so both run the same wiring.
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { createRootLogger, PinoNestLogger } from './common/logger';
import { setupDashboard } from './common/dashboard';
import { installBodyParsers } from './common/json-body';
import { installPathParamGuard } from './common/path-params';
import { redactQueryValues } from './common/redact';
import { PROBLEM_CONTENT_TYPE, problemFromStatus } from './common/problem';
import { setupOpenApi } from './openapi';
import { requestContext } from './common/request-context';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { MetricsService } from './health/metrics.service';
import { NetworkHealthService } from './health/network-health.service';
import { DispatcherService } from './jobs/dispatcher.service';
import { ReconcilerService } from './jobs/reconciler.service';
import { NetworkRegistry } from './plugins/network-registry';
import { loadPlugins } from './plugins/plugin-loader';
import { OfferSyncService } from './pool/offer-sync.service';
import { DemoAgentsService } from './simulation/demo-agents.service';
import { SelfCoordinatorKey } from './simulation/self-coordinator-key';

export interface RunningSwitchyard {
  app: NestFastifyApplication;
  url: string;
  logger: Logger;
  close(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** How long a closing server lets open connections finish before it closes them. */
const SHUTDOWN_GRACE_MS = 1_000;

function accessLogRequest(req: { method: string; url: string; host?: string; ip?: string; socket?: { remotePort?: number } }) {
  return { method: req.method, url: redactQueryValues(req.url), host: req.host, remoteAddress: req.ip, remotePort: req.socket?.remotePort };
}

function describeFrameworkError(err: { code?: string; message: string }): string {
  if (err.code === 'FST_ERR_BAD_URL') return 'The URL is not valid (it does not decode as UTF-8 percent-encoding).';
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') return 'A path parameter is longer than any id this API issues.';
  return err.message;
}

export async function startSwitchyard(given: AppConfig, opts: { logger?: Logger } = {}): Promise<RunningSwitchyard> {
  const config = given;
  const logger = opts.logger ?? createRootLogger(config.logLevel);
  // A broken plugin stops the boot here, before anything starts, with its name and the reason.
  const plugins = loadPlugins(config.networks);
  const embedded = config.database.url ? undefined : await startEmbeddedPostgres({ dataDir: config.database.inMemory ? undefined : config.database.dataDir });
  if (embedded) logger.info({ dataDir: config.database.inMemory ? '(memory)' : config.database.dataDir }, 'using embedded PostgreSQL (PGlite)');
  const databaseUrl = config.database.url ?? embedded!.url;

  const adapter = new FastifyAdapter({
    // The access log shows query names, never their values (an API key sent as ?api_key= is refused, not logged).
    loggerInstance: logger.child({}, { serializers: { req: accessLogRequest } }),
    bodyLimit: config.http.bodyLimitBytes,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    forceCloseConnections: 'idle',
    // The router's own refusals (a URL that does not decode, a path parameter past maxParamLength: 414) are
    // problems too.
    frameworkErrors: (err: Error & { code?: string }, req: { url: string }, reply: FastifyReply) => {
      const status = (err as { statusCode?: number }).statusCode ?? 400;
      void reply
        .code(status)
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send({ ...problemFromStatus(status, describeFrameworkError(err)), instance: req.url });
    },
    return503OnClosing: true,
  });
  const fastify = adapter.getInstance();
  // Closing waits for open requests, but a keep-alive connection that never sent a request (or one Node does not
  // count as idle) would hold the close forever; after a grace period every remaining connection is closed.
  fastify.addHook('preClose', (done) => {
    setTimeout(() => fastify.server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    done();
  });
  installBodyParsers(fastify);
  installPathParamGuard(fastify);
  fastify.addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    requestContext.run({ requestId: req.id }, done);
  });

  let app!: NestFastifyApplication; // may stay unassigned when create() throws: closed with ?. below
  try {
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot({ config, databaseUrl, embeddedDatabase: Boolean(embedded) || config.database.singleSession, plugins }),
      adapter,
      { logger: new PinoNestLogger(logger), bufferLogs: false, bodyParser: false }, // bodies: json-body.ts
    );
    const metrics = app.get(MetricsService);
    fastify.addHook('onResponse', (req, reply, done) => {
      metrics.httpDuration.observe(
        { method: req.method, route: req.routeOptions.url ?? '(no route)', status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
      done();
    });
    setupOpenApi(app, {
      simulatedNetworks: () =>
        app
          .get(NetworkRegistry)
          .list()
          .filter((n) => n.simulated)
          .map((n) => n.id),
    });
    await setupDashboard(app, logger);
    await app.listen(config.http.port, config.http.host);
  } catch (err) {
    await app?.close().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
  const address = fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://127.0.0.1:${port}`;
  try {
    // The networks start once the server listens: the native network's coordinator may be this service.
    const registry = app.get(NetworkRegistry);
    await app.get(SelfCoordinatorKey).ensure();
    await registry.start(url);
    await app.get(OfferSyncService).start();
    await app.get(NetworkHealthService).start();
    app.get(DispatcherService).start();
    app.get(ReconcilerService).start();
    app.get(DemoAgentsService).start(url);
  } catch (err) {
    await app.close().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
  logger.info({ url, role: config.role }, 'switchyard is listening');

  let closed = false;
  return {
    app,
    url,
    logger,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await embedded?.stop();
    },
  };
}
