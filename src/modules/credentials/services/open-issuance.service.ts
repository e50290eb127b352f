import { Injectable } from '@nestjs/common';
import { xsdDateTime, type Credential } from '../../../vc/issue.js';
import { IssuerKeysService } from '../../registry/services/issuer-keys.service.js';
import type { Issuer } from '../../registry/services/issuers.service.js';
import { checkOpenCredential, signingRefusal } from './open-issuance.js';
import { IssuanceService } from './issuance.service.js';
import { securedCredential, SigningService } from './signing.service.js';
import { VcApiCredentialStore } from './vc-api-credential-store.service.js';

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
    private readonly store: VcApiCredentialStore,
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
        store: async (manager, stored) => {
          await this.store.insert(manager, stored, {
            issuer,
            format,
            kind: { issuanceProfile: 'OPEN', type: composed.type, summary: composed.summary },
            validFrom: composed.validFrom,
            validUntil: composed.validUntil,
          });
          return securedCredential(stored.signed);
        },
      });
    } catch (error) {
      throw signingRefusal(error) ?? error;
    }
  }
}
