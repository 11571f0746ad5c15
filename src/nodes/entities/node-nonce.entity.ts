import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A request nonce a node has used, kept for the signature window so a replay is refused on every replica. */
@Entity({ name: 'node_nonces' })
@Index('ix_node_nonces_seen_at', ['seenAt'])
export class NodeNonceEntity {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @PrimaryColumn({ type: 'text' })
  nonce!: string;

  @Column({ name: 'seen_at', type: 'timestamptz' })
  seenAt!: Date;
}
