// What accounts need of the money, which billing owns: an account's balance and ledger lines, and its starting
// credit. Accounts sit below billing (LAYERS), so they own this interface and its token; BillingModule binds it.
import type { EntityManager } from 'typeorm';

/** One line of an account's ledger, as the account's owner sees it. */
export interface AccountLedgerLine {
  transactionId: string;
  kind: string;
  reference: string;
  memo: string | null;
  amountUsd: string;
  createdAt: string;
}

export interface AccountFunds {
  /** The account's balance in USD, as a decimal string. */
  balance(accountId: string, manager?: EntityManager): Promise<string>;
  /** The account's ledger lines, newest first. */
  history(accountId: string, limit?: number): Promise<AccountLedgerLine[]>;
  /** Credits a new account's starting credit (once per account), inside the caller's transaction. */
  grantStartingCredit(manager: EntityManager, accountId: string, usd: string, memo: string): Promise<void>;
}

/** The Nest injection token for AccountFunds (provided by BillingModule). */
export const ACCOUNT_FUNDS = Symbol('ACCOUNT_FUNDS');
