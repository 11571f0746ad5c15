import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A published offer: the network's words (native price, labels, raw record) and Switchyard's reading of them. */
@Entity({ name: 'offers' })
export class OfferEntity {
  @PrimaryColumn({ type: 'text' })
  network!: string;

  @PrimaryColumn({ name: 'offer_id', type: 'text' })
  offerId!: string;

  @Column({ name: 'provider_id', type: 'text' })
  providerId!: string;

  @Column({ name: 'provider_name', type: 'text', nullable: true })
  providerName!: string | null;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'text', nullable: true })
  country!: string | null;

  /** The network's own provider attributes (e.g. a Filecoin miner id), which its adapter needs to place a job. */
  @Column({ name: 'provider_attributes', type: 'jsonb', nullable: true })
  providerAttributes!: Record<string, string> | null;

  @Column({ name: 'gpu_label', type: 'text' })
  gpuLabel!: string;

  /** Canonical catalog id. */
  @Column({ name: 'gpu_model', type: 'text' })
  gpuModel!: string;

  @Column({ name: 'gpu_count', type: 'integer' })
  gpuCount!: number;

  @Column({ name: 'gpu_vram_gb', type: 'numeric' })
  gpuVramGb!: string;

  @Column({ name: 'fixed_count', type: 'boolean', default: false })
  fixedCount!: boolean;

  @Column({ type: 'numeric', nullable: true })
  cpu!: string | null;

  @Column({ name: 'memory_gb', type: 'numeric', nullable: true })
  memoryGb!: string | null;

  @Column({ name: 'disk_gb', type: 'numeric', nullable: true })
  diskGb!: string | null;

  @Column({ name: 'native_price', type: 'jsonb' })
  nativePrice!: Record<string, unknown>;

  @Column({ name: 'price_kind', type: 'text' })
  priceKind!: 'firm' | 'estimate';

  @Column({ name: 'usd_per_gpu_hour', type: 'numeric' })
  usdPerGpuHour!: string;

  @Column({ name: 'usd_per_hour', type: 'numeric' })
  usdPerHour!: string;

  /** FX quotes used, with source, publish time and confidence. */
  @Column({ type: 'jsonb' })
  provenance!: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  signals!: Record<string, unknown>;

  @Column({ name: 'observed_at', type: 'timestamptz' })
  observedAt!: Date;

  @Column({ type: 'jsonb', nullable: true })
  raw!: unknown;

  /** Digest of every column a sync writes but the observation time and the provenance: unchanged offers only get those rewritten. */
  @Column({ name: 'content_hash', type: 'text', nullable: true })
  contentHash!: string | null;
}
