import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';
import pretty from 'pino-pretty';
import { currentRequestId } from './request-context';

// Secrets never reach the log: these keys are censored wherever they appear.
const REDACT = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-signature"]',
  'req.headers["x-admin-token"]',
  '*.apiKey',
  '*.secretKey',
  '*.secret',
  '*.password',
  '*.token',
];

/** Nest's boot chatter ("Mapped {…} route", "… dependencies initialized"): left out of human-readable logs. */
const FRAMEWORK_CHATTER = new Set(['RouterExplorer', 'RoutesResolver', 'InstanceLoader', 'NestFactory', 'NestApplication']);

/**
 * JSON lines (the default), or `pretty`: one readable, coloured line per entry for a person at a terminal
 * (pino-pretty as a synchronous stream), without Nest's route-mapping chatter.
 */
export function createRootLogger(level: string, format: 'json' | 'pretty' = 'json'): Logger {
  const human = format === 'pretty';
  return pino(
    {
      level,
      ...(human
        ? {
            hooks: {
              logMethod(args, method, lvl) {
                const first = args[0] as unknown as { context?: string } | undefined;
                if (lvl === 30 && first && typeof first === 'object' && FRAMEWORK_CHATTER.has(first.context ?? '')) return;
                // Fastify's per-request lines: in JSON logs for machines, noise for a person reading along.
                if (lvl === 30 && (args[1] === 'incoming request' || args[1] === 'request completed')) return;
                return method.apply(this, args);
              },
            },
          }
        : {}),
      base: { service: 'switchyard' },
      redact: { paths: REDACT, censor: '[redacted]' },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    human
      ? pretty({
          colorize: true,
          sync: true,
          translateTime: 'SYS:HH:MM:ss',
          ignore: 'pid,hostname,service,context',
          messageFormat: '{if context}{context}: {end}{msg}',
          singleLine: true,
        })
      : undefined,
  );
}

/** Nest's LoggerService on top of pino, so framework and application logs are one JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, context?: string) {
    this.root.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.root.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.root.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.root.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.root.trace({ context }, String(message));
  }
}
