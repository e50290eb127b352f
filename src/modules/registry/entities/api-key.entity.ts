import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Issuer } from './issuer.entity.js';

/** An issuer's API key; only its SHA-256 is stored, the key itself is shown once. */
@Entity('api_key')
@Index('ux_api_key_hash', ['keyHash'], { unique: true })
@Index('ix_api_key_issuer', ['issuerId'])
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  issuerId: string;

  @ManyToOne(() => Issuer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id', foreignKeyConstraintName: 'fk_api_key_issuer' })
  issuer?: Relation<Issuer>;

  /** The first characters of the key, enough to recognise it in a list. */
  @Column({ type: 'text' })
  displayPrefix: string;

  @Column({ type: 'text', select: false })
  keyHash: string;

  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
