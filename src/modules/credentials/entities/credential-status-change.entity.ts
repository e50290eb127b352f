import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { CredentialRecord, type CredentialStatus } from './credential.entity.js';

@Entity('credential_status_change')
@Index('ix_credential_status_change_credential', ['credentialId', 'at'])
export class CredentialStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  credentialId: string;

  @ManyToOne(() => CredentialRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_credential_status_change_credential',
  })
  credential?: Relation<CredentialRecord>;

  @Column({ type: 'text' })
  fromStatus: CredentialStatus;

  @Column({ type: 'text' })
  toStatus: CredentialStatus;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
