import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** USD per GPU-hour statistics of one network's offers for one GPU model, recorded at every sync. */
@Entity({ name: 'price_aggregates' })
@Index('ix_price_aggregates_model_at', ['gpuModel', 'at'])
export class PriceAggregateEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  network!: string;

  @Column({ name: 'gpu_model', type: 'text' })
  gpuModel!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'min_usd', type: 'numeric' })
  minUsd!: string;

  @Column({ name: 'median_usd', type: 'numeric' })
  medianUsd!: string;

  @Column({ name: 'max_usd', type: 'numeric' })
  maxUsd!: string;

  @Column({ type: 'integer' })
  offers!: number;

  @Column({ type: 'integer' })
  gpus!: number;
}
