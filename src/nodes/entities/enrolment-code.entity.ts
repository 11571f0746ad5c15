import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An operator-issued, single-use registration code; only its sha256 is stored. */
@Entity({ name: 'node_enrolment_codes' })
@Index('ix_node_enrolment_codes_code_hash', ['codeHash'], { unique: true })
export class EnrolmentCodeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'code_hash', type: 'text' })
  codeHash!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'used_by', type: 'text', nullable: true })
  usedBy!: string | null;

  /** Issued by this service to its own demo agents: the node it enrols is simulated. */
  @Column({ type: 'boolean', default: false })
  simulated!: boolean;
}
