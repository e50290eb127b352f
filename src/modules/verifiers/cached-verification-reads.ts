import { Injectable } from '@nestjs/common';
import type { Credential } from '../../vc/issue.js';
import { AuditService } from '../audit/audit.service.js';
import { RevisionCache } from '../audit/revision-cache.js';
import { CredentialRecordsService } from '../credentials/services/credential-records.service.js';
import { StatusListsService } from '../credentials/services/status-lists.service.js';
import { VcEnvironmentService } from '../credentials/services/vc-environment.service.js';
import type { IssuanceProfile } from '../registry/registry.constants.js';
import { IssuerKeysService } from '../registry/services/issuer-keys.service.js';
import { IssuersService, type Issuer } from '../registry/services/issuers.service.js';

// An issuer's keys as the registry answers them (its entities are its own).
type IssuerKeys = Awaited<ReturnType<IssuerKeysService['keysOf']>>;

// Status bits kept: two per credential verified (revocation and suspension).
const STATUS_BITS_LIMIT = 10_000;

/**
 * The registry's facts one verification reads — our DID documents, the issuer of a DID, its keys,
 * a credential's issuance profile, our status bits — kept in memory under the audit facts
 * revision read before loading them (`RevisionCache`). Every change to them is audited by a
 * non-quiet action (issuers, keys, accreditations, and `credential.revoked`, `.suspended`,
 * `.reinstated`), which moves that revision before its request is answered on this replica, and
 * on the others as soon as PostgreSQL delivers the commit's notification: a revocation shows on
 * the next verification. While the revision is unknown every read goes to the database.
 * Values are frozen and shared: read them, never change them.
 */
@Injectable()
export class CachedVerificationReads {
  private readonly didDocuments: RevisionCache<object>;
  private readonly issuersByDid: RevisionCache<{ issuer: Issuer | null }>;
  private readonly issuerKeys: RevisionCache<IssuerKeys>;
  private readonly profiles: RevisionCache<{ value: IssuanceProfile | undefined }>;
  private readonly statusBits: RevisionCache<{ set: boolean }>;

  constructor(
    audit: AuditService,
    private readonly env: VcEnvironmentService,
    private readonly issuers: IssuersService,
    private readonly keys: IssuerKeysService,
    private readonly records: CredentialRecordsService,
    private readonly statusLists: StatusListsService,
  ) {
    this.didDocuments = new RevisionCache(audit);
    this.issuersByDid = new RevisionCache(audit);
    this.issuerKeys = new RevisionCache(audit);
    this.profiles = new RevisionCache(audit);
    this.statusBits = new RevisionCache(audit, STATUS_BITS_LIMIT);
  }

  /** A DID document this registry hosts; throws as the document loader does for any other. */
  async hostedDidDocument(did: string): Promise<object> {
    return this.didDocuments.get(did, async () => (await this.env.documentLoader(did)).document);
  }

  async issuerOfDid(did: string): Promise<Issuer | null> {
    return (
      await this.issuersByDid.get(did, async () => ({ issuer: await this.issuers.findByDid(did) }))
    ).issuer;
  }

  async keysOf(issuerId: string): Promise<Readonly<IssuerKeys>> {
    return this.issuerKeys.get(issuerId, () => this.keys.keysOf([issuerId]));
  }

  /**
   * The profile our record of this credential was issued under. Only a record found is kept: a
   * credential's record is written at issuance, a quiet action that does not move the revision.
   */
  async issuanceProfileOf(credential: Credential): Promise<IssuanceProfile | undefined> {
    const { value } = await this.profiles.get(
      JSON.stringify(credential.credentialStatus ?? null),
      async () => ({ value: await this.records.issuanceProfileOf(credential) }),
      ({ value }) => value !== undefined,
    );
    return value;
  }

  /** The bit at `index` of one of our status lists. */
  async statusBit(url: string, index: number): Promise<boolean> {
    return (
      await this.statusBits.get(`${index} ${url}`, async () => ({
        set: await this.statusLists.bitAt(url, index),
      }))
    ).set;
  }
}
