import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { DOCUMENT_TYPES, type DocumentType } from '../holder-identity.js';
import { Holder } from './holder.entity.js';

/**
 * An identity document a holder is known by. The number is never stored: only its keyed hash
 * (see `documentHmac`) and its last four characters, enough for the holder to recognise it.
 */
@Entity('identity_document')
@Check(
  'ck_identity_document_type',
  `type IN (${DOCUMENT_TYPES.map((type) => `'${type}'`).join(', ')})`,
)
@Index('ux_identity_document_number', ['type', 'issuingCountry', 'numberHmac'], { unique: true })
@Index('ix_identity_document_holder', ['holderId'])
export class IdentityDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  holderId: string;

  @ManyToOne(() => Holder, (holder) => holder.documents, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'fk_identity_document_holder' })
  holder?: Relation<Holder>;

  @Column({ type: 'text' })
  type: DocumentType;

  /** ISO 3166-1 alpha-2 code of the country that issued the document. */
  @Column({ type: 'char', length: 2 })
  issuingCountry: string;

  /** HMAC-SHA-256 (hex) of `<type>|<country>|<normalised number>` under HOLDER_ID_PEPPER. */
  @Column({ type: 'text' })
  numberHmac: string;

  /** The last four characters of the normalised number. */
  @Column({ type: 'text' })
  last4: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
