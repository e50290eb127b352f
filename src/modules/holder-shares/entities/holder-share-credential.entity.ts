import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { HolderShare } from './holder-share.entity.js';

/** A credential shown through a share. */
@Entity('holder_share_credential')
@Index('ix_holder_share_credential_credential', ['credentialId'])
export class HolderShareCredential {
  @PrimaryColumn({ type: 'uuid' })
  shareId: string;

  @PrimaryColumn({ type: 'uuid' })
  credentialId: string;

  @ManyToOne(() => HolderShare, (share) => share.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'share_id', foreignKeyConstraintName: 'fk_holder_share_credential_share' })
  share?: Relation<HolderShare>;

  // By name: another module owns the table, so only the foreign key is declared here.
  @ManyToOne('CredentialRecord', { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'credential_id',
    foreignKeyConstraintName: 'fk_holder_share_credential_credential',
  })
  credential?: never;
}
