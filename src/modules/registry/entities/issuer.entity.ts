import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import type { IssuanceProfile, IssuerKind, IssuerStatus } from '../registry.constants.js';

@Entity('issuer')
@Check('ck_issuer_status', `status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')`)
@Check('ck_issuer_issuance_profile', `issuance_profile IN ('ACCREDITED', 'OPEN')`)
@Index('ux_issuer_slug', ['slug'], { unique: true })
@Index('ux_issuer_did', ['did'], { unique: true })
@Index('ix_issuer_country', ['country'])
export class Issuer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  legalName: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'text', array: true })
  kinds: IssuerKind[];

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => Issuer, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_issuer_parent' })
  parent?: Relation<Issuer> | null;

  @Column({ type: 'text' })
  status: IssuerStatus;

  @Column({ type: 'text' })
  did: string;

  /**
   * True when the registry holds the private keys (a hosted did:web or did:key); false for a
   * foreign did:key. A hosted did:key changes at each rotation: `did` is the current one, and
   * the keys keep every DID the issuer has used.
   */
  @Column({ type: 'boolean' })
  managedKeys: boolean;

  /** What the issuer may issue; set by the registry operator. */
  @Column({ type: 'text', default: 'ACCREDITED' })
  issuanceProfile: IssuanceProfile;

  /** A sandbox for trying the standard APIs (conformance suites); flagged in the trust list. */
  @Column({ type: 'boolean', default: false })
  sandbox: boolean;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
