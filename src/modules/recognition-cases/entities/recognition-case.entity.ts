import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { CaseOutcome, CaseStatus, LegalisationRoute } from '../recognition-cases.constants.js';
import type { ProcedureRoute } from '../procedure-rules.js';

/** What the registry attached at submission: each credential's verification and the pre-assessment. */
export interface CaseEvidence {
  credentials: {
    id: string;
    type: string;
    sha256: string;
    status: string;
    verified: boolean;
    summary: Record<string, unknown>;
  }[];
  preAssessment: Record<string, unknown> | null;
}

export interface CaseDecision {
  outcome: CaseOutcome;
  decisionNumber: string;
  decisionDate: string;
  route: ProcedureRoute;
  equivalentTitle: string | null;
  equivalentLevel: { framework: string; level: number } | null;
  effects: string[];
  conditions: { kind: string; description: string }[];
  reasons: string[];
  assuranceLevel: string;
}

/**
 * A holder's request to a competent authority to recognise credentials from their records, with
 * the evidence the registry attached, the legal clock and, once decided, the decision.
 */
@Entity('recognition_case')
@Check(
  'ck_recognition_case_status',
  `status IN ('SUBMITTED', 'IN_REVIEW', 'INFO_REQUESTED', 'DECIDED', 'WITHDRAWN')`,
)
@Index('ix_recognition_case_holder', ['holderId', 'submittedAt'])
@Index('ix_recognition_case_authority', ['authorityId', 'status'])
export class RecognitionCase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  holderId: string;

  // By name: other modules own these tables, so only the foreign keys are declared here.
  @ManyToOne('Holder', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'fk_recognition_case_holder' })
  holder?: never;

  @Column({ type: 'uuid' })
  authorityId: string;

  @ManyToOne('Issuer', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'authority_id', foreignKeyConstraintName: 'fk_recognition_case_authority' })
  authority?: never;

  @Column({ type: 'text' })
  destinationCountry: string;

  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text' })
  route: ProcedureRoute;

  @Column({ type: 'text' })
  legalisation: LegalisationRoute;

  @Column({ type: 'text' })
  status: CaseStatus;

  @Column({ type: 'uuid', array: true })
  credentialIds: string[];

  /** The origin institution and programme of the title, for precedents. */
  @Column({ type: 'text', nullable: true })
  originInstitution: string | null;

  @Column({ type: 'text', nullable: true })
  originProgramme: string | null;

  @Column({ type: 'text', array: true })
  standardIds: string[];

  @Column({ type: 'jsonb' })
  evidence: CaseEvidence;

  @Column({ type: 'int' })
  termDays: number;

  /** The day the legal clock (re)started; null while it is stopped. */
  @Column({ type: 'date', nullable: true })
  clockSince: string | null;

  @Column({ type: 'int' })
  daysUsed: number;

  @Column({ type: 'jsonb', nullable: true })
  decision: CaseDecision | null;

  @Column({ type: 'uuid', nullable: true })
  decisionCredentialId: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
