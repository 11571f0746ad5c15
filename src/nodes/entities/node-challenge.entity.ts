import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { GpuDevice } from '../protocol/agent-wire';

/** open: waiting for the roots; committed: waiting for the rows; superseded: the inventory changed meanwhile. */
export type ChallengeState = 'open' | 'committed' | 'passed' | 'failed' | 'timeout' | 'superseded';

/** A verification challenge issued to a node, and how it went. */
@Entity({ name: 'node_challenges' })
@Index('ix_node_challenges_node_id_issued_at', ['nodeId', 'issuedAt'])
@Index('ix_node_challenges_state_deadline', ['state', 'deadline'])
export class NodeChallengeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  /** The seed (32 random bytes, hex). */
  @Column({ type: 'text' })
  nonce!: string;

  @Column({ type: 'text', default: 'gpu' })
  profile!: 'gpu' | 'simulated-demo';

  /** n: the products are n×n. */
  @Column({ type: 'integer', default: 0 })
  size!: number;

  @Column({ type: 'integer' })
  rounds!: number;

  /** The fp16 working set per GPU, MiB. */
  @Column({ name: 'memory_mb', type: 'integer' })
  memoryMb!: number;

  /** The inventory this challenge tests; passing it is what admits exactly this inventory. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  inventory!: GpuDevice[];

  /** The node's roots, one per GPU index. */
  @Column({ type: 'jsonb', nullable: true })
  commitment!: Array<{ gpuIndex: number; root: string }> | null;

  /** The rows asked for after the commit. */
  @Column({ type: 'jsonb', nullable: true })
  opening!: Array<{ gpuIndex: number; round: number; row: number; verified?: boolean }> | null;

  @Column({ type: 'text', nullable: true })
  prover!: string | null;

  @Column({ name: 'committed_at', type: 'timestamptz', nullable: true })
  committedAt!: Date | null;

  @Column({ name: 'open_deadline', type: 'timestamptz', nullable: true })
  openDeadline!: Date | null;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ type: 'text' })
  state!: ChallengeState;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  measurement!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
