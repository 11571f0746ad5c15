import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type AttemptState = 'submitting' | 'submitted' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'lost';

/** One placement of a job on one offer. Its id is the network-side idempotency key. */
@Entity({ name: 'job_attempts' })
@Index('ux_job_attempts_job_n', ['jobId', 'n'], { unique: true })
@Index('ix_job_attempts_network_submitted', ['network', 'submittedAt'])
// The usage settlement sweep walks ended attempts whose charges are not all in the ledger yet.
@Index('ix_job_attempts_unsettled', ['finishedAt'], { where: 'usage_settled_at IS NULL' })
export class JobAttemptEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'job_id', type: 'uuid' })
  jobId!: string;

  @Column({ type: 'integer' })
  n!: number;

  @Column({ type: 'text' })
  network!: string;

  @Column({ name: 'offer_id', type: 'text' })
  offerId!: string;

  @Column({ name: 'provider_id', type: 'text' })
  providerId!: string;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ name: 'gpu_model', type: 'text' })
  gpuModel!: string;

  /** The routing decision that chose this offer: candidates, drop counts, explanation. */
  @Column({ type: 'jsonb' })
  decision!: Record<string, unknown>;

  /** The offer as it was routed (for resubmission after a crash with the same idempotency key). */
  @Column({ name: 'offer_snapshot', type: 'jsonb' })
  offerSnapshot!: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  placement!: Record<string, unknown> | null;

  @Column({ type: 'text' })
  state!: AttemptState;

  /** Effective USD per hour quoted for this attempt. */
  @Column({ name: 'quoted_usd_per_hour', type: 'numeric' })
  quotedUsdPerHour!: string;

  /** Effective USD per hour actually agreed (e.g. the accepted bid), when the network settles one. */
  @Column({ name: 'usd_per_hour', type: 'numeric' })
  usdPerHour!: string;

  @Column({ name: 'native_price', type: 'jsonb', nullable: true })
  nativePrice!: Record<string, unknown> | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** When every usage charge of the ended attempt was in the ledger; null while running or still owed. */
  @Column({ name: 'usage_settled_at', type: 'timestamptz', nullable: true })
  usageSettledAt!: Date | null;

  /** When the network last answered this placement's status (written at most once a minute). */
  @Column({ name: 'status_seen_at', type: 'timestamptz', nullable: true })
  statusSeenAt!: Date | null;

  @Column({ name: 'reached_running', type: 'boolean', default: false })
  reachedRunning!: boolean;

  /** Final outcome once the attempt ended (succeeded, failed, cancelled, lost). */
  @Column({ type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  error!: Record<string, unknown> | null;

  @Column({ name: 'cost_usd', type: 'numeric', default: 0 })
  costUsd!: string;
}
