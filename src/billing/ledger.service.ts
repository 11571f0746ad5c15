// The money of every account, as a double-entry ledger: each transaction's entries sum to zero (checked
// here before writing, and again by a deferred constraint trigger at commit), and an account's balance is
// the sum of its `account:<uuid>` entries. Amounts are decimal strings, computed with decimal.js.
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';
import { ProblemException } from '../common/problem';
import type { AccountFunds } from '../accounts/account-funds';
import type { LedgerTransactionKind } from './entities/ledger-transaction.entity';

/** System ledger accounts (the counterparties of customer entries). */
export const LEDGER = {
  customer: (accountId: string) => `account:${accountId}`,
  treasuryUsdc: 'treasury:usdc',
  usageRevenue: 'revenue:usage',
  startingCredit: 'promotions:starting-credit',
  adjustments: 'adjustments:manual',
} as const;

export interface LedgerPosting {
  kind: LedgerTransactionKind;
  /** Unique idempotency key of the transaction. */
  reference: string;
  /** The customer account it concerns, for listings. */
  accountId: string | null;
  memo?: string | null;
  entries: Array<{ ledgerAccount: string; amount: Decimal.Value }>;
  /** Preset id (a deposit row points at its ledger transaction). */
  id?: string;
}

export interface UsageAccrual {
  /** Idempotency key, e.g. `usage:<attemptId>:<seq>`: a second call with it records nothing. */
  reference: string;
  /** Non-negative USD amount to charge. */
  usd: string;
  memo?: string;
}

export interface LedgerLine {
  transactionId: string;
  kind: LedgerTransactionKind;
  reference: string;
  memo: string | null;
  amountUsd: string;
  createdAt: string;
}

export function decimal(value: Decimal.Value, what: string): Decimal {
  try {
    const d = new Decimal(value);
    if (d.isFinite()) return d;
  } catch {
    /* fall through */
  }
  throw new ProblemException(400, 'validation', 'Invalid request', `${what} must be a decimal string, got ${JSON.stringify(value)}.`);
}

@Injectable()
export class LedgerService implements AccountFunds {
  constructor(private readonly db: DataSource) {}

  /** The account's balance in USD, as a decimal string. */
  async balance(accountId: string, manager: EntityManager = this.db.manager): Promise<string> {
    const rows: Array<{ total: string }> = await manager.query(`SELECT COALESCE(SUM(amount), 0)::text AS total FROM ledger_entries WHERE ledger_account = $1`, [
      LEDGER.customer(accountId),
    ]);
    return new Decimal(rows[0]!.total).toFixed();
  }

  /** The references of the ledger's transactions that start with `prefix` (e.g. every usage charge of one attempt). */
  async referencesStartingWith(prefix: string): Promise<string[]> {
    const like = prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';
    const rows: Array<{ reference: string }> = await this.db.query('SELECT reference FROM ledger_transactions WHERE reference LIKE $1', [like]);
    return rows.map((r) => r.reference);
  }

  /**
   * Charges usage to the account, once per reference (a repeated reference records nothing); inside the
   * caller's transaction when given its `manager`.
   */
  async accrueUsage(accountId: string, usage: UsageAccrual, manager?: EntityManager): Promise<{ created: boolean }> {
    const usd = decimal(usage.usd, 'usd');
    if (usd.isNegative()) throw new ProblemException(400, 'validation', 'Invalid request', `usage must not be negative, got ${usage.usd}.`);
    if (usd.isZero()) return { created: false };
    const write = (em: EntityManager) =>
      this.post(em, {
        kind: 'usage',
        reference: usage.reference,
        accountId,
        memo: usage.memo ?? null,
        entries: [
          { ledgerAccount: LEDGER.customer(accountId), amount: usd.negated() },
          { ledgerAccount: LEDGER.usageRevenue, amount: usd },
        ],
      });
    const { created } = manager ? await write(manager) : await this.db.transaction(write);
    return { created };
  }

  /**
   * Writes one balanced transaction inside the caller's database transaction. Idempotent on
   * `reference`: when it already exists nothing is written and `created` is false.
   */
  async post(manager: EntityManager, posting: LedgerPosting): Promise<{ id: string; created: boolean }> {
    if (posting.entries.length < 2) throw new Error(`ledger transaction ${posting.reference} needs at least two entries`);
    const sum = posting.entries.reduce((s, e) => s.plus(e.amount), new Decimal(0));
    if (!sum.isZero()) throw new Error(`ledger transaction ${posting.reference} does not balance: its entries sum to ${sum.toFixed()}`);
    const id = posting.id ?? randomUUID();
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO ledger_transactions (id, kind, reference, account_id, memo) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (reference) DO NOTHING RETURNING id`,
      [id, posting.kind, posting.reference, posting.accountId, posting.memo ?? null],
    );
    if (!inserted[0]) {
      const existing: Array<{ id: string }> = await manager.query(`SELECT id FROM ledger_transactions WHERE reference = $1`, [posting.reference]);
      return { id: existing[0]!.id, created: false };
    }
    await manager.query(`INSERT INTO ledger_entries (transaction_id, ledger_account, amount) SELECT $1, * FROM unnest($2::text[], $3::numeric[])`, [
      id,
      posting.entries.map((e) => e.ledgerAccount),
      posting.entries.map((e) => new Decimal(e.amount).toFixed()),
    ]);
    return { id, created: true };
  }

  /** Credits a new account's starting credit (an adjustment, once per account) inside the caller's transaction. */
  async grantStartingCredit(manager: EntityManager, accountId: string, usd: string, memo: string): Promise<void> {
    const credit = decimal(usd, 'usd');
    await this.post(manager, {
      kind: 'adjustment',
      reference: `starting-credit:${accountId}`,
      accountId,
      memo,
      entries: [
        { ledgerAccount: LEDGER.customer(accountId), amount: credit },
        { ledgerAccount: LEDGER.startingCredit, amount: credit.negated() },
      ],
    });
  }

  /** The account's ledger lines, newest first. */
  async history(accountId: string, limit = 100): Promise<LedgerLine[]> {
    const rows: Array<{ id: string; kind: LedgerTransactionKind; reference: string; memo: string | null; amount: string; created_at: Date }> =
      await this.db.query(
        `SELECT t.id, t.kind, t.reference, t.memo, SUM(e.amount)::text AS amount, t.created_at
         FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id AND e.ledger_account = $1
        GROUP BY t.id ORDER BY t.created_at DESC, t.id LIMIT $2`,
        [LEDGER.customer(accountId), limit],
      );
    return rows.map((r) => ({
      transactionId: r.id,
      kind: r.kind,
      reference: r.reference,
      memo: r.memo,
      amountUsd: new Decimal(r.amount).toFixed(),
      createdAt: r.created_at.toISOString(),
    }));
  }
}
