import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type ChallengeState = 'open' | 'passed' | 'failed' | 'timeout';

/** A verification challenge issued to a node, and how it went. */
@Entity({ name: 'node_challenges' })
@Index('ix_node_challenges_node_id_issued_at', ['nodeId', 'issuedAt'])
@Index('ix_node_challenges_state_deadline', ['state', 'deadline'])
export class NodeChallengeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  nonce!: string;

  @Column({ type: 'integer' })
  rounds!: number;

  @Column({ name: 'memory_mb', type: 'integer' })
  memoryMb!: number;

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
