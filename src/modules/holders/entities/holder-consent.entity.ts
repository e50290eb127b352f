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

/** What a holder may consent to: being counted in statistics; being findable by public employment services. */
export const CONSENT_PURPOSES = ['STATISTICS', 'EMPLOYMENT_SERVICES_SEARCH'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Who set a consent: the default at registration, the holder, or the erasure of the account. */
export const CONSENT_SOURCES = ['DEFAULT', 'HOLDER', 'ERASURE'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** One consent decision; append-only, the latest per purpose is in force. */
@Entity('holder_consent')
@Check('ck_holder_consent_purpose', `purpose IN (${list(CONSENT_PURPOSES)})`)
@Check('ck_holder_consent_source', `source IN (${list(CONSENT_SOURCES)})`)
@Index('ix_holder_consent_holder', ['holderId', 'purpose', 'at'])
export class HolderConsent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  holderId: string;

  // By name: another module owns the table, so only the foreign key is declared here.
  @ManyToOne('Holder', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'fk_holder_consent_holder' })
  holder?: never;

  @Column({ type: 'text' })
  purpose: ConsentPurpose;

  @Column({ type: 'boolean' })
  granted: boolean;

  @Column({ type: 'text' })
  source: ConsentSource;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
