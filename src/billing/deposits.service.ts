// USDC deposits on Solana: verify a transaction by signature and credit the account exactly once.
// Credit only at `finalized` (a `confirmed` transaction may still be dropped); the deposit row (unique on
// the signature) and its ledger transaction are written in one database transaction.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import bs58 from 'bs58';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { ProblemException } from '../common/problem';
import { ACCOUNTS_CONFIG, AccountsConfig } from '../accounts/accounts.config';
import { AccountsService } from '../accounts/accounts.service';
import { LEDGER, LedgerService } from './ledger.service';
import { SolanaRpcUnavailable, SolanaTransactionReader, UnsupportedTransactionVersion } from './solana-transactions.reader';
import { DepositFacts, formatBaseUnits, readDepositFacts } from './usdc-deposit.verifier';

export interface CreditedDeposit {
  status: 'credited';
  signature: string;
  accountId: string;
  amountUsdc: string;
  amountUsd: string;
  binding: 'reference' | 'memo';
  slot: number;
  blockTime: string | null;
  creditedAt: string;
  /** True when this signature had already been credited (a replay returns the original result). */
  replayed: boolean;
}

export interface PendingDeposit {
  status: 'pending';
  signature: string;
  detail: string;
}

export type DepositOutcome = CreditedDeposit | PendingDeposit;

interface DepositRow {
  signature: string;
  account_id: string;
  amount_base_units: string;
  amount_usd: string;
  binding: 'reference' | 'memo';
  slot: string;
  block_time: Date | null;
  created_at: Date;
}

const rejected = (slug: string, detail: string, extra: Record<string, unknown> = {}) => new ProblemException(422, slug, 'Deposit not accepted', detail, extra);

function isSignature(value: string): boolean {
  try {
    return bs58.decode(value).length === 64;
  } catch {
    return false;
  }
}

@Injectable()
export class DepositsService {
  private readonly logger = new Logger('deposits');

