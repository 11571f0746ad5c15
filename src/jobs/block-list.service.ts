import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AdapterError } from '../../adapters/sdk';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import type { Block } from '../routing/routing.types';

const REFRESH_MS = 2_000;

/**
 * Scopes kept out of routing after a failure. Stored in Postgres so every replica honours them; read from a
 * copy refreshed every two seconds so routing never waits on the database.
 */
@Injectable()
export class BlockListService {
  private readonly logger = new Logger('blocks');
  private cache: Block[] = [];
  private loadedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Blocks the scope the error names, for the configured time. */
  async blockFor(error: AdapterError, where: { network: string; offerId: string; providerId: string; region: string | null }): Promise<Block> {
    const key = error.scope === 'offer' ? where.offerId : error.scope === 'provider' ? where.providerId : error.scope === 'region' ? (where.region ?? '') : '';
    const block: Block = { scope: error.scope, network: where.network, key, until: Date.now() + this.config.jobs.blockTtlMs, reason: `${error.code}: ${error.message}`.slice(0, 500) };
    await this.dataSource.query('INSERT INTO routing_blocks (scope, network, key, reason, until) VALUES ($1, $2, $3, $4, $5)', [
      block.scope,
      block.network,
      block.key,
      block.reason,
      new Date(block.until),
    ]);
    this.cache = [...this.cache, block];
    this.logger.log(`blocked ${block.scope} ${block.network}${key ? `/${key}` : ''} for ${this.config.jobs.blockTtlMs} ms: ${block.reason}`);
    return block;
  }

  /** Active blocks; refreshes from the database when the copy is older than two seconds. */
  async active(): Promise<Block[]> {
    const now = Date.now();
    if (now - this.loadedAt > REFRESH_MS) {
      const rows: Array<{ scope: Block['scope']; network: string; key: string; until: Date; reason: string }> = await this.dataSource.query(
        'SELECT scope, network, key, until, reason FROM routing_blocks WHERE until > now()',
      );
      this.cache = rows.map((r) => ({ scope: r.scope, network: r.network, key: r.key, until: new Date(r.until).getTime(), reason: r.reason }));
      this.loadedAt = now;
    }
    return this.cache.filter((b) => b.until > now);
  }
}
