import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';

export const CASE_WORKER_STATUSES = ['PENDING', 'ACTIVE', 'DISABLED'] as const;
export type CaseWorkerStatus = (typeof CASE_WORKER_STATUSES)[number];

/**
 * A person who handles a competent authority's cases in the console, created by the registry
 * operator. They enrol with a one-time code (stored hashed), set a password (argon2id) and a TOTP
 * secret (sealed under KEY_ENCRYPTION_KEY). The authority is an issuer.
 */
@Entity('case_worker')
@Check('ck_case_worker_status', `status IN ('PENDING', 'ACTIVE', 'DISABLED')`)
@Index('ux_case_worker_login', ['login'], { unique: true })
@Index('ix_case_worker_authority', ['authorityId'])
@Index('ux_case_worker_enrolment_code', ['enrolmentCodeHash'], {
  unique: true,
  where: 'enrolment_code_hash IS NOT NULL',
})
export class CaseWorker {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  authorityId: string;

  // By name: the registry owns the issuer table, so only the foreign key is declared here.
  @ManyToOne('Issuer', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_id', foreignKeyConstraintName: 'fk_case_worker_authority' })
  authority?: never;

  @Column({ type: 'text' })
  name: string;

  /** The login name, lower case: an e-mail address or a user name. */
  @Column({ type: 'text' })
  login: string;

  @Column({ type: 'text' })
  status: CaseWorkerStatus;

  @Column({ type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  /** The TOTP secret, sealed and bound to this row; set at enrolment, confirmed by a first code. */
  @Column({ type: 'text', nullable: true, select: false })
  totpSecretSealed: string | null;

  /** The TOTP time step of the last code accepted: a code of that step or earlier is a replay. */
  @Column({ type: 'bigint', nullable: true })
  totpLastStep: string | null;

  /** SHA-256 of the one-time enrolment code; cleared once enrolled or disabled. */
  @Column({ type: 'text', nullable: true, select: false })
  enrolmentCodeHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  enrolmentExpiresAt: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  enrolledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;
}
