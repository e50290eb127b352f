import { Injectable } from '@nestjs/common';
import { sha256Hex } from '../../../common/crypto/index.js';
import { xsdDateTime, type Credential } from '../../../vc/issue.js';
import { AuditService } from '../../audit/audit.service.js';
import { IssuerKeysService } from '../../registry/services/issuer-keys.service.js';
import type { Issuer } from '../../registry/services/issuers.service.js';
import { credentialHash, insertableCredentialRow } from '../credential-rows.js';
import { CredentialRecord } from '../entities/credential.entity.js';
import { checkOpenCredential, signingRefusal } from './open-issuance.js';
import { IssuanceService } from './issuance.service.js';
import { securedCredential, SigningService } from './signing.service.js';

/**
 * Issuance under the `OPEN` profile: any well-formed VC 2.0 credential of the issuer, with our
 * status entries and an `eddsa-rdfc-2022` proof, recorded as `OPEN` (outside accreditation: no
 * type, schema or accreditation check, and verification says so).
 */
@Injectable()
export class OpenIssuanceService {
  constructor(
    private readonly issuance: IssuanceService,
    private readonly signing: SigningService,
    private readonly keys: IssuerKeysService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Signs as Data Integrity (`di`) or as VC-JOSE (`jwt`, answered enveloped).
   *
   * @throws AppError VALIDATION_FAILED, UNSUPPORTED_CONTEXT or INVALID_JSON_LD (400) for a
   *   credential that cannot be issued; KEY_NOT_MANAGED (409) when we hold no key of the issuer.
   */
  async issue(
    issuer: Issuer,
    credential: Record<string, unknown>,
    options: { ourContextUrl: string; created?: Date; format: 'di' | 'jwt' },
  ): Promise<Credential> {
    const { ourContextUrl, created, format } = options;
    const composed = checkOpenCredential(credential, issuer.did, ourContextUrl);
    const signer = await this.keys.signingKey(issuer.id);
    try {
      return await this.issuance.signAndStore({
        issuerId: issuer.id,
        signer,
        format,
        now: created,
        compose: (id, revocation, suspension) => ({
          ...credential,
          id: typeof credential.id === 'string' ? credential.id : `urn:uuid:${id}`,
          validFrom: credential.validFrom ?? xsdDateTime(composed.validFrom),
          credentialStatus: [
            ...composed.clientStatus,
            ...this.signing.statusEntries(revocation, suspension),
          ],
        }),
        store: async (manager, { id, signed, revocation, suspension }) => {
          await manager.insert(
            CredentialRecord,
            insertableCredentialRow({
              id,
              issuerId: issuer.id,
              holder: null,
              issuanceProfile: 'OPEN',
              type: composed.type,
              summary: composed.summary,
              signed,
              validFrom: composed.validFrom,
              validUntil: composed.validUntil,
              credentialSubject: {},
              revocation,
              suspension,
              verifyTokenHash: sha256Hex(this.issuance.verifyToken(id)),
            }),
          );
          await this.audit.append(manager, {
            actor: `issuer:${issuer.slug}`,
            action: 'credential.issued',
            subject: `credential:${id}`,
            data: {
              type: composed.type,
              format,
              sha256: credentialHash(signed),
              via: 'vc-api',
              issuanceProfile: 'OPEN',
            },
          });
          return securedCredential(signed);
        },
      });
    } catch (error) {
      throw signingRefusal(error) ?? error;
    }
  }
}
