import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

const MAX_QUERY_CHARS = 200;

/**
 * TypeORM's messages through the service's own logger instead of the console. Query parameters are never
 * logged (they carry key hashes, signatures and user data); failed queries go to debug because the caller
 * handles and reports the error itself: a constraint the code relies on is not an incident.
 */
export class TypeOrmNestLogger implements TypeOrmLogger {
  private readonly logger = new Logger('database');

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.debug(`query failed: ${message(error)} (${shorten(query)})`);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow query (${time} ms): ${shorten(query)}`);
  }

  logSchemaBuild(text: string): void {
    this.logger.debug(text);
  }

  logMigration(text: string): void {
    this.logger.log(text);
  }

  log(level: 'log' | 'info' | 'warn', text: unknown): void {
    if (level === 'warn') this.logger.warn(String(text));
    else this.logger.debug(String(text));
  }
}

function message(error: string | Error): string {
  return typeof error === 'string' ? error : error.message;
}

function shorten(query: string): string {
  const flat = query.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_QUERY_CHARS ? `${flat.slice(0, MAX_QUERY_CHARS)}…` : flat;
}
