import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { GpuDevice } from '../protocol/agent-wire';

/** A native worker node, identified by its Ed25519 public key (base58, a Solana address). */
@Entity({ name: 'nodes' })
@Index('ix_nodes_last_heartbeat_at', ['lastHeartbeatAt'])
export class NodeEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text', nullable: true })
  name!: string | null;

  @Column({ type: 'text' })
  executor!: 'docker' | 'process';

  @Column({ name: 'agent_version', type: 'text' })
  agentVersion!: string;

  /** The inventory the coordinator accepted (at registration or after a passed re-verification). */
  @Column({ type: 'jsonb' })
  inventory!: GpuDevice[];

  /** The inventory in the latest heartbeat. */
  @Column({ name: 'reported_inventory', type: 'jsonb' })
  reportedInventory!: GpuDevice[];

  @Column({ name: 'price_amount', type: 'numeric' })
  priceAmount!: string;

  @Column({ name: 'price_asset', type: 'text' })
  priceAsset!: string;

  @Column({ name: 'payout_wallet', type: 'text' })
  payoutWallet!: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'first_heartbeat_at', type: 'timestamptz', nullable: true })
  firstHeartbeatAt!: Date | null;

  @Column({ name: 'last_heartbeat_at', type: 'timestamptz', nullable: true })
  lastHeartbeatAt!: Date | null;

  @Column({ name: 'heartbeat_count', type: 'integer', default: 0 })
  heartbeatCount!: number;

  @Column({ name: 'flag_reason', type: 'text', nullable: true })
  flagReason!: string | null;

  @Column({ name: 'blocked_reason', type: 'text', nullable: true })
  blockedReason!: string | null;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt!: Date | null;

  /** 'gpu' or 'cpu': what the last passed probe actually measured. */
  @Column({ name: 'verification_kind', type: 'text', nullable: true })
  verificationKind!: 'gpu' | 'cpu' | null;

  @Column({ name: 'verification_note', type: 'text', nullable: true })
  verificationNote!: string | null;

  @Column({ name: 'challenges_passed', type: 'integer', default: 0 })
  challengesPassed!: number;

  @Column({ name: 'challenges_failed', type: 'integer', default: 0 })
  challengesFailed!: number;

  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures!: number;

  /** A built-in demo agent (enrolled with a simulated code): gets CPU-sized challenges; never a real node. */
  @Column({ type: 'boolean', default: false })
  simulated!: boolean;

  /** When the next re-challenge is due (drawn at random after each pass). */
  @Column({ name: 'next_challenge_at', type: 'timestamptz', nullable: true })
  nextChallengeAt!: Date | null;
}
