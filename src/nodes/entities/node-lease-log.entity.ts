import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One log line a node streamed for a lease, in arrival order. */
@Entity({ name: 'node_lease_logs' })
@Index('ix_node_lease_logs_lease_id_id', ['leaseId', 'id'])
export class NodeLeaseLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'lease_id', type: 'text' })
  leaseId!: string;

  @Column({ type: 'text' })
  line!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
