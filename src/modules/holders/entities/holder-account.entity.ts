import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A holder's sign-in: the password hash (argon2id). The holder signs in with any of their identity
 * documents, so no email or user name is kept. Erasure deletes the row.
 */
@Entity('holder_account')
export class HolderAccount {
  @PrimaryColumn({ type: 'uuid' })
  holderId: string;

  // By name: another module owns the table, so only the foreign key is declared here.
  @ManyToOne('Holder', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'fk_holder_account_holder' })
  holder?: never;

  /** PHC string of an argon2id hash, parameters included. */
  @Column({ type: 'text' })
  passwordHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  passwordChangedAt: Date;

  /** The IANA zone the portal shows times in; null until chosen or taken from the browser. */
  @Column({ type: 'text', nullable: true })
  timeZone: string | null;
}
