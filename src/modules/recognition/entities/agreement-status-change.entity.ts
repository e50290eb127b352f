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
import type { AgreementStatus } from '../recognition.constants.js';
import { Agreement } from './agreement.entity.js';

/** Every status an agreement has had: answers for a date read it, not today's status. */
@Entity('agreement_status_change')
@Check(
  'ck_agreement_status_change_status',
  `("from_status" IS NULL OR "from_status" IN ('IN_FORCE', 'SUSPENDED', 'TERMINATED')) AND "to_status" IN ('IN_FORCE', 'SUSPENDED', 'TERMINATED')`,
)
@Index('ix_agreement_status_change_agreement', ['agreementId', 'at'])
export class AgreementStatusChange {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_agreement_status_change' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  agreementId: string;

  @ManyToOne(() => Agreement, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'agreement_id',
    foreignKeyConstraintName: 'fk_agreement_status_change_agreement',
  })
  agreement?: Relation<Agreement>;

  @Column({ type: 'text', nullable: true })
  fromStatus: AgreementStatus | null;

  @Column({ type: 'text' })
  toStatus: AgreementStatus;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  actor: string;
}
