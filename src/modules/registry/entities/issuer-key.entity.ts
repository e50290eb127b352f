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
import type { KeyStatus } from '../registry.constants.js';
import { Issuer } from './issuer.entity.js';

/** A signing key of an issuer; kept after rotation so earlier credentials keep verifying. */
@Entity('issuer_key')
@Check('ck_issuer_key_status', `status IN ('ACTIVE', 'RETIRED', 'COMPROMISED')`)
@Index('ux_issuer_key_vm', ['verificationMethodId'], { unique: true })
@Index('ix_issuer_key_issuer', ['issuerId', 'createdAt'])
@Index('ix_issuer_key_did', ['did'])
export class IssuerKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  issuerId: string;

  @ManyToOne(() => Issuer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id', foreignKeyConstraintName: 'fk_issuer_key_issuer' })
  issuer?: Relation<Issuer>;

  /**
   * The DID the key belongs to: the issuer's did:web for all its keys, or, for a hosted
   * did:key, the key's own DID (a rotation gives the issuer a new one).
   */
  @Column({ type: 'text' })
  did: string;

  /** The fragment, e.g. `key-1`. */
  @Column({ type: 'text' })
  keyId: string;

  /** `<did>#<keyId>`. */
  @Column({ type: 'text' })
  verificationMethodId: string;

  @Column({ type: 'text' })
  publicKeyMultibase: string;

  /** The private key sealed under KEY_ENCRYPTION_KEY; null for keys held elsewhere (did:key). */
  @Column({ type: 'text', nullable: true, select: false })
  sealedSecretKey: string | null;

  @Column({ type: 'text' })
  status: KeyStatus;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  compromisedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  compromiseReason: string | null;
}
