import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One row per loaded network: what it is, and how its last sync went. */
@Entity({ name: 'networks' })
export class NetworkStateEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ name: 'plugin_version', type: 'text' })
  pluginVersion!: string;

  @Column({ type: 'boolean', default: false })
  simulated!: boolean;

  @Column({ name: 'last_sync_started_at', type: 'timestamptz', nullable: true })
  lastSyncStartedAt!: Date | null;

  @Column({ name: 'last_sync_finished_at', type: 'timestamptz', nullable: true })
  lastSyncFinishedAt!: Date | null;

  @Column({ name: 'last_sync_ok', type: 'boolean', nullable: true })
  lastSyncOk!: boolean | null;

  @Column({ name: 'last_sync_duration_ms', type: 'integer', nullable: true })
  lastSyncDurationMs!: number | null;

  @Column({ name: 'last_sync_offers', type: 'integer', default: 0 })
  lastSyncOffers!: number;

  @Column({ name: 'last_sync_quarantined', type: 'integer', default: 0 })
  lastSyncQuarantined!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_good_sync_at', type: 'timestamptz', nullable: true })
  lastGoodSyncAt!: Date | null;

  @Column({ name: 'snapshot_version', type: 'bigint', default: 0 })
  snapshotVersion!: string;

  /** When the network's offers now in the pool were published; every offer of one publish shares it. */
  @Column({ name: 'snapshot_published_at', type: 'timestamptz', nullable: true })
  snapshotPublishedAt!: Date | null;

  /** When those offers expire, all together (a failed sync keeps them until then). */
  @Column({ name: 'snapshot_expires_at', type: 'timestamptz', nullable: true })
  snapshotExpiresAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
