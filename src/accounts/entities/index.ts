import { AccountEntity } from './account.entity';
import { ApiKeyEntity } from './api-key.entity';
import { DepositEntity } from './deposit.entity';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { LedgerTransactionEntity } from './ledger-transaction.entity';
import { RateLimitWindowEntity } from './rate-limit-window.entity';

export { AccountEntity, ApiKeyEntity, DepositEntity, LedgerEntryEntity, LedgerTransactionEntity, RateLimitWindowEntity };
export const ACCOUNT_ENTITIES = [AccountEntity, ApiKeyEntity, LedgerTransactionEntity, LedgerEntryEntity, DepositEntity, RateLimitWindowEntity];
