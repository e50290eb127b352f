import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { sha256Hex } from '../../../common/crypto/index.js';
import type { CredentialType } from '../../../vc/schemas.js';
import { AuditService } from '../../audit/audit.service.js';
import type { Issuer } from '../../registry/services/issuers.service.js';
import { credentialHash, insertableCredentialRow } from '../credential-rows.js';
import { CredentialRecord } from '../entities/credential.entity.js';
import { IssuanceService, type SignedWithSlots } from './issuance.service.js';

/** What a VC API credential is recorded as: one of our types, or anything under `OPEN`. */
export type VcApiCredentialKind =
  | {
      issuanceProfile: 'ACCREDITED';
      type: CredentialType;
      credentialSubject: Record<string, unknown>;
    }
  | { issuanceProfile: 'OPEN'; type: string; summary: string };

export interface VcApiCredentialInput {
  issuer: Pick<Issuer, 'id' | 'slug'>;
  format: 'di' | 'jwt';
  kind: VcApiCredentialKind;
  validFrom: Date;
  validUntil?: Date;
}

/**
 * Stores a credential issued through the VC API issue operations (no holder, so no claim code)
 * and its audit entry, in the caller's transaction: one place for both profiles.
 */
@Injectable()
export class VcApiCredentialStore {
  constructor(
    private readonly issuance: IssuanceService,
    private readonly audit: AuditService,
  ) {}

  async insert(
    manager: EntityManager,
    { id, signed, revocation, suspension }: SignedWithSlots,
    { issuer, format, kind, validFrom, validUntil }: VcApiCredentialInput,
  ): Promise<void> {
    const row = {
      id,
      issuerId: issuer.id,
      holder: null,
      signed,
      validFrom,
      validUntil,
      revocation,
      suspension,
      verifyTokenHash: sha256Hex(this.issuance.verifyToken(id)),
    };
    const open = kind.issuanceProfile === 'OPEN';
    await manager.insert(
      CredentialRecord,
      insertableCredentialRow(
        open
          ? { ...row, ...kind, credentialSubject: {} }
          : { ...row, type: kind.type, credentialSubject: kind.credentialSubject },
      ),
    );
    await this.audit.append(manager, {
      actor: `issuer:${issuer.slug}`,
      action: 'credential.issued',
      subject: `credential:${id}`,
      data: {
        type: kind.type,
        format,
        sha256: credentialHash(signed),
        via: 'vc-api',
        ...(open ? { issuanceProfile: 'OPEN' } : {}),
      },
    });
  }
}
