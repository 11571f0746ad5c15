import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AdapterError } from '../../adapters/sdk';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ChangeFeed } from '../coordination/change-feed';
import type { Block } from '../routing/routing.types';
import { blockDurationMs } from './block-duration';

const REFRESH_MS = 2_000;

/**
 * Scopes kept out of routing after a failure. Stored in Postgres so every replica honours them; read from a
 * copy refreshed every two seconds so routing never waits on the database. A network-scope block lifts when the
 * network answers again after failing (a sync or probe that failed, then one that started after the block
 * succeeded, told to every replica by the change feed); a network whose listings and probes never failed (only
 * its submits did) stays blocked for the TTL. An offer without capacity is blocked for seconds, longer on repeats
 * (blockDurationMs).
 */
@Injectable()
export class BlockListService implements OnModuleInit {
  private readonly logger = new Logger('blocks');
  private cache: Block[] = [];
  private loadedAt = 0;
  /** The refresh in flight, shared by every caller meanwhile. */
  private loading?: Promise<void>;
  /** Moves on when a block is recorded or lifted, so a refresh that began before is not kept. */
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly feed: ChangeFeed,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.feed.subscribe((event) => {
      if (event.type !== 'network_answered') return;
      this.liftNetwork(event.network, new Date(event.since)).catch((err) =>
        this.logger.warn(`could not lift blocks of ${event.network}: ${(err as Error).message}`),
      );
    });
  }

  /** Blocks the scope the error names, for as long as blockDurationMs says. */
  async blockFor(error: AdapterError, where: { network: string; offerId: string; providerId: string; region: string | null }): Promise<Block> {
    const key = error.scope === 'offer' ? where.offerId : error.scope === 'provider' ? where.providerId : error.scope === 'region' ? (where.region ?? '') : '';
    const ttl = this.config.jobs.blockTtlMs;
    const reason = `${error.code}: ${error.message}`.slice(0, 500);
    const repeats = error.code === 'no_capacity' ? await this.recentRepeats(error, where.network, key, ttl) : 0;
    const durationMs = blockDurationMs(error, repeats, ttl);
    const now = Date.now();
    const block: Block = { scope: error.scope, network: where.network, key, until: now + durationMs, reason };
    await this.dataSource.query('INSERT INTO routing_blocks (scope, network, key, reason, until, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      block.scope,
      block.network,
      block.key,
      block.reason,
      new Date(block.until),
      new Date(now),
    ]);
    this.generation++;
    this.cache = [...this.cache, block];
    this.logger.log(
      `blocked ${block.scope} ${block.network}${key ? `/${key}` : ''} for ${durationMs} ms${repeats ? ` (repeat ${repeats})` : ''}: ${block.reason}`,
    );
    return block;
  }

  /** Ends the network-scope blocks of a network recorded before `since`, when it answered again (sync or probe). */
  async liftNetwork(network: string, since: Date): Promise<number> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `UPDATE routing_blocks SET until = now(), reason = left(reason, 440) || ' (lifted: the network answered again)'
       WHERE scope = 'network' AND network = $1 AND until > now() AND created_at < $2 RETURNING id`,
      [network, since],
    );
    if (!rows.length) return 0;
    this.loadedAt = 0;
    this.generation++;
    this.cache = this.cache.filter((b) => !(b.scope === 'network' && b.network === network));
    this.logger.log(`lifted ${rows.length} network block(s) of ${network}: it answered again`);
    return rows.length;
  }

  /**
   * Active blocks; refreshes from the database when the copy is older than two seconds. Callers that come while
   * a refresh is running share it: a burst of routed jobs costs one read, not one each.
   */
  async active(): Promise<Block[]> {
    // A read that a block or a lift overtook is not kept (the next one starts after it): loop until one stands.
    while (Date.now() - this.loadedAt > REFRESH_MS) await (this.loading ??= this.load().finally(() => (this.loading = undefined)));
    const now = Date.now();
    return this.cache.filter((b) => b.until > now);
  }

  private async load(): Promise<void> {
    const generation = this.generation;
    const now = Date.now();
    const rows: Array<{ scope: Block['scope']; network: string; key: string; until: Date; reason: string }> = await this.dataSource.query(
      'SELECT scope, network, key, until, reason FROM routing_blocks WHERE until > now()',
    );
    // A block recorded or lifted while this read ran may be missing from it or still in it: it is not kept.
    if (generation !== this.generation) return;
    this.cache = rows.map((r) => ({ scope: r.scope, network: r.network, key: r.key, until: new Date(r.until).getTime(), reason: r.reason }));
    this.loadedAt = now;
  }

  /** How often this scope ran out of capacity within the last TTL: each repeat doubles the next block. */
  private async recentRepeats(error: AdapterError, network: string, key: string, ttlMs: number): Promise<number> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM routing_blocks WHERE scope = $1 AND network = $2 AND key = $3 AND reason LIKE 'no_capacity:%' AND created_at > $4`,
      [error.scope, network, key, new Date(Date.now() - ttlMs)],
    );
    return rows[0]?.n ?? 0;
  }
}
