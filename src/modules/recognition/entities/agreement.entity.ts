import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { AgreementCondition, FieldRestriction } from '../recognition-engine.js';
import type {
  AgreementKind,
  AgreementMode,
  AgreementStatus,
  EquivalenceRule,
  Purpose,
} from '../recognition.constants.js';

/** A recognition agreement: who recognises what from where, for what, under which conditions. */
@Entity('agreement')
@Check('ck_agreement_id', `"id" ~ '^[a-z][a-z0-9]*(-[a-z0-9]+)*$'`)
@Check('ck_agreement_kind', `"kind" IN ('BILATERAL', 'MULTILATERAL', 'PILOT', 'UNILATERAL_POLICY')`)
@Check('ck_agreement_mode', `"mode" IN ('AUTOMATIC', 'ON_REQUEST', 'CASE_BY_CASE')`)
@Check('ck_agreement_status', `"status" IN ('IN_FORCE', 'SUSPENDED', 'TERMINATED')`)
@Check('ck_agreement_equivalence_rule', `"equivalence_rule" IN ('SAME_OCCUPATION_SAME_LEVEL')`)
@Check('ck_agreement_dates', `"valid_to" IS NULL OR "valid_to" >= "valid_from"`)
@Check(
  'ck_agreement_meta_levels',
  `"meta_level_min" IS NULL OR "meta_level_max" IS NULL OR "meta_level_min" <= "meta_level_max"`,
)
export class Agreement {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_agreement' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  legalInstrument: string;

  @Column({ type: 'text' })
  kind: AgreementKind;

  @Column({ type: 'text', array: true })
  credentialTypes: string[];

  /** Meta level (MRR-LAC) range; null, unbounded. */
  @Column({ type: 'smallint', nullable: true })
  metaLevelMin: number | null;

  @Column({ type: 'smallint', nullable: true })
  metaLevelMax: number | null;

  @Column({ type: 'text', array: true })
  iscedFields: string[];

  @Column({ type: 'text', array: true })
  occupations: string[];

  @Column({ type: 'text', array: true })
  standards: string[];

  @Column({ type: 'text', array: true })
  purposes: Purpose[];

  @Column({ type: 'text' })
  mode: AgreementMode;

  @Column({ type: 'text', array: true })
  acceptsDecisionsFrom: string[];

  @Column({ type: 'jsonb' })
  conditions: AgreementCondition[];

  @Column({ type: 'jsonb' })
  fieldRestrictions: FieldRestriction[];

  @Column({ type: 'text', nullable: true })
  equivalenceRule: EquivalenceRule | null;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  /** Today's status; answers for a date read the status history. */
  @Column({ type: 'text' })
  status: AgreementStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /** Touched by every change to the agreement or its mappings. */
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
