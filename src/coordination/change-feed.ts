import { EventEmitter } from 'node:events';
import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DATABASE_RUNTIME, DatabaseRuntime } from '../database/database-runtime';

const CHANNEL = 'switchyard_events';

export type ChangeEvent =
  | { type: 'offers_published'; network: string }
  | { type: 'api_key_revoked'; keyId: string }
  /** A network's sync or probe that started at `since` (ISO time) succeeded after one had failed: blocks recorded before it lift. */
  | { type: 'network_answered'; network: string; since: string };

/**
 * Tells every replica that something changed (Postgres NOTIFY on a real server, LISTEN on a dedicated
 * connection). The embedded database serves one process, so there the feed stays in process.
 */
@Injectable()
export class ChangeFeed implements OnApplicationShutdown {
  private readonly logger = new Logger('change-feed');
  private readonly local = new EventEmitter();
  private listener?: Client;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_RUNTIME) private readonly database: DatabaseRuntime,
  ) {}

  async subscribe(handler: (event: ChangeEvent) => void): Promise<void> {
    this.local.on('event', handler);
    if (this.database.embedded || this.listener) return;
    const client = new Client({ connectionString: this.database.url, application_name: 'switchyard-listen' });
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        this.local.emit('event', JSON.parse(msg.payload) as ChangeEvent);
      } catch (err) {
        this.logger.warn(`ignored a malformed notification: ${(err as Error).message}`);
      }
    });
    client.on('error', (err) => this.logger.error(`LISTEN connection failed: ${err.message}`));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  async publish(event: ChangeEvent): Promise<void> {
    if (this.database.embedded) {
      this.local.emit('event', event);
      return;
    }
    await this.dataSource.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify(event)]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
  }
}
