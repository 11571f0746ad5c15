import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every state change of a job, with time and reason: the job's timeline. */
@Entity({ name: 'job_events' })
@Index('ix_job_events_job_id', ['jobId', 'id'])
export class JobEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'from_state', type: 'text', nullable: true })
  fromState!: string | null;

  @Column({ name: 'to_state', type: 'text', nullable: true })
  toState!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;
}
