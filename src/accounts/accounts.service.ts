// Accounts: creation (with the configured starting credit and a deposit reference), lookup with balance.
import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import bs58 from 'bs58';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';
import { notFoundProblem } from '../common/problem';
import { NetworkRegistry } from '../plugins/network-registry';
import { ACCOUNTS_CONFIG, AccountsConfig, DEMO_STARTING_CREDIT_USD } from './accounts.config';
import { ACCOUNT_FUNDS, AccountFunds } from './account-funds';

export interface NewAccount {
  name: string;
  maxUsdPerHour?: string | null;
  maxUsdPerJob?: string | null;
}

export interface AccountView {
  id: string;
  name: string;
  createdAt: string;
  limits: { maxUsdPerHour: string | null; maxUsdPerJob: string | null };
  balanceUsd: string;
  /** What its unfinished jobs hold of the balance until they end. */
  heldUsd: string;
  /** What a new job can still be priced against: the balance less what is held. */
  availableUsd: string;
  /** What its unfinished jobs hold of max_usd_per_hour. */
  heldUsdPerHour: string;
}

interface AccountRow {
  id: string;
  name: string;
  max_usd_per_hour: string | null;
  max_usd_per_job: string | null;
  deposit_reference: string;
  held_usd: string;
  held_usd_per_hour: string;
  created_at: Date;
}

/** The memo a deposit may carry instead of the reference key. */
export const depositMemoFor = (accountId: string) => `sy:${accountId}`;

const normalize = (v: string | null | undefined) => (v === null || v === undefined ? null : new Decimal(v).toFixed());

@Injectable()
export class AccountsService {
  constructor(
    private readonly db: DataSource,
    @Inject(ACCOUNT_FUNDS) private readonly funds: AccountFunds,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
    /** Absent outside the service (the keys CLI): no demo credit there. */
    @Optional() private readonly registry?: NetworkRegistry,
  ) {}

  /**
   * What a new account starts with: ACCOUNT_STARTING_CREDIT_USD when set; unset, demo credit while networks are
   * simulated (so the README's first job runs), else nothing.
   */
  startingCredit(): { usd: string; why: string } {
    if (this.config.startingCreditUsd !== undefined) return { usd: this.config.startingCreditUsd, why: 'starting credit (ACCOUNT_STARTING_CREDIT_USD)' };
    const simulated = this.registry?.simulatedNetworks() ?? [];
    if (simulated.length === 0) return { usd: '0', why: 'no starting credit' };
    return { usd: DEMO_STARTING_CREDIT_USD, why: `demo credit: ${simulated.join(', ')} simulated (set ACCOUNT_STARTING_CREDIT_USD to change)` };
  }

  /** Creates an account with its starting credit (a ledger adjustment) when that is > 0. */
  async create(spec: NewAccount, manager?: EntityManager): Promise<AccountView> {
    const run = async (m: EntityManager) => {
      const id = randomUUID();
      // A Solana Pay-style reference: 32 random bytes, a valid public key nobody holds the secret of.
      const reference = bs58.encode(randomBytes(32));
      await m.query(`INSERT INTO accounts (id, name, max_usd_per_hour, max_usd_per_job, deposit_reference) VALUES ($1, $2, $3, $4, $5)`, [
        id,
        spec.name,
        normalize(spec.maxUsdPerHour),
        normalize(spec.maxUsdPerJob),
        reference,
      ]);
      const starting = this.startingCredit();
      const credit = new Decimal(starting.usd);
      if (credit.gt(0)) {
        await this.funds.grantStartingCredit(m, id, credit.toFixed(), starting.why);
      }
      return id;
    };
    const id = manager ? await run(manager) : await this.db.transaction(run);
    return this.get(id, manager);
  }

  /** Changes the name or limits given (undefined: kept; null: lifted). */
  async change(id: string, change: { name?: string; maxUsdPerHour?: string | null; maxUsdPerJob?: string | null }): Promise<AccountView> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (change.name !== undefined) set('name', change.name);
    if (change.maxUsdPerHour !== undefined) set('max_usd_per_hour', normalize(change.maxUsdPerHour));
    if (change.maxUsdPerJob !== undefined) set('max_usd_per_job', normalize(change.maxUsdPerJob));
    if (sets.length) {
      const [rows]: [Array<{ id: string }>, number] = await this.db.query(`UPDATE accounts SET ${sets.join(', ')} WHERE id = $1::uuid RETURNING id`, params);
      if (!rows.length) throw notFoundProblem('Account', id);
    }
    return this.get(id);
  }

  async get(id: string, manager: EntityManager = this.db.manager): Promise<AccountView> {
    const row = await this.row(id, manager);
    return {
      id: row.id,
      name: row.name,
      createdAt: row.created_at.toISOString(),
      limits: { maxUsdPerHour: normalize(row.max_usd_per_hour), maxUsdPerJob: normalize(row.max_usd_per_job) },
      ...(await this.money(row, manager)),
    };
  }

  private async money(row: AccountRow, manager: EntityManager): Promise<Pick<AccountView, 'balanceUsd' | 'heldUsd' | 'availableUsd' | 'heldUsdPerHour'>> {
    const balance = new Decimal(await this.funds.balance(row.id, manager));
    return {
      balanceUsd: balance.toFixed(),
      heldUsd: new Decimal(row.held_usd).toFixed(),
      availableUsd: balance.minus(row.held_usd).toFixed(),
      heldUsdPerHour: new Decimal(row.held_usd_per_hour).toFixed(),
    };
  }

  async depositReference(id: string): Promise<{ reference: string; memo: string }> {
    const row = await this.row(id, this.db.manager);
    return { reference: row.deposit_reference, memo: depositMemoFor(row.id) };
  }

  /** The account whose deposit reference is among `keys`, if any. */
  async byDepositReference(keys: string[]): Promise<Array<{ id: string; reference: string }>> {
    if (keys.length === 0) return [];
    const rows: Array<{ id: string; deposit_reference: string }> = await this.db.query(
      `SELECT id, deposit_reference FROM accounts WHERE deposit_reference = ANY($1::text[])`,
      [keys],
    );
    return rows.map((r) => ({ id: r.id, reference: r.deposit_reference }));
  }

  private async row(id: string, manager: EntityManager): Promise<AccountRow> {
    const rows: AccountRow[] = await manager.query(`SELECT * FROM accounts WHERE id::text = $1`, [id]);
    if (!rows[0]) throw notFoundProblem('Account', id);
    return rows[0];
  }
}
