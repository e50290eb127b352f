import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed statement of the audit chain's head: "at `at`, entry `seq` had hash `hash`". Published
 * at `GET /audit/checkpoints`, so that a copy kept elsewhere exposes a later rewrite or a deleted
 * tail (see decision 0006).
 */
@Entity('audit_checkpoint')
@Index('ix_audit_checkpoint_seq', ['seq'])
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'pk_audit_checkpoint',
  })
  id: string;

  /** The audit entry the checkpoint covers (0: the empty chain). */
  @Column({ type: 'bigint' })
  seq: string;

  /** That entry's hash (64 zeros for the empty chain). */
  @Column({ type: 'text' })
  hash: string;

  /** When it was signed. */
  @Column({ type: 'timestamptz' })
  at: Date;

  /** The same statement as a credential signed with the registry's DID (eddsa-rdfc-2022). */
  @Column({ type: 'jsonb' })
  credential: Record<string, unknown>;
}
