import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export type LedgerTransactionKind = 'deposit' | 'usage' | 'adjustment';

/** One balanced movement of money; its entries (ledger_entries) sum to zero. */
@Entity({ name: 'ledger_transactions' })
@Index('ux_ledger_transactions_reference', ['reference'], { unique: true })
@Index('ix_ledger_transactions_account_created', ['accountId', 'createdAt'])
export class LedgerTransactionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  kind!: LedgerTransactionKind;

  /** Idempotency key: `deposit:<signature>`, `usage:<attemptId>:<seq>`, `starting-credit:<accountId>`... */
  @Column({ type: 'text' })
  reference!: string;

  /** The customer account the transaction concerns (for listings); the entries are the truth. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'text', nullable: true })
  memo!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
