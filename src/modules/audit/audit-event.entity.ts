import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { AuditEntryColumns } from './audit-entry.columns.js';

/** One entry of the append-only, hash-chained audit log. Never updated, never deleted. */
@Entity('audit_event')
@Index('ix_audit_event_subject', ['subject'])
export class AuditEvent extends AuditEntryColumns {
  @PrimaryColumn({ type: 'bigint' })
  seq: string;

  @Column({ type: 'text' })
  prevHash: string;

  @Column({ type: 'text' })
  hash: string;

  /** The intake row it was chained from (decision 0020); null for older entries. */
  @Index('ux_audit_event_intake_id', { unique: true, where: 'intake_id IS NOT NULL' })
  @Column({ type: 'bigint', nullable: true, select: false })
  intakeId: string | null;
}
