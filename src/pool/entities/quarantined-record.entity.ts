import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An upstream record that was not published, with the reason: counted and visible, never silently dropped. */
@Entity({ name: 'quarantined_records' })
@Index('ix_quarantined_network_created', ['network', 'createdAt'])
export class QuarantinedRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  network!: string;

  @Column({ name: 'sync_run_id', type: 'bigint', nullable: true })
  syncRunId!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb', nullable: true })
  raw!: unknown;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
