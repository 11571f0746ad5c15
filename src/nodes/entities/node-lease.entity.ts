import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AgentJob } from '../protocol/agent-wire';

/**
 * queued → assigned (handed to the agent) → starting (acknowledged) → running → succeeded | failed;
 * cancelled by the market at any point; expired when the agent does not fetch, acknowledge or renew in time.
 */
export type LeaseState = 'queued' | 'assigned' | 'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'expired';
export const ACTIVE_LEASE_STATES: LeaseState[] = ['queued', 'assigned', 'starting', 'running'];

/** A job placed on one native node: the placement the native adapter sees. */
@Entity({ name: 'node_leases' })
@Index('ix_node_leases_idempotency_key', ['idempotencyKey'], { unique: true })
@Index('ix_node_leases_node_id_state', ['nodeId', 'state'])
@Index('ix_node_leases_state_expires_at', ['state', 'expiresAt'])
export class NodeLeaseEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ name: 'offer_id', type: 'text' })
  offerId!: string;

  @Column({ type: 'integer' })
  gpus!: number;

  @Column({ name: 'gpu_indexes', type: 'jsonb' })
  gpuIndexes!: number[];

  /** The job as the market placed it (validated by the market request schema before it is stored). */
  @Column({ type: 'jsonb' })
  job!: AgentJob;

  @Column({ name: 'price_amount', type: 'numeric' })
  priceAmount!: string;

  @Column({ name: 'price_asset', type: 'text' })
  priceAsset!: string;

  @Column({ type: 'text' })
  state!: LeaseState;

  @Column({ name: 'cancel_requested', type: 'boolean', default: false })
  cancelRequested!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The deadline of the current step: fetch, acknowledge, or renew. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'exit_code', type: 'integer', nullable: true })
  exitCode!: number | null;

  @Column({ type: 'text', nullable: true })
  message!: string | null;
}
