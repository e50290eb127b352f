import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { IssuerStatus } from '../registry.constants.js';
import { Issuer } from './issuer.entity.js';

/** Every status an issuer has had, from its creation: the history verification relies on. */
@Entity('issuer_status_change')
@Index('ix_issuer_status_change_issuer', ['issuerId', 'at'])
export class IssuerStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  issuerId: string;

  @ManyToOne(() => Issuer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id', foreignKeyConstraintName: 'fk_issuer_status_change_issuer' })
  issuer?: Relation<Issuer>;

  @Column({ type: 'text', nullable: true })
  fromStatus: IssuerStatus | null;

  @Column({ type: 'text' })
  toStatus: IssuerStatus;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  reason: string;
}
