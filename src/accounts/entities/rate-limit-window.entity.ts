import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Requests counted per key per fixed one-minute window, shared by every replica. The migration creates
 * the table UNLOGGED (no WAL: counters may be lost in a crash, which only forgives a minute of requests).
 */
@Entity({ name: 'rate_limit_windows' })
export class RateLimitWindowEntity {
  @PrimaryColumn({ type: 'text' })
  bucket!: string;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  count!: number;
}
