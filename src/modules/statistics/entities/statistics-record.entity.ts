import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One certification as statistics count it: its dimensions and its annex, keyed by a pseudonym
 * of the holder (an HMAC no other table holds), never by the holder or the credential, so that
 * the table alone identifies no one and joins to nothing.
 */
@Entity('statistics_record')
@Check('ck_statistics_record_month', 'extract(day FROM issued_month) = 1')
@Check(
  'ck_statistics_record_decision_outcome',
  "decision_outcome IN ('GRANTED', 'GRANTED_WITH_CONDITIONS', 'DENIED')",
)
@Index('ix_statistics_record_subject', ['subjectKey'])
export class StatisticsRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** HMAC-SHA256 of the holder id under a key derived from HOLDER_ID_PEPPER. */
  @Column({ type: 'text' })
  subjectKey: string;

  @Column({ type: 'text' })
  issuerSlug: string;

  @Column({ type: 'char', length: 2 })
  issuerCountry: string;

  @Column({ type: 'text' })
  credentialType: string;

  /** The month of issuance (first day): finer time is not needed and not kept. */
  @Column({ type: 'date' })
  issuedMonth: string;

  @Column({ type: 'char', length: 1, nullable: true })
  iscoMajor: string | null;

  @Column({ type: 'smallint', nullable: true })
  metaLevel: number | null;

  @Column({ type: 'text', nullable: true })
  sex: string | null;

  @Column({ type: 'char', length: 2, nullable: true })
  nationality: string | null;

  @Column({ type: 'text', nullable: true })
  migrationStatus: string | null;

  @Column({ type: 'text', nullable: true })
  ageBand: string | null;

  @Column({ type: 'text', nullable: true })
  disability: string | null;

  @Column({ type: 'text', nullable: true })
  ethnicity: string | null;

  /** A recognition decision's outcome; null for every other credential. */
  @Column({ type: 'text', nullable: true })
  decisionOutcome: string | null;

  /** The country of the title a recognition decision recognised, when its subject names it. */
  @Column({ type: 'char', length: 2, nullable: true })
  originCountry: string | null;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
