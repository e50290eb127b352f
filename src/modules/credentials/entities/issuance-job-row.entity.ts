import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { CredentialRecord } from './credential.entity.js';
import { IssuanceJob } from './issuance-job.entity.js';

export const JOB_ROW_STATUSES = ['PENDING', 'DONE', 'FAILED'] as const;
export type JobRowStatus = (typeof JOB_ROW_STATUSES)[number];

/**
 * One row of a batch, keyed by job and row number. A runner claims pending rows for a while
 * (`claimed_by`, `claimed_at`); the statement that stores a row's credential also marks the row
 * DONE, and only while the row is still PENDING and claimed by that runner, so a row is issued
 * once whatever crashes in between.
 */
@Entity('issuance_job_row')
@Check('ck_issuance_job_row_status', `status IN ('PENDING', 'DONE', 'FAILED')`)
@Check('ck_issuance_job_row_payload', `(status = 'PENDING') = (payload IS NOT NULL)`)
@Index('ux_issuance_job_row_credential', ['credentialId'], { unique: true })
@Index('ix_issuance_job_row_pending', ['jobId', 'rowNo'], { where: `status = 'PENDING'` })
export class IssuanceJobRow {
  @PrimaryColumn({ type: 'uuid' })
  jobId: string;

  @ManyToOne(() => IssuanceJob, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'job_id', foreignKeyConstraintName: 'fk_issuance_job_row_job' })
  job?: Relation<IssuanceJob>;

  /** The row's position in the submitted batch, from 0. */
  @PrimaryColumn({ type: 'int' })
  rowNo: number;

  /**
   * What to issue, checked at submission: no document number, only the resolved holder. Kept
   * while the row is pending; the statement that settles the row clears it.
   */
  @Column({ type: 'jsonb', nullable: true })
  payload: Record<string, unknown> | null;

  @Column({ type: 'text' })
  status: JobRowStatus;

  @Column({ type: 'uuid', nullable: true })
  credentialId: string | null;

  @ManyToOne(() => CredentialRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_issuance_job_row_credential',
  })
  credential?: Relation<CredentialRecord>;

  /**
   * The credential's claim code sealed under KEY_ENCRYPTION_KEY, kept until the issuer downloads
   * it once (or it expires); the credential itself stores only its hash.
   */
  @Column({ type: 'text', nullable: true, select: false })
  sealedClaimCode: string | null;

  @Column({ type: 'text', nullable: true })
  errorCode: string | null;

  @Column({ type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  claimedBy: string | null;
}
