import type { EntityManager } from 'typeorm';

/**
 * Statements sent one after another on one connection (a transaction's) without waiting for each before building
 * the next: `send` returns once fewer than `depth` are still waiting on PostgreSQL, so the database runs one chunk
 * while the caller builds the following one. They run in the order sent; `drain` waits for the rest and throws the
 * first failure (after one, PostgreSQL refuses the others: the transaction is aborted).
 */
export class StatementPipeline {
  private readonly waiting: Array<Promise<unknown>> = [];

  constructor(
    private readonly em: EntityManager,
    private readonly depth = 2,
  ) {}

  async send(sql: string, parameters: unknown[]): Promise<void> {
    const statement = this.em.query(sql, parameters);
    // Awaited by send or drain below; if the caller gives up first, its transaction's rollback answers for it.
    statement.catch(() => undefined);
    this.waiting.push(statement);
    while (this.waiting.length >= this.depth) await this.waiting.shift();
  }

  async drain(): Promise<void> {
    while (this.waiting.length) await this.waiting.shift();
  }
}
