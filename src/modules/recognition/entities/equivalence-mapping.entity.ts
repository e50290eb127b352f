import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { MappingKind, SoftConditionCode } from '../recognition.constants.js';
import { Agreement } from './agreement.entity.js';

/**
 * Within an agreement and one of its directions: what a standard, meta level or occupation of the
 * origin is worth in the destination (a standard, a level or a title), FULL, PARTIAL or NONE.
 */
@Entity('equivalence_mapping')
@Check('ck_equivalence_mapping_kind', `"kind" IN ('FULL', 'PARTIAL', 'NONE')`)
@Check(
  'ck_equivalence_mapping_from',
  `"from_standard_id" IS NOT NULL OR "from_meta_level" IS NOT NULL OR "from_isco" IS NOT NULL`,
)
@Check('ck_equivalence_mapping_to_level', `("to_framework" IS NULL) = ("to_level" IS NULL)`)
@Index('ix_equivalence_mapping_route', ['agreementId', 'originCountry', 'destinationCountry'])
export class EquivalenceMapping {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_equivalence_mapping' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  agreementId: string;

  @ManyToOne(() => Agreement, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'agreement_id',
    foreignKeyConstraintName: 'fk_equivalence_mapping_agreement',
  })
  agreement?: Relation<Agreement>;

  @Column({ type: 'char', length: 2 })
  @ForeignKey('Country', { name: 'fk_equivalence_mapping_origin_country' })
  originCountry: string;

  @Column({ type: 'char', length: 2 })
  @ForeignKey('Country', { name: 'fk_equivalence_mapping_destination_country' })
  destinationCountry: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  @ForeignKey('OccupationalStandard', { name: 'fk_equivalence_mapping_from_standard' })
  fromStandardId: string | null;

  @Column({ type: 'smallint', nullable: true })
  fromMetaLevel: number | null;

  @Column({ type: 'varchar', length: 4, nullable: true })
  @ForeignKey('Isco08Group', { name: 'fk_equivalence_mapping_from_isco' })
  fromIsco: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  @ForeignKey('OccupationalStandard', { name: 'fk_equivalence_mapping_to_standard' })
  toStandardId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  toFramework: string | null;

  @Column({ type: 'smallint', nullable: true })
  toLevel: number | null;

  @Column({ type: 'text', nullable: true })
  toTitle: string | null;

  @Column({ type: 'text' })
  kind: MappingKind;

  @Column({ type: 'text', array: true })
  missingUnits: string[];

  @Column({ type: 'text', array: true })
  conditions: SoftConditionCode[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
