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

export const SESSION_END_REASONS = ['LOGOUT', 'REFRESH_REUSE', 'ERASURE', 'RECOVERY'] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];

/**
 * One sign-in of a holder: the family of its rotated refresh tokens. Access tokens name the session
 * (`sid`), so revoking it stops them at once. Nothing about the device or the address is kept.
 */
@Entity('holder_session')
@Check(
  'ck_holder_session_revoked_reason',
  `revoked_reason IS NULL OR revoked_reason IN (${SESSION_END_REASONS.map((r) => `'${r}'`).join(', ')})`,
)
@Index('ix_holder_session_holder', ['holderId'])
export class HolderSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  holderId: string;

  // By name: another module owns the table, so only the foreign key is declared here.
  @ManyToOne('Holder', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'fk_holder_session_holder' })
  holder?: never;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastUsedAt: Date;

  /** The session ends then whatever happens: refreshing does not extend it. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason: SessionEndReason | null;
}
