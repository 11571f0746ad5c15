import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { LedgerTransactionEntity } from './ledger-transaction.entity';

/**
 * One leg of a ledger transaction. `ledger_account` names who holds the value (`account:<uuid>`,
 * `treasury:usdc`, `revenue:usage`, `promotions:starting-credit`); `amount` is signed USD, and a customer's
 * balance is the sum of its `account:<uuid>` entries. A deferred constraint trigger (see the migration)
 * refuses to commit a transaction whose entries do not sum to zero.
 */
@Entity({ name: 'ledger_entries' })
@Index('ix_ledger_entries_ledger_account', ['ledgerAccount'])
@Index('ix_ledger_entries_transaction_id', ['transactionId'])
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'transaction_id', type: 'uuid' })
  transactionId!: string;

  @ManyToOne(() => LedgerTransactionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'transaction_id', foreignKeyConstraintName: 'fk_ledger_entries_transaction_id' })
  transaction?: LedgerTransactionEntity;

  @Column({ name: 'ledger_account', type: 'text' })
  ledgerAccount!: string;

  @Column({ type: 'numeric' })
  amount!: string;
}
