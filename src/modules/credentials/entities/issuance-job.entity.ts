import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export const JOB_STATUSES = ['QUEUED', 'RUNNING', 'DONE', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * A batch of credentials an issuer asked for at once. `failed` is counted in the statement that
 * fails a row; `done` is counted from the rows when the job finishes (while it runs, progress is
 * `total - failed -` its pending rows). The job is DONE when every row is settled and at least
 * one was issued, FAILED when none was.
 */
@Entity('issuance_job')
@Check('ck_issuance_job_status', `status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')`)
@Index('ix_issuance_job_issuer', ['issuerId', 'createdAt'])
@Index('ix_issuance_job_open', ['createdAt'], { where: `status IN ('QUEUED', 'RUNNING')` })
export class IssuanceJob {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  issuerId: string;

  // By name: another module owns the table, so only the foreign key is declared here.
  @ManyToOne('Issuer', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id', foreignKeyConstraintName: 'fk_issuance_job_issuer' })
  issuer?: never;

  @Column({ type: 'text' })
  status: JobStatus;

  @Column({ type: 'int' })
  total: number;

  /** Rows issued, counted when the job finishes: 0 until then. */
  @Column({ type: 'int', default: 0 })
  done: number;

  @Column({ type: 'int', default: 0 })
  failed: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
