import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import type { IssuanceProfile } from '../../registry/registry.constants.js';
import { StatusList } from './status-list.entity.js';

export const CREDENTIAL_STATUSES = ['ACTIVE', 'SUSPENDED', 'REVOKED'] as const;
export type CredentialStatus = (typeof CREDENTIAL_STATUSES)[number];
export type CredentialFormat = 'di' | 'jwt';

/**
 * An issued credential: the signed credential exactly as issued (never rebuilt from parts), its
 * SHA-256, and the columns extracted from it for queries.
 */
@Entity('credential')
@Check('ck_credential_status', `status IN ('ACTIVE', 'SUSPENDED', 'REVOKED')`)
@Check('ck_credential_format', `format IN ('di', 'jwt')`)
@Check('ck_credential_issuance_profile', `issuance_profile IN ('ACCREDITED', 'OPEN')`)
@Check(
  'ck_credential_holder',
  '(holder_id IS NULL) = (identity_document_id IS NULL) AND (holder_id IS NULL) = (claim_code_hash IS NULL)',
)
@Index('ix_credential_issuer', ['issuerId', 'createdAt'])
@Index('ix_credential_holder', ['holderId'])
@Index('ux_credential_revocation_slot', ['revocationListId', 'revocationIndex'], { unique: true })
@Index('ux_credential_suspension_slot', ['suspensionListId', 'suspensionIndex'], { unique: true })
@Index('ux_credential_claim_code', ['claimCodeHash'], { unique: true })
@Index('ux_credential_verify_token', ['verifyTokenHash'], { unique: true })
export class CredentialRecord {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'uuid' })
  issuerId: string;

  // By name: another module owns the table, so only the foreign key is declared here.
  @ManyToOne('Issuer', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_id', foreignKeyConstraintName: 'fk_credential_issuer' })
  issuer?: never;

  /** Null for a credential composed by the issuer through the VC API: its holder is unknown. */
  @Column({ type: 'uuid', nullable: true })
  holderId: string | null;

  @ManyToOne('Holder', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id', foreignKeyConstraintName: 'fk_credential_holder' })
  holder?: never;

  /** The identity document the issuer used; null with the holder. */
  @Column({ type: 'uuid', nullable: true })
  identityDocumentId: string | null;

  @ManyToOne('IdentityDocument', { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'identity_document_id',
    foreignKeyConstraintName: 'fk_credential_identity_document',
  })
  identityDocument?: never;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  format: CredentialFormat;

  /** The issuer's profile when it was issued: an `OPEN` credential is outside accreditation. */
  @Column({ type: 'text', default: 'ACCREDITED' })
  issuanceProfile: IssuanceProfile;

  /** The signed credential (Data Integrity) or the JWT's payload, as issued. */
  @Column({ type: 'jsonb' })
  document: Record<string, unknown>;

  /** The compact VC-JWT, for credentials issued as JWT. */
  @Column({ type: 'text', nullable: true })
  jwt: string | null;

  /** SHA-256 (hex) of the credential as issued: the JSON text, or the compact JWT. */
  @Column({ type: 'text' })
  sha256: string;

  @Column({ type: 'timestamptz' })
  validFrom: Date;

  @Column({ type: 'timestamptz', nullable: true })
  validUntil: Date | null;

  @Column({ type: 'text' })
  status: CredentialStatus;

  @Column({ type: 'uuid' })
  revocationListId: string;

  @ManyToOne(() => StatusList, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'revocation_list_id',
    foreignKeyConstraintName: 'fk_credential_revocation_list',
  })
  revocationList?: Relation<StatusList>;

  @Column({ type: 'int' })
  revocationIndex: number;

  @Column({ type: 'uuid' })
  suspensionListId: string;

  @ManyToOne(() => StatusList, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'suspension_list_id',
    foreignKeyConstraintName: 'fk_credential_suspension_list',
  })
  suspensionList?: Relation<StatusList>;

  @Column({ type: 'int' })
  suspensionIndex: number;

  /** What was certified: the title as issued, the standard, or the decision. */
  @Column({ type: 'text' })
  summary: string;

  /** Null when there is no holder to claim it (VC API credentials). */
  @Column({ type: 'text', select: false, nullable: true })
  claimCodeHash: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimCodeUsedAt: Date | null;

  @Column({ type: 'text', select: false })
  verifyTokenHash: string;

  @Column({ type: 'boolean', default: true })
  verifyLinkEnabled: boolean;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  /**
   * When the issuer withdrew it (VC API `DELETE /credentials/{id}`): revoked, and no longer served
   * by `GET /credentials/{id}`. The record and its status slots stay, as every record does.
   */
  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;
}
