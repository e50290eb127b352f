import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CaseWorker } from './case-worker.entity.js';

/** A console session: the SHA-256 of the random token in the person's cookie. */
@Entity('case_worker_session')
@Index('ux_case_worker_session_token', ['tokenHash'], { unique: true })
@Index('ix_case_worker_session_worker', ['caseWorkerId'])
export class CaseWorkerSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseWorkerId: string;

  @ManyToOne(() => CaseWorker, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_worker_id', foreignKeyConstraintName: 'fk_case_worker_session_worker' })
  caseWorker?: Relation<CaseWorker>;

  @Column({ type: 'text' })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  lastSeenAt: Date;

  /** The absolute end; idle sessions end earlier (see CaseWorkerSessionsService). */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
