import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type JobState = 'pending' | 'routing' | 'submitted' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export const TERMINAL_JOB_STATES: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'cancelled']);

@Entity({ name: 'jobs' })
@Index('ux_jobs_account_idempotency_key', ['accountId', 'idempotencyKey'], { unique: true })
@Index('ix_jobs_state_next_run', ['state', 'nextRunAt'])
@Index('ix_jobs_account_created', ['accountId', 'createdAt'])
export class JobEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'account_id', type: 'text' })
  accountId!: string;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** sha256 of the canonical request, to tell a replay from a different body under the same key. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  /** The spec as Switchyard understood it. */
  @Column({ type: 'jsonb' })
  spec!: Record<string, unknown>;

  /** The routing requirements and policy derived from the spec. */
  @Column({ type: 'jsonb' })
  routing!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  warnings!: string[];

  @Column({ type: 'text' })
  state!: JobState;

  @Column({ name: 'state_reason', type: 'text', nullable: true })
  stateReason!: string | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts!: number;

  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt!: Date;

  /** When the dispatcher (pending) or reconciler (submitted/running) should look at the job next. */
  @Column({ name: 'next_run_at', type: 'timestamptz' })
  nextRunAt!: Date;

  /** A claim on the job while one worker routes it; an expired claim is recovered by any worker. */
  @Column({ name: 'claimed_until', type: 'timestamptz', nullable: true })
  claimedUntil!: Date | null;

  @Column({ name: 'current_attempt_id', type: 'uuid', nullable: true })
  currentAttemptId!: string | null;

  @Column({ name: 'cancel_requested', type: 'boolean', default: false })
  cancelRequested!: boolean;

  @Column({ name: 'cost_usd', type: 'numeric', default: 0 })
  costUsd!: string;

  /** What the job holds of its account's balance until it ends: its estimated total (one hour without a duration). */
  @Column({ name: 'held_usd', type: 'numeric', default: 0 })
  heldUsd!: string;

  /** What it holds of the account's max_usd_per_hour until it ends: its quoted USD/hour. */
  @Column({ name: 'held_usd_per_hour', type: 'numeric', default: 0 })
  heldUsdPerHour!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
