import type { QueryDeepPartialEntity } from 'typeorm';
import { sha256Hex } from '../../common/crypto/index.js';
import type { CredentialType } from '../../vc/schemas.js';
import type { IssuanceProfile } from '../registry/registry.constants.js';
import { summaryOf } from './credential-claims.js';
import type { CredentialRecord } from './entities/credential.entity.js';
import type { SignedCredential } from './services/signing.service.js';
import type { StatusSlot } from './services/status-lists.service.js';

export interface CredentialRowInput {
  id: string;
  issuerId: string;
  /**
   * Null for VC API credentials, whose holder is unknown; then no claim code either. A credential
   * issued straight into a known holder's records is claimed from the start (`claimedAt`): its
   * code is never shown and cannot be used.
   */
  holder: {
    holderId: string;
    identityDocumentId: string;
    claimCodeHash: string;
    claimedAt?: Date;
  } | null;
  /**
   * One of our types; under the `OPEN` profile, the credential's most specific type and a
   * summary of our own making.
   */
  type: CredentialType;
  signed: SignedCredential;
  validFrom: Date;
  validUntil?: Date;
  credentialSubject: Record<string, unknown>;
  revocation: StatusSlot;
  suspension: StatusSlot;
  verifyTokenHash: string;
}

/** A credential issued under the `OPEN` profile: any type, outside accreditation. */
export interface OpenCredentialRowInput extends Omit<CredentialRowInput, 'type'> {
  issuanceProfile: 'OPEN';
  type: string;
  summary: string;
}

/** SHA-256 of a credential as issued: of its JSON text, or of the compact JWT. */
export function credentialHash(signed: SignedCredential): string {
  return sha256Hex(signed.jwt ?? JSON.stringify(signed.document));
}

/** The one mapping from an issued credential to its stored row and query columns. */
export function credentialRow(
  input: CredentialRowInput | OpenCredentialRowInput,
): CredentialRecord {
  const open = 'issuanceProfile' in input;
  const issuanceProfile: IssuanceProfile = open ? 'OPEN' : 'ACCREDITED';
  const row: CredentialRecord = {
    id: input.id,
    issuerId: input.issuerId,
    holderId: input.holder?.holderId ?? null,
    identityDocumentId: input.holder?.identityDocumentId ?? null,
    type: input.type,
    format: input.signed.format,
    issuanceProfile,
    document: input.signed.document,
    jwt: input.signed.jwt,
    sha256: credentialHash(input.signed),
    validFrom: input.validFrom,
    validUntil: input.validUntil ?? null,
    status: 'ACTIVE',
    revocationListId: input.revocation.listId,
    revocationIndex: input.revocation.index,
    suspensionListId: input.suspension.listId,
    suspensionIndex: input.suspension.index,
    summary: open ? input.summary : summaryOf(input.type, input.credentialSubject),
    claimCodeHash: input.holder?.claimCodeHash ?? null,
    claimCodeUsedAt: input.holder?.claimedAt ?? null,
    verifyTokenHash: input.verifyTokenHash,
    verifyLinkEnabled: true,
    createdAt: new Date(),
    withdrawnAt: null,
  };
  return row;
}

/** The same row, typed for `EntityManager.insert` (TypeORM's partial type trips on jsonb). */
export const insertableCredentialRow = (input: CredentialRowInput | OpenCredentialRowInput) =>
  credentialRow(input) as QueryDeepPartialEntity<CredentialRecord>;
