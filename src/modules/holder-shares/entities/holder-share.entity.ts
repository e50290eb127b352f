import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { HolderShareCredential } from './holder-share-credential.entity.js';

/**
 * A holder's expiring, revocable link to some of their credentials. The token (256 random bits)
 * is shown once; only its SHA-256 is kept.
 */
@Entity('holder_share')
@Index('ux_holder_share_token', ['tokenHash'], { unique: true })
@Index('ix_holder_share_holder', ['holderId', 'createdAt'])
export class HolderShare {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  holderId: string;

  // By name: another module owns the table, so only the foreign key is declared here.
  @ManyToOne('Holder', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'fk_holder_share_holder' })
  holder?: never;

  @Column({ type: 'text' })
  tokenHash: string;

  /** The holder's own note ("for the bakery"); blanked on erasure. */
  @Column({ type: 'text', nullable: true })
  label: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @OneToMany(() => HolderShareCredential, (item) => item.share)
  items?: Relation<HolderShareCredential>[];
}
