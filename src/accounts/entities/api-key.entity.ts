import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from './account.entity';

/** An API key. Only its sha256 is stored; the key itself is shown once at creation. */
@Entity({ name: 'api_keys' })
@Index('ux_api_keys_hash', ['hash'], { unique: true })
@Index('ix_api_keys_account_id', ['accountId'])
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_api_keys_account_id' })
  account?: AccountEntity;

  @Column({ type: 'text' })
  name!: string;

  /** The first characters of the key, shown in listings so a person can tell keys apart. */
  @Column({ type: 'text' })
  prefix!: string;

  /** Hex sha256 of the whole key. */
  @Column({ type: 'text' })
  hash!: string;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  /** Overrides RATE_LIMIT_PER_MINUTE for this key; null = the default. */
  @Column({ name: 'rate_limit_per_minute', type: 'integer', nullable: true })
  rateLimitPerMinute!: number | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  /** Coarse: refreshed at most once a minute, so authentication is not a write per request. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
