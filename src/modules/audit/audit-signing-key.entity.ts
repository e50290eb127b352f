import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The registry's own signing key (its DID, `did:web:<host>:registry`), which signs checkpoints. */
@Entity('audit_signing_key')
export class AuditSigningKey {
  /** The fragment of the verification method, e.g. `key-1`. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pk_audit_signing_key' })
  keyId: string;

  @Column({ type: 'text' })
  publicKeyMultibase: string;

  /** The private key sealed under KEY_ENCRYPTION_KEY. */
  @Column({ type: 'text', select: false })
  sealedSecretKey: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
