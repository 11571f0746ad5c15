import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A scope (offer, provider, region, network, account) kept out of routing for a while after a failure. */
@Entity({ name: 'routing_blocks' })
@Index('ix_routing_blocks_until', ['until'])
export class RoutingBlockEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  scope!: string;

  @Column({ type: 'text' })
  network!: string;

  @Column({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'timestamptz' })
  until!: Date;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
