import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A customer of the API: owns keys, a USD balance (its ledger entries) and spending limits. */
@Entity({ name: 'accounts' })
@Index('ux_accounts_deposit_reference', ['depositReference'], { unique: true })
export class AccountEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Cap on the summed USD/hour of the account's unfinished jobs (queued or running); null = no cap. */
  @Column({ name: 'max_usd_per_hour', type: 'numeric', nullable: true })
  maxUsdPerHour!: string | null;

  /** Cap on one job's estimated total USD; null = no cap. */
  @Column({ name: 'max_usd_per_job', type: 'numeric', nullable: true })
  maxUsdPerJob!: string | null;

  /** USD its unfinished jobs hold of the balance (each job's estimated total, released as it ends). */
  @Column({ name: 'held_usd', type: 'numeric', default: 0 })
  heldUsd!: string;

  /** USD/hour its unfinished jobs hold against max_usd_per_hour (each job's quoted price). */
  @Column({ name: 'held_usd_per_hour', type: 'numeric', default: 0 })
  heldUsdPerHour!: string;

  /** Solana Pay-style reference public key (base58) that binds a USDC deposit to this account. */
  @Column({ name: 'deposit_reference', type: 'text' })
  depositReference!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
