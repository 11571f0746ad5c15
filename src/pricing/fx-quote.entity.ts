import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FxSourceVerdict } from './fx/fx-aggregate';

/** A token→USD quote as the FX service settled it, with every source's answer (provenance). */
@Entity({ name: 'fx_quotes' })
@Index('ix_fx_quotes_asset_observed_at', ['asset', 'observedAt'])
export class FxQuoteEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  asset!: string;

  @Column({ type: 'numeric' })
  usd!: string;

  /** `pyth-hermes`, `median(pyth-solana,pyth-hermes)`, `static:operator-override`, `peg:akash-bme-act-usd`… */
  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'numeric' })
  confidence!: string;

  /** (max − min) / median of the sources used. */
  @Column({ type: 'numeric' })
  spread!: string;

  @Column({ type: 'jsonb' })
  sources!: FxSourceVerdict[];

  @Column({ name: 'publish_time', type: 'timestamptz' })
  publishTime!: Date;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  @Column({ type: 'boolean' })
  stale!: boolean;

  @Column({ name: 'stale_after', type: 'timestamptz' })
  staleAfter!: Date;
}

export const PRICING_ENTITIES = [FxQuoteEntity];
