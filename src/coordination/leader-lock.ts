import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DATABASE_RUNTIME, DatabaseRuntime } from '../database/database-runtime';

/**
 * "Exactly one replica does this at a time": a Postgres session advisory lock held on its own connection
 * for the duration of the work. The embedded database is one process with one connection, so there an
 * in-process lock is the honest equivalent.
 */
@Injectable()
export class LeaderLock {
  private readonly held = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_RUNTIME) private readonly database: DatabaseRuntime,
  ) {}

  /** Runs `work` if the lock is free; returns undefined without running it when another holder has it. */
  async tryWithLock<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false }> {
    if (this.held.has(name)) return { ran: false };
    this.held.add(name);
    try {
      if (this.database.embedded) return { ran: true, result: await work() };
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      try {
        const key = lockKey(name);
        const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
        if (!locked) return { ran: false };
        try {
          return { ran: true, result: await work() };
        } finally {
          await runner.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
        }
      } finally {
        await runner.release();
      }
    } finally {
      this.held.delete(name);
    }
  }
}

/** A stable signed 64-bit key for a lock name. */
export function lockKey(name: string): string {
  return createHash('sha256').update(`switchyard:${name}`).digest().readBigInt64BE(0).toString();
}
