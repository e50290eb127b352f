import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Holder } from './holder.entity.js';

/**
 * A holder's sign-in: the password hash (argon2id). The holder signs in with any of their identity
 * documents, so no email or user name is kept. Erasure deletes the row.
 */
@Entity('holder_account')
export class HolderAccount {
  @PrimaryColumn({ type: 'uuid' })
  holderId: string;

  @ManyToOne(() => Holder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'fk_holder_account_holder' })
  holder?: Relation<Holder>;

  /** PHC string of an argon2id hash, parameters included. */
  @Column({ type: 'text' })
  passwordHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  passwordChangedAt: Date;
}
