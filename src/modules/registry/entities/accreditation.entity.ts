import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { CredentialType } from '../../../vc/schemas.js';
import { Issuer } from './issuer.entity.js';

/** What an issuer may certify, where, and when. Ended accreditations stay as history. */
@Entity('accreditation')
@Check('ck_accreditation_dates', 'valid_until IS NULL OR valid_until >= valid_from')
@Index('ix_accreditation_issuer', ['issuerId', 'validFrom'])
export class Accreditation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  issuerId: string;

  @ManyToOne(() => Issuer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id', foreignKeyConstraintName: 'fk_accreditation_issuer' })
  issuer?: Relation<Issuer>;

  @Column({ type: 'text', array: true })
  credentialTypes: CredentialType[];

  /** Level range, in one framework's levels; null framework means any level. */
  @Column({ type: 'text', nullable: true })
  frameworkCode: string | null;

  @Column({ type: 'int', nullable: true })
  minLevel: number | null;

  @Column({ type: 'int', nullable: true })
  maxLevel: number | null;

  /** ISCED-F codes; a broad or narrow field covers its detailed fields. Empty: any field. */
  @Column({ type: 'text', array: true })
  iscedFields: string[];

  /** ISCO-08 codes; a group covers its unit groups. Empty: any occupation. */
  @Column({ type: 'text', array: true })
  occupations: string[];

  /** Occupational standard ids. Empty: any standard. */
  @Column({ type: 'text', array: true })
  standards: string[];

  /** Countries where the credentials have effect, ISO 3166-1 alpha-2. */
  @Column({ type: 'text', array: true })
  jurisdiction: string[];

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Column({ type: 'text' })
  accreditedBy: string;

  @Column({ type: 'text', nullable: true })
  legalReference: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;
}