  constructor(
    private readonly db: DataSource,
    private readonly rpc: SolanaTransactionReader,
    private readonly accounts: AccountsService,
    private readonly ledger: LedgerService,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  /** Public parameters a depositor needs (no secrets). */
  treasury() {
    const { usdcMint, treasuryOwner, rpcUrl } = this.config.deposits;
    return { enabled: Boolean(rpcUrl && treasuryOwner), usdcMint, treasuryOwner: treasuryOwner ?? null, decimals: 6, commitment: 'finalized' };
  }

  async instructionsFor(accountId: string) {
    const { reference, memo } = await this.accounts.depositReference(accountId);
    return {
      ...this.treasury(),
      reference,
      memo,
      howTo:
        'Transfer USDC (SPL, this mint) to a token account owned by treasuryOwner and either include `reference` as a read-only account key ' +
        'of the transaction (Solana Pay) or add a memo instruction with exactly `memo`. Then POST /v1/deposits {signature}. 1 USDC credits 1 USD.',
    };
  }

  async list(accountId: string): Promise<CreditedDeposit[]> {
    const rows: DepositRow[] = await this.db.query(`SELECT * FROM deposits WHERE account_id = $1 ORDER BY created_at DESC LIMIT 100`, [accountId]);
    return rows.map((r) => this.view(r, true));
  }

  async submit(accountId: string, signature: string): Promise<DepositOutcome> {
    const { usdcMint, treasuryOwner } = this.config.deposits;
    if (!this.rpc.configured || !treasuryOwner) {
      throw new ProblemException(
        503,
        'deposits-disabled',
        'Deposits are not configured',
        'This deployment has no SOLANA_RPC_URL and TREASURY_OWNER, so it cannot verify deposits.',
      );
    }
    if (!isSignature(signature))
      throw new ProblemException(400, 'validation', 'Invalid request', 'signature must be a base58 Solana transaction signature (64 bytes).', {
        errors: [{ field: 'signature', reason: 'not a base58 64-byte signature' }],
      });

    const known = await this.find(signature);
    if (known) return this.replay(known, accountId);

    const tx = await this.fetch(signature, 'finalized');
    if (!tx) {
      const seen = await this.fetch(signature, 'confirmed');
      if (!seen)
        throw new ProblemException(
          404,
          'deposit-not-found',
          'Transaction not found',
          `Solana has no transaction ${signature} (yet). If you just sent it, retry in a few seconds.`,
        );
      if (seen.meta?.err)
        throw rejected('deposit-failed-on-chain', 'The transaction failed on chain (meta.err is set); no USDC moved.', { chainError: seen.meta.err });
      return {
        status: 'pending',
        signature,
        detail: 'The transaction is confirmed but not finalized yet; it is credited once finalized. Submit it again in a few seconds.',
      };
    }
    const facts = readDepositFacts(tx, { mint: usdcMint, treasuryOwner });
    const binding = await this.check(facts, accountId, { usdcMint, treasuryOwner });
    return this.credit(accountId, signature, facts, binding, tx);
  }

  private async check(facts: DepositFacts, accountId: string, expect: { usdcMint: string; treasuryOwner: string }): Promise<'reference' | 'memo'> {
    if (facts.failed) throw rejected('deposit-failed-on-chain', 'The transaction failed on chain (meta.err is set); no USDC moved.');
    if (facts.receivedBaseUnits <= 0n) {
      if (facts.otherMintsReceived.length) {
        throw rejected(
          'deposit-wrong-mint',
          `The treasury received tokens of mint ${facts.otherMintsReceived.join(', ')}, which is not USDC (${expect.usdcMint}).`,
          { expectedMint: expect.usdcMint, receivedMints: facts.otherMintsReceived },
        );
      }
      throw rejected('deposit-not-to-treasury', `No USDC reached a token account owned by the treasury (${expect.treasuryOwner}) in this transaction.`, {
        treasuryOwner: expect.treasuryOwner,
      });
    }
    const own = await this.accounts.depositReference(accountId);
    const hasReference = facts.accountKeys.includes(own.reference);
    const hasMemo = facts.memos.some((m) => m.trim() === own.memo);
    const others = (await this.accounts.byDepositReference(facts.accountKeys)).filter((a) => a.id !== accountId);
    const otherMemos = facts.memos.filter((m) => m.trim().startsWith('sy:') && m.trim() !== own.memo);
    if ((hasReference || hasMemo) && (others.length || otherMemos.length)) {
      throw rejected('deposit-ambiguous', 'The transaction names more than one account (reference keys or sy: memos); it cannot be credited to one of them.');
    }
    if (hasReference) return 'reference';
    if (hasMemo) return 'memo';
    if (others.length || otherMemos.length) {
      throw rejected(
        'deposit-belongs-to-another-account',
        "The transaction carries another account's deposit reference or memo, so it cannot be credited to yours.",
      );
    }
    throw rejected(
      'deposit-not-bound',
      `The transaction carries neither this account's reference key (${own.reference}) nor the memo "${own.memo}", so it cannot be attributed to it.`,
      {
        reference: own.reference,
        memo: own.memo,
      },
    );
  }

  private async credit(accountId: string, signature: string, facts: DepositFacts, binding: 'reference' | 'memo', raw: unknown): Promise<CreditedDeposit> {
    const amountUsdc = formatBaseUnits(facts.receivedBaseUnits, facts.decimals);
    const usd = new Decimal(amountUsdc); // USDC is credited 1:1 as USD
    const ledgerId = randomUUID();
    const { usdcMint, treasuryOwner } = this.config.deposits;
    const created = await this.db.transaction(async (m) => {
      const inserted: unknown[] = await m.query(
        `INSERT INTO deposits (signature, account_id, amount_base_units, amount_usd, mint, treasury_owner, binding, slot, block_time, ledger_transaction_id, raw)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (signature) DO NOTHING RETURNING signature`,
        [
          signature,
          accountId,
          facts.receivedBaseUnits.toString(),
          usd.toFixed(),
          usdcMint,
          treasuryOwner,
          binding,
          facts.slot,
          facts.blockTime === null ? null : new Date(facts.blockTime * 1000),
          ledgerId,
          JSON.stringify(raw),
        ],
      );
      if (!inserted.length) return false; // a concurrent submission won the race; report its result
      await this.ledger.post(m, {
        id: ledgerId,
        kind: 'deposit',
        reference: `deposit:${signature}`,
        accountId,
        memo: `USDC deposit ${signature}`,
        entries: [
          { ledgerAccount: LEDGER.customer(accountId), amount: usd },
          { ledgerAccount: LEDGER.treasuryUsdc, amount: usd.negated() },
        ],
      });
      return true;
    });
    const row = (await this.find(signature))!;
    if (created) this.logger.log(`credited deposit ${signature}: ${usd.toFixed()} USD to account ${accountId} (bound by ${binding})`);
    return created ? this.view(row, false) : this.replay(row, accountId);
  }

  private replay(row: DepositRow, accountId: string): CreditedDeposit {
    if (row.account_id !== accountId) throw rejected('deposit-belongs-to-another-account', 'This transaction has already been credited to another account.');
    return this.view(row, true);
  }

  private async fetch(signature: string, commitment: 'finalized' | 'confirmed') {
    try {
      return await this.rpc.get(signature, commitment);
    } catch (err) {
      if (err instanceof UnsupportedTransactionVersion)
        throw rejected(
          'deposit-unsupported-version',
          `The Solana RPC cannot return this transaction in a version this service reads (v0 and legacy): ${err.message}`,
        );
      if (err instanceof SolanaRpcUnavailable)
        throw new ProblemException(503, 'solana-rpc-unavailable', 'Solana RPC unavailable', `${err.message}; retry later.`);
      throw err;
    }
  }

  private async find(signature: string): Promise<DepositRow | undefined> {
    const rows: DepositRow[] = await this.db.query(`SELECT * FROM deposits WHERE signature = $1`, [signature]);
    return rows[0];
  }

  private view(row: DepositRow, replayed: boolean): CreditedDeposit {
    return {
      status: 'credited',
      signature: row.signature,
      accountId: row.account_id,
      amountUsdc: formatBaseUnits(BigInt(row.amount_base_units), 6),
      amountUsd: new Decimal(row.amount_usd).toFixed(),
      binding: row.binding,
      slot: Number(row.slot),
      blockTime: row.block_time ? row.block_time.toISOString() : null,
      creditedAt: row.created_at.toISOString(),
      replayed,
    };
  }
}
