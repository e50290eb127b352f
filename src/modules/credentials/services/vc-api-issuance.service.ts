import { Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth/principal.js';
import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { VC_V2_CONTEXT_URL, xsdDateTime, type Credential } from '../../../vc/issue.js';
import { CREDENTIAL_TYPES, type CredentialType } from '../../../vc/schemas.js';
import { IssuerKeysService } from '../../registry/services/issuer-keys.service.js';
import { IssuersService } from '../../registry/services/issuers.service.js';
import { subjectFacts } from '../../statistics/statistics-annex.js';
import { StatisticsRecordsService } from '../../statistics/statistics-records.service.js';
import type { VcApiIssueRequestDto } from '../dto/vc-api-issue.dto.js';
import { IssuanceChecksService } from './issuance-checks.service.js';
import { IssuanceService } from './issuance.service.js';
import { refuseVcV1 } from './open-issuance.js';
import { OpenIssuanceService } from './open-issuance.service.js';
import { securedCredential, SigningService } from './signing.service.js';
import { VcApiCredentialStore } from './vc-api-credential-store.service.js';
import { VcEnvironmentService } from './vc-environment.service.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

// Terms our context and VC 2.0 define at the top of a credential; anything else would be an
// undefined term when signing in JSON-LD safe mode.
const ALLOWED_PROPERTIES = new Set([
  '@context',
  'id',
  'type',
  'issuer',
  'name',
  'description',
  'validFrom',
  'validUntil',
  'credentialSubject',
  'credentialSchema',
]);
const ALLOWED_ISSUER_PROPERTIES = new Set(['id', 'name', 'description']);
const XSD_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the checks make of a composed credential. */
interface ComposedCredential {
  type: CredentialType;
  validFrom: Date;
  validUntil?: Date;
  credentialSubject: Record<string, unknown>;
}

/**
 * The W3C VC API issue operation: signs a credential the issuer composed, after the checks any
 * credential of ours passes, with our status entries and schema; stored with no holder.
 */
@Injectable()
export class VcApiIssuanceService {
  constructor(
    private readonly env: VcEnvironmentService,
    private readonly checks: IssuanceChecksService,
    private readonly issuance: IssuanceService,
    private readonly signing: SigningService,
    private readonly issuers: IssuersService,
    private readonly keys: IssuerKeysService,
    private readonly store: VcApiCredentialStore,
    private readonly statistics: StatisticsRecordsService,
    private readonly open: OpenIssuanceService,
  ) {}

  /**
   * Issues under the caller's profile: `ACCREDITED`, one of our types after our checks; `OPEN`,
   * any well-formed VC 2.0 credential ({@link OpenIssuanceService}). VC 1.1 is refused for both.
   */
  async issue(
    caller: IssuerPrincipal,
    request: VcApiIssueRequestDto,
    format: 'di' | 'jwt' = 'di',
  ): Promise<Credential> {
    const { credential } = request;
    this.requireWellFormed(credential);
    refuseVcV1(credential);
    const issuer = await this.issuers.requireById(caller.issuerId);
    const created = request.options?.created ? new Date(request.options.created) : undefined;
    if (issuer.issuanceProfile === 'OPEN') {
      if (request.statistics) {
        throw new AppError(
          'VALIDATION_FAILED',
          'The statistical annex is for our credential types.',
          {
            errors: [
              { path: 'statistics', message: 'must be absent under the OPEN issuance profile' },
            ],
          },
        );
      }
      return this.open.issue(issuer, credential, {
        ourContextUrl: this.env.contextUrl,
        created,
        format,
      });
    }
    const composed = this.checkComposition(caller, credential);
    this.checks.requireValidSubject(
      composed.type,
      composed.credentialSubject,
      'credential.credentialSubject',
    );
    await this.checks.requireAccreditation(
      caller,
      composed.type,
      composed.credentialSubject,
      composed.validFrom,
    );
    const signer = await this.keys.signingKey(issuer.id);

    return this.issuance.signAndStore({
      issuerId: issuer.id,
      signer,
      format,
      now: created,
      compose: (id, revocation, suspension) => ({
        ...credential,
        '@context': [VC_V2_CONTEXT_URL, this.env.contextUrl],
        id: typeof credential.id === 'string' ? credential.id : `urn:uuid:${id}`,
        validFrom: credential.validFrom ?? xsdDateTime(composed.validFrom),
        credentialSchema: { id: this.env.schemaUrl(composed.type), type: 'JsonSchema' },
        credentialStatus: this.signing.statusEntries(revocation, suspension),
      }),
      store: async (manager, stored) => {
        const { id, signed } = stored;
        await this.store.insert(manager, stored, {
          issuer,
          format,
          kind: {
            issuanceProfile: 'ACCREDITED',
            type: composed.type,
            credentialSubject: composed.credentialSubject,
          },
          validFrom: composed.validFrom,
          validUntil: composed.validUntil,
        });
        // No holder: the credential is its own statistical unit, and no consent can be asked.
        await this.statistics.record(manager, [
          {
            facts: {
              holderId: null,
              credentialId: id,
              issuerSlug: issuer.slug,
              issuerCountry: issuer.country,
              credentialType: composed.type,
              issuedAt: composed.validFrom,
              ...subjectFacts(composed.credentialSubject),
            },
            annex: request.statistics,
          },
        ]);
        return securedCredential(signed);
      },
    });
  }

  /** The shape of a VC 2.0 credential; what does not have it is malformed input (400). */
  private requireWellFormed(credential: Record<string, unknown>): void {
    const errors: FieldError[] = [];
    const fail = (path: string, message: string) =>
      errors.push({ path: `credential.${path}`, message });
    const context = credential['@context'];
    if (!Array.isArray(context) || context.length === 0) {
      fail('@context', 'must be a non-empty array');
    }
    const type = credential.type;
    if (!Array.isArray(type) || !type.every((t) => typeof t === 'string')) {
      fail('type', 'must be an array of strings');
    }
    const issuer = credential.issuer;
    if (typeof issuer !== 'string' && !(isRecord(issuer) && typeof issuer.id === 'string')) {
      fail('issuer', 'must be a DID, or an object with the DID as its id');
    }
    const subject = credential.credentialSubject;
    if (!isRecord(subject) && !(Array.isArray(subject) && subject.every(isRecord))) {
      fail('credentialSubject', 'must be an object or an array of objects');
    }
    if (credential.id !== undefined && typeof credential.id !== 'string') {
      fail('id', 'must be a string');
    }
    for (const field of ['validFrom', 'validUntil'] as const) {
      const value = credential[field];
      if (value === undefined) continue;
      if (
        typeof value !== 'string' ||
        !XSD_DATE_TIME.test(value) ||
        Number.isNaN(Date.parse(value))
      ) {
        fail(field, 'must be an XML Schema dateTime with a time zone');
      }
    }
    if ('proof' in credential) fail('proof', 'must be absent: the credential is signed here');
    if (errors.length > 0) {
      throw new AppError('VALIDATION_FAILED', 'The credential is malformed.', { errors });
    }
  }

  /** What we will sign for this issuer: its own DID, one of our types, our context only. */
  private checkComposition(
    caller: IssuerPrincipal,
    credential: Record<string, unknown>,
  ): ComposedCredential {
    const errors: FieldError[] = [];
    const fail = (path: string, message: string) =>
      errors.push({ path: `credential.${path}`, message });
    const context = credential['@context'] as unknown[];
    if (context[0] !== VC_V2_CONTEXT_URL) fail('@context.0', `must be ${VC_V2_CONTEXT_URL}`);
    context.slice(1).forEach((entry, i) => {
      if (entry !== this.env.contextUrl) {
        fail(`@context.${i + 1}`, `is not supported: only ${this.env.contextUrl} may follow`);
      }
    });
    for (const key of Object.keys(credential)) {
      if (key === 'credentialStatus') fail(key, 'must be absent: status entries are added here');
      else if (!ALLOWED_PROPERTIES.has(key)) fail(key, 'is not supported');
    }
    const issuer = credential.issuer as string | Record<string, unknown>;
    const issuerId = typeof issuer === 'string' ? issuer : issuer.id;
    if (issuerId !== caller.did) fail('issuer', `must be your DID ${caller.did}`);
    if (!isRecord(credential.credentialSubject)) {
      fail('credentialSubject', 'must be one object: our credentials have one subject');
    }
    if (isRecord(issuer)) {
      for (const key of Object.keys(issuer)) {
        if (!ALLOWED_ISSUER_PROPERTIES.has(key)) fail(`issuer.${key}`, 'is not supported');
      }
    }
    const schema = credential.credentialSchema;
    if (schema !== undefined) {
      fail('credentialSchema', 'must be absent: the schema of the type is added');
    }
    const types = credential.type as string[];
    const ours = types.filter((t) => (CREDENTIAL_TYPES as readonly string[]).includes(t));
    if (errors.length > 0) {
      throw new AppError('INVALID_CREDENTIAL', 'This credential cannot be issued here.', {
        errors,
      });
    }
    if (types[0] !== 'VerifiableCredential' || types.length !== 2 || ours.length !== 1) {
      throw new AppError(
        'UNKNOWN_CREDENTIAL_TYPE',
        `The type must be ["VerifiableCredential", <one of ${CREDENTIAL_TYPES.join(', ')}>].`,
        { errors: [{ path: 'credential.type', message: 'is not one of our credential types' }] },
      );
    }
    const type = this.checks.requireType(ours[0], 'credential.type');
    const validFrom =
      typeof credential.validFrom === 'string' ? new Date(credential.validFrom) : new Date();
    const validUntil =
      typeof credential.validUntil === 'string' ? new Date(credential.validUntil) : undefined;
    this.checks.requireDateRange(validFrom, validUntil, 'credential.validUntil');
    return {
      type,
      validFrom,
      validUntil,
      credentialSubject: credential.credentialSubject as Record<string, unknown>,
    };
  }
}
