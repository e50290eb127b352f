import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CredentialRecord } from '../../credentials/entities/credential.entity.js';

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

  @ManyToOne(() => CredentialRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_verification_event_credential',
  })
  credential?: Relation<CredentialRecord>;

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
