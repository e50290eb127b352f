import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import type { Credential } from '../../../vc/issue.js';
import {
  achievementFor,
  buildOpenBadgeCredential,
  OPEN_BADGE_NATIVE_TYPES,
  type OpenBadgeAchievement,
  type OpenBadgeNativeType,
} from '../../../vc/open-badges.js';
import type { CredentialType } from '../../../vc/schemas.js';
import { statusEntry } from '../../../vc/status-list.js';
import { ReferenceService } from '../../reference/reference.service.js';
import type { StatusSlot } from './status-lists.service.js';
import { VcEnvironmentService } from './vc-environment.service.js';

/** The format option that issues a credential as an Open Badges 3.0 `OpenBadgeCredential`. */
export const OPEN_BADGES_FORMAT = 'openbadges-3.0';

/** The `format` of an issuing request: how the credential is secured, or issued as an Open Badge. */
export const ISSUANCE_FORMATS = ['di', 'jwt', OPEN_BADGES_FORMAT] as const;
export type IssuanceFormat = (typeof ISSUANCE_FORMATS)[number];

/** How a credential of that format is secured: an Open Badge is signed `eddsa-rdfc-2022`. */
export const securingOf = (format: IssuanceFormat): 'di' | 'jwt' =>
  format === 'jwt' ? 'jwt' : 'di';

export interface OpenBadgeIssuer {
  did: string;
  slug: string;
  legalName: string;
  country?: string;
}

export interface ComposeOpenBadgeInput {
  id: string;
  type: OpenBadgeNativeType;
  issuer: OpenBadgeIssuer;
  validFrom: Date;
  validUntil?: Date;
  /** Our credentialSubject of the native type, name and identity document included. */
  credentialSubject: Record<string, unknown>;
  achievement: OpenBadgeAchievement;
  revocation: StatusSlot;
}

// What the trial composition uses for what is known only at signing.
const TRIAL_SLOT: StatusSlot = { listId: 'trial', index: 0 };
const TRIAL_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Issues a competency certificate or an academic title as an Open Badges 3.0 credential: the
 * achievement with names from the registry's reference data, the issuer's OB `Profile`, our
 * revocation entry, and a check against the OB 3.0 JSON Schema before anything is signed.
 */
@Injectable()
export class OpenBadgesService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly env: VcEnvironmentService,
    private readonly reference: ReferenceService,
  ) {}

  /**
   * @throws AppError OPEN_BADGE_TYPE_UNSUPPORTED (422) for a type that cannot be an Open Badge
   *   (a recognition decision); `path` names the request field.
   */
  requireOpenBadgeType(type: CredentialType, path: string): OpenBadgeNativeType {
    if (!(OPEN_BADGE_NATIVE_TYPES as readonly string[]).includes(type)) {
      throw new AppError(
        'OPEN_BADGE_TYPE_UNSUPPORTED',
        `A ${type} cannot be issued as an Open Badge; only ${OPEN_BADGE_NATIVE_TYPES.join(' and ')} can.`,
        { errors: [{ path, message: `${OPEN_BADGES_FORMAT} is not available for ${type}` }] },
      );
    }
    return type as OpenBadgeNativeType;
  }

  /** The achievement of this subject, its framework level named as the registry names it. */
  async achievement(
    type: OpenBadgeNativeType,
    credentialSubject: Record<string, unknown>,
    issuerSlug: string,
    manager?: EntityManager,
  ): Promise<OpenBadgeAchievement> {
    const level = credentialSubject.nationalLevel as
      { framework: string; level: number } | undefined;
    const framework = level && (await this.reference.getFramework(level.framework, manager));
    const levelName = framework?.levels.find((l) => l.level === level?.level)?.name.es;
    return achievementFor(type, credentialSubject, {
      baseUrl: this.config.publicBaseUrl,
      issuerSlug,
      frameworkLevelName: levelName && `${framework?.code} ${level?.level}: ${levelName}`,
    });
  }

  /**
   * Composes the Open Badge once with placeholders for what is known only at signing (id, status
   * slot), and validates it: a request that cannot become a valid Open Badge is refused before
   * any slot is reserved or anything is written.
   *
   * @throws AppError OPEN_BADGE_INVALID (422) listing the schema's failures.
   */
  async check(
    input: Omit<ComposeOpenBadgeInput, 'id' | 'revocation' | 'achievement' | 'issuer'> & {
      issuerSlug: string;
    },
    manager?: EntityManager,
  ): Promise<void> {
    const { issuerSlug, ...rest } = input;
    this.compose({
      ...rest,
      id: TRIAL_ID,
      issuer: {
        did: `did:web:trial:issuers:${issuerSlug}`,
        slug: issuerSlug,
        legalName: issuerSlug,
      },
      revocation: TRIAL_SLOT,
      achievement: await this.achievement(input.type, input.credentialSubject, issuerSlug, manager),
    });
  }

  /**
   * The unsigned `OpenBadgeCredential`, validated against the OB 3.0 JSON Schema.
   *
   * @throws AppError OPEN_BADGE_INVALID (422) listing the schema's failures.
   */
  compose(input: ComposeOpenBadgeInput): Credential {
    const credential = buildOpenBadgeCredential({
      id: `urn:uuid:${input.id}`,
      nativeType: input.type,
      issuer: {
        id: input.issuer.did,
        name: input.issuer.legalName,
        url: `${this.config.publicBaseUrl}/registry/issuers/${encodeURIComponent(input.issuer.slug)}`,
        country: input.issuer.country,
      },
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      subject: input.credentialSubject,
      achievement: input.achievement,
      // OB 3.0 allows one status entry: revocation. Its suspension slot stays unused.
      credentialStatus: statusEntry({
        listCredentialUrl: this.env.statusListUrl(input.revocation.listId),
        index: input.revocation.index,
        purpose: 'revocation',
      }),
    });
    const validation = this.env.schemas.validateOpenBadge(credential);
    if (!validation.valid) {
      throw new AppError(
        'OPEN_BADGE_INVALID',
        'The credential would not be a valid Open Badges 3.0 credential.',
        { errors: validation.errors.map((e) => ({ path: e.path, message: e.message })) },
      );
    }
    return credential;
  }
}
