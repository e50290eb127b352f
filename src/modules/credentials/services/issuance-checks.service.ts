import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import { isCredentialType, type CredentialType } from '../../../vc/schemas.js';
import { assertDocumentNumber } from '../../holder-identity/holder-identity.js';
import { ReferenceService } from '../../reference/reference.service.js';
import type { AccreditationDecision } from '../../registry/accreditation-rules.js';
import { AccreditationsService } from '../../registry/services/accreditations.service.js';
import { claimOf, standardRefsOf } from '../credential-claims.js';
import type { IssueCredentialDto } from '../dto/issue-credential.dto.js';
import {
  OPEN_BADGES_FORMAT,
  OpenBadgesService,
  type IssuanceFormat,
} from './open-badges.service.js';
import { VcEnvironmentService } from './vc-environment.service.js';

type Subject = Record<string, unknown>;

/** A credential that passed every check, ready to be composed and signed. */
export interface CheckedCredential {
  type: CredentialType;
  /** `openbadges-3.0`: issued as an Open Badge (signed `eddsa-rdfc-2022`). */
  format: IssuanceFormat;
  validFrom: Date;
  validUntil?: Date;
  /** The full credentialSubject: name and identity document included. */
  credentialSubject: Subject;
}

/** What the checks of one credential need to know about the calling issuer. */
export interface IssuingCaller {
  issuerId: string;
  slug: string;
}

/**
 * Remembers accreditation decisions and standard lookups across the rows of one batch: rows of a
 * campaign mostly repeat the same type, level, occupation and date.
 */
export class CheckCache {
  readonly decisions = new Map<string, Promise<AccreditationDecision>>();
  readonly standards = new Map<string, Promise<string>>();

  /**
   * @param manager the transaction the checks run in, if one is open: their lookups go through
   *   it, so that they see its writes and hold no second connection of the pool.
   */
  constructor(readonly manager?: EntityManager) {}
}

/** The last four characters the credential shows of a document number. */
export function visibleLast4(number: string): string {
  return number
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(-4);
}

/**
 * The checks every issued credential passes, in the order the API promises: known type (and, for
 * an Open Badge, a type that can be one), date range, subject against the type's schema,
 * accreditation at validFrom, and for an Open Badge the whole credential against the OB 3.0 schema.
 */
@Injectable()
export class IssuanceChecksService {
  constructor(
    private readonly env: VcEnvironmentService,
    private readonly accreditations: AccreditationsService,
    private readonly reference: ReferenceService,
    private readonly openBadges: OpenBadgesService,
  ) {}

  /** Checks an issuing request; throws the first failing check as an AppError. */
  async check(
    caller: IssuingCaller,
    dto: IssueCredentialDto,
    cache = new CheckCache(),
  ): Promise<CheckedCredential> {
    const type = this.requireType(dto.type, 'type');
    const format = dto.format ?? 'di';
    const openBadgeType =
      format === OPEN_BADGES_FORMAT ? this.openBadges.requireOpenBadgeType(type, 'format') : null;
    const validFrom = dto.validFrom ? new Date(dto.validFrom) : new Date();
    const validUntil = dto.validUntil ? new Date(dto.validUntil) : undefined;
    this.requireDateRange(validFrom, validUntil, 'validUntil');
    dto.holder.documents.forEach((document, i) =>
      assertDocumentNumber(document, `holder.documents[${i}].number`),
    );
    const [first] = dto.holder.documents;
    const credentialSubject = {
      name: { givenNames: dto.holder.givenNames, familyNames: dto.holder.familyNames },
      identityDocument: {
        type: first.type,
        country: first.country,
        last4: visibleLast4(first.number),
      },
      ...dto.subject,
    };
    this.requireValidSubject(type, credentialSubject, 'subject');
    await this.requireAccreditation(caller, type, credentialSubject, validFrom, cache);
    if (openBadgeType) {
      await this.openBadges.check(
        { type: openBadgeType, issuerSlug: caller.slug, validFrom, validUntil, credentialSubject },
        cache.manager,
      );
    }
    return { type, format, validFrom, validUntil, credentialSubject };
  }

  requireType(type: unknown, path: string): CredentialType {
    if (!isCredentialType(type)) {
      throw new AppError('UNKNOWN_CREDENTIAL_TYPE', 'Unknown credential type.', {
        errors: [{ path, message: 'unknown credential type' }],
      });
    }
    return type;
  }

  requireDateRange(validFrom: Date, validUntil: Date | undefined, path: string): void {
    if (validUntil && validUntil.getTime() <= validFrom.getTime()) {
      throw new AppError('INVALID_DATE_RANGE', 'validUntil must be after validFrom.', {
        errors: [{ path, message: 'must be after validFrom' }],
      });
    }
  }

  /** `path` prefixes the schema's field paths: `subject` here, `credential.credentialSubject` in the VC API. */
  requireValidSubject(type: CredentialType, subject: unknown, path: string): void {
    const validation = this.env.schemas.validateSubject(type, subject);
    if (!validation.valid) {
      throw new AppError('INVALID_SUBJECT', `The subject does not match the ${type} schema.`, {
        errors: validation.errors.map((e) => ({
          path: `${path}.${e.path}`.replace(/\.$/, ''),
          message: e.message,
        })),
      });
    }
  }

  async requireAccreditation(
    caller: IssuingCaller,
    type: CredentialType,
    subject: Subject,
    validFrom: Date,
    cache = new CheckCache(),
  ): Promise<void> {
    const standardIds = await Promise.all(
      standardRefsOf(subject).map(({ code, version }) => {
        const key = JSON.stringify([code, version]);
        let id = cache.standards.get(key);
        if (!id) {
          id = this.reference
            .getStandard(code, { version, manager: cache.manager })
            .then((s) => s?.id ?? code);
          cache.standards.set(key, id);
        }
        return id;
      }),
    );
    const claim = claimOf(type, subject, validFrom, standardIds);
    const key = JSON.stringify({ ...claim, at: claim.at.toISOString() });
    let decision = cache.decisions.get(key);
    if (!decision) {
      decision = this.accreditations.check(caller.issuerId, claim, cache.manager);
      cache.decisions.set(key, decision);
    }
    const result = await decision;
    if (!result.allowed) {
      throw new AppError(
        'NOT_ACCREDITED',
        `${caller.slug} is not accredited for this credential: ${result.reason}.`,
        { extensions: { reason: result.reason } },
      );
    }
  }
}
