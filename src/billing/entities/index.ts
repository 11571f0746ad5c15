import { DepositEntity } from './deposit.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { LedgerTransactionEntity } from './ledger-transaction.entity';

export { DepositEntity, LedgerEntryEntity, LedgerTransactionEntity };
export const BILLING_ENTITIES = [LedgerTransactionEntity, LedgerEntryEntity, DepositEntity];
