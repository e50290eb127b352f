import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { RecognitionCaseMessage } from './recognition-case-message.entity.js';
import { RecognitionCase } from './recognition-case.entity.js';

/** A supporting file of a case: kept for that case only, deleted by the holder's erasure. */
@Entity('recognition_case_file')
@Index('ix_recognition_case_file_case', ['caseId'])
export class RecognitionCaseFile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  caseId: string;

  @ManyToOne(() => RecognitionCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_recognition_case_file_case' })
  recognitionCase?: Relation<RecognitionCase>;

  @Column({ type: 'uuid' })
  messageId: string;

  @ManyToOne(() => RecognitionCaseMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_recognition_case_file_message' })
  message?: Relation<RecognitionCaseMessage>;

  @Column({ type: 'text' })
  filename: string;

  /** As sniffed from the bytes, never as declared. */
  @Column({ type: 'text' })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea' })
  content: Buffer;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
