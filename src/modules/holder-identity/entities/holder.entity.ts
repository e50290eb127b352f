import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { IdentityDocument } from './identity-document.entity.js';

/**
 * A person credentials were issued to: an opaque id, known by 1..n identity documents. Names are
 * nullable so that erasure can blank them while the id (and the credentials) remain.
 */
@Entity('holder')
export class Holder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', nullable: true })
  givenNames: string | null;

  @Column({ type: 'text', nullable: true })
  familyNames: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** When the holder's personal data was erased at their request; null while it is kept. */
  @Column({ type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @OneToMany(() => IdentityDocument, (document) => document.holder)
  documents?: Relation<IdentityDocument>[];
}
