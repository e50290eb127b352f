import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { HolderSession } from './holder-session.entity.js';

/**
 * A refresh token of a session, by its SHA-256 only. Each is used once: using it issues the next;
 * using it again means it was stolen, and the whole session is revoked.
 */
@Entity('holder_refresh_token')
@Index('ux_holder_refresh_token_hash', ['tokenHash'], { unique: true })
@Index('ix_holder_refresh_token_session', ['sessionId'])
export class HolderRefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => HolderSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'fk_holder_refresh_token_session' })
  session?: Relation<HolderSession>;

  @Column({ type: 'text' })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
