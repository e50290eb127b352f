import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const RECOVERY_CODE_KINDS = ['PERSONAL', 'ASSISTED'] as const;
export type RecoveryCodeKind = (typeof RECOVERY_CODE_KINDS)[number];

/**
 * A single-use code that sets a new password without email, by its SHA-256 only.
 * - `PERSONAL`: one of the printable codes a holder is given at sign-up (or regenerates), bound
 *   to their holder.
 * - `ASSISTED`: issued, expiring, by an issuer or the registry operator who checked the person's
 *   identity, for one credential and the document they checked (its HMAC). It works after an
 *   erasure too: see docs/decisions (people-portal, account recovery).
 */
@Entity('holder_recovery_code')
@Check('ck_holder_recovery_code_kind', `kind IN ('PERSONAL', 'ASSISTED')`)
@Check(
  'ck_holder_recovery_code_fields',
  `(kind = 'PERSONAL' AND holder_id IS NOT NULL AND credential_id IS NULL AND document_hmac IS NULL) OR (kind = 'ASSISTED' AND holder_id IS NULL AND credential_id IS NOT NULL AND document_hmac IS NOT NULL AND expires_at IS NOT NULL AND issued_by IS NOT NULL)`,
)
@Index('ux_holder_recovery_code_hash', ['codeHash'], { unique: true })
@Index('ix_holder_recovery_code_holder', ['holderId'])
@Index('ix_holder_recovery_code_credential', ['credentialId'])
export class HolderRecoveryCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: RecoveryCodeKind;

  @Column({ type: 'text' })
  codeHash: string;

  /** The holder of a personal code. */
  @Column({ type: 'uuid', nullable: true })
  holderId: string | null;

  // By name: other modules own these tables, so only the foreign keys are declared here.
  @ManyToOne('Holder', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'fk_holder_recovery_code_holder' })
  holder?: never;

  /** The credential an assisted code recovers. */
  @Column({ type: 'uuid', nullable: true })
  credentialId: string | null;

  @ManyToOne('CredentialRecord', { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_holder_recovery_code_credential',
  })
  credential?: never;

  /** HMAC of the document the issuer or operator checked (assisted codes). */
  @Column({ type: 'text', nullable: true })
  documentHmac: string | null;

  /** The audit actor who issued an assisted code. */
  @Column({ type: 'text', nullable: true })
  issuedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
