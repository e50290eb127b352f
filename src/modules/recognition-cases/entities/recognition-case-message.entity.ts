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
import { RecognitionCase } from './recognition-case.entity.js';

/** One entry of a case's exchange: the holder's statement or answer, the authority's request. */
@Entity('recognition_case_message')
@Check('ck_recognition_case_message_author', `author IN ('HOLDER', 'AUTHORITY')`)
@Index('ix_recognition_case_message_case', ['caseId', 'createdAt'])
export class RecognitionCaseMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => RecognitionCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_recognition_case_message_case' })
  recognitionCase?: Relation<RecognitionCase>;

  @Column({ type: 'text' })
  author: 'HOLDER' | 'AUTHORITY';

  /** `STATEMENT`, `INFO_REQUEST`, `ANSWER`. */
  @Column({ type: 'text' })
  kind: string;

  /** Blanked when the holder asks for erasure (the holder's own messages). */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
