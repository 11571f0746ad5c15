import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'health_samples' })
@Index('ix_health_samples_network_at', ['network', 'at'])
export class HealthSampleEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  network!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'numeric', precision: 5, scale: 4 })
  score!: string;

  @Column({ type: 'text' })
  state!: 'healthy' | 'degraded' | 'down';

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'jsonb' })
  parts!: Record<string, unknown>;
}
