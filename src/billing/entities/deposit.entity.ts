import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A credited USDC deposit on Solana. The signature is the primary key: a deposit is credited once. */
@Entity({ name: 'deposits' })
@Index('ix_deposits_account_created', ['accountId', 'createdAt'])
export class DepositEntity {
  @PrimaryColumn({ type: 'text' })
  signature!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /** Net USDC base units (6 decimals) that reached the treasury's token accounts. */
  @Column({ name: 'amount_base_units', type: 'numeric' })
  amountBaseUnits!: string;

  @Column({ name: 'amount_usd', type: 'numeric' })
  amountUsd!: string;

  @Column({ type: 'text' })
  mint!: string;

  @Column({ name: 'treasury_owner', type: 'text' })
  treasuryOwner!: string;

  /** How the transaction named the account: its reference key among the account keys, or a memo. */
  @Column({ type: 'text' })
  binding!: 'reference' | 'memo';

  @Column({ type: 'bigint' })
  slot!: string;

  @Column({ name: 'block_time', type: 'timestamptz', nullable: true })
  blockTime!: Date | null;

  @Column({ name: 'ledger_transaction_id', type: 'uuid' })
  ledgerTransactionId!: string;

  /** The RPC's getTransaction answer, kept for audit. */
  @Column({ type: 'jsonb' })
  raw!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
