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
import type { IssuerKind, IssuerStatus } from '../registry.constants.js';

@Entity('issuer')
@Check('ck_issuer_status', `status IN ('ACTIVE', 'SUSPENDED', 'CLOSED')`)
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

  /** True when the registry holds the private keys (did:web); false for a foreign did:key. */
  @Column({ type: 'boolean' })
  managedKeys: boolean;

  @Column({ type: 'text', nullable: true })
  website: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
