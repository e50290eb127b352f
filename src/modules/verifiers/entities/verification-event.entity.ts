import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One check of a credential through a link: when, the declared country and purpose, the outcome.
 * Nothing about the verifier is kept (no address, no agent).
 */
@Entity('verification_event')
@Index('ix_verification_event_credential', ['credentialId', 'at'])
export class VerificationEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  credentialId: string;

  // By name: another module owns the table, so only the foreign key is declared here.
  @ManyToOne('CredentialRecord', { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_verification_event_credential',
  })
  credential?: never;

  /** The share the link belonged to; null for the permanent verify link. */
  @Column({ type: 'uuid', nullable: true })
  shareId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'char', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  /** The verification status (VALID, REVOKED…). */
  @Column({ type: 'text' })
  status: string;

  /** The recognition outcome, when a country was given. */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;
}
