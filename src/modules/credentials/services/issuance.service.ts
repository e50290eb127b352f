import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/principal.js';
import { sha256Hex } from '../../../common/crypto/index.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import type { Credential } from '../../../vc/issue.js';
import type { OpenBadgeNativeType } from '../../../vc/open-badges.js';
import type { CredentialType } from '../../../vc/schemas.js';
import type { SignerKey } from '../../../vc/keys.js';
import { AuditService } from '../../audit/audit.service.js';
import { HolderIdentityService } from '../../holder-identity/holder-identity.service.js';
import { IssuerKeysService } from '../../registry/services/issuer-keys.service.js';
import { IssuersService, type Issuer } from '../../registry/services/issuers.service.js';
import { subjectFacts } from '../../statistics/statistics-annex.js';
import { StatisticsRecordsService } from '../../statistics/statistics-records.service.js';
import { credentialHash, insertableCredentialRow } from '../credential-rows.js';
import {
  ClaimCodeVault,
  hashClaimCode,
  newClaimCode,
  VerifyTokens,
} from '../credential-secrets.js';
import type { IssueCredentialDto, IssuedCredentialDto } from '../dto/issue-credential.dto.js';
import { CredentialRecord } from '../entities/credential.entity.js';
import {
  findIdempotentAnswer,
  idempotencyRequestHash,
  saveIdempotentAnswer,
} from './idempotency-records.js';
import { IssuanceChecksService, type CheckedCredential } from './issuance-checks.service.js';
import { OPEN_BADGES_FORMAT, OpenBadgesService, securingOf } from './open-badges.service.js';
import { SigningService, type SignedCredential } from './signing.service.js';
import {
  isSlotConflict,
  statusListOwner,
  StatusListsService,
  type StatusSlot,
  type StatusSlots,
} from './status-lists.service.js';
import { VcEnvironmentService } from './vc-environment.service.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

/** A credential for a holder the registry already knows: claimed at once, straight into their records. */
export interface KnownHolderIssue {
  type: CredentialType;
  validFrom: Date;
  /** The full subject, name and identity document included. */
  credentialSubject: Record<string, unknown>;
  holderId: string;
  /** The holder's document the subject names. */
  identityDocumentId: string;
}

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === UNIQUE_VIOLATION
  );
}

/** A credential signed with its status slots, about to be stored. */
export interface SignedWithSlots extends StatusSlots {
  id: string;
  signed: SignedCredential;
}

/** Composes the unsigned credential once its id and status slots are known. */
export type Composer = (id: string, revocation: StatusSlot, suspension: StatusSlot) => Credential;

/**
 * Issues one credential: checks, then status slots and signature (in the signing pool, outside
 * any transaction), then holder, record, audit and idempotency record in one short transaction.
 */
@Injectable()
export class IssuanceService {
  private readonly verifyTokens: VerifyTokens;
  private readonly vault: ClaimCodeVault;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() config: AppConfig,
    private readonly env: VcEnvironmentService,
    private readonly checks: IssuanceChecksService,
    private readonly signing: SigningService,
    private readonly issuers: IssuersService,
    private readonly keys: IssuerKeysService,
    private readonly holders: HolderIdentityService,
    private readonly statusLists: StatusListsService,
    private readonly audit: AuditService,
    private readonly statistics: StatisticsRecordsService,
    private readonly openBadges: OpenBadgesService,
  ) {
    this.verifyTokens = new VerifyTokens(config.secrets.KEY_ENCRYPTION_KEY);
    this.vault = new ClaimCodeVault(config.secrets.KEY_ENCRYPTION_KEY);
  }

  verifyToken(credentialId: string): string {
    return this.verifyTokens.forCredential(credentialId);
  }

  verifyUrlFor(credentialId: string): string {
    return this.env.verifyUrl(this.verifyToken(credentialId));
  }

  /** With an Idempotency-Key, a retry gets the first answer and never a second credential. */
  async issue(
    caller: IssuerPrincipal,
    dto: IssueCredentialDto,
    idempotencyKey?: string,
  ): Promise<IssuedCredentialDto> {
    if (!idempotencyKey) return this.issueChecked(caller, dto);
    const requestHash = idempotencyRequestHash(null, dto);
    const previous = await this.findIdempotent(caller.issuerId, idempotencyKey, requestHash);
    if (previous) return previous;
    try {
      return await this.issueChecked(caller, dto, { key: idempotencyKey, requestHash });
    } catch (error) {
      // A concurrent request with the same key committed first: answer as it did.
      if (!isUniqueViolation(error) || isSlotConflict(error)) throw error;
      const winner = await this.findIdempotent(caller.issuerId, idempotencyKey, requestHash);
      if (!winner) throw error;
      return winner;
    }
  }

  /**
   * Reserves a revocation and a suspension slot, composes and signs the credential, then runs
   * `store` in a transaction. If another replica stored a credential in one of the slots
   * meanwhile, the transaction is rolled back and all of it is done again with new slots
   * (see {@link StatusListsService.withStatusSlots}).
   */
  async signAndStore<T>(plan: {
    issuerId: string;
    signer: SignerKey;
    format: 'di' | 'jwt';
    /** The proof's created time; now by default. */
    now?: Date;
    compose: Composer;
    store: (manager: EntityManager, credential: SignedWithSlots) => Promise<T>;
  }): Promise<T> {
    const owner = statusListOwner(plan.issuerId, plan.signer);
    return this.statusLists.withStatusSlots(owner, async ({ revocation, suspension }) => {
      const id = randomUUID();
      const signed = await this.signing.sign(
        plan.format,
        plan.compose(id, revocation, suspension),
        plan.signer,
        plan.now,
      );
      return this.audit.transaction((manager) =>
        plan.store(manager, { id, signed, revocation, suspension }),
      );
    });
  }

  /**
   * How a checked credential is composed: one of our types, or for `openbadges-3.0` the same
   * certification as an Open Badge (its achievement looked up now, once, before any slot).
   */
  async composerFor(
    issuer: Pick<Issuer, 'did' | 'slug' | 'legalName' | 'country'>,
    checked: Omit<CheckedCredential, 'validUntil'> & { validUntil?: Date },
  ): Promise<Composer> {
    const { type, validFrom, validUntil, credentialSubject } = checked;
    if (checked.format === OPEN_BADGES_FORMAT) {
      const badgeType = type as OpenBadgeNativeType;
      const achievement = await this.openBadges.achievement(
        badgeType,
        credentialSubject,
        issuer.slug,
      );
      return (id, revocation) =>
        this.openBadges.compose({
          id,
          type: badgeType,
          issuer,
          validFrom,
          validUntil,
          credentialSubject,
          achievement,
          revocation,
        });
    }
    return (id, revocation, suspension) =>
      this.signing.compose({
        id,
        type,
        issuer: { id: issuer.did, name: issuer.legalName },
        validFrom,
        validUntil,
        credentialSubject,
        revocation,
        suspension,
      });
  }

  /**
   * Issues a credential into a known holder's records, with the same checks as `issue` (schema,
   * accreditation at validFrom); `onStored` runs in the storing transaction, so whatever the
   * caller records about the credential commits with it or not at all.
   */
  async issueToHolder(
    caller: IssuerPrincipal,
    input: KnownHolderIssue,
    onStored: (manager: EntityManager, credentialId: string) => Promise<void>,
  ): Promise<string> {
    const { type, validFrom, credentialSubject } = input;
    this.checks.requireValidSubject(type, credentialSubject, 'subject');
    await this.checks.requireAccreditation(caller, type, credentialSubject, validFrom);
    const issuer = await this.issuers.cachedById(caller.issuerId);
    const signer = await this.keys.signingKey(issuer.id);
    return this.signAndStore({
      issuerId: issuer.id,
      signer,
      format: 'di',
      compose: (id, revocation, suspension) =>
        this.signing.compose({
          id,
          type,
          issuer: { id: issuer.did, name: issuer.legalName },
          validFrom,
          credentialSubject,
          revocation,
          suspension,
        }),
      store: async (manager, { id, signed, revocation, suspension }) => {
        await manager.insert(
          CredentialRecord,
          insertableCredentialRow({
            id,
            issuerId: issuer.id,
            holder: {
              holderId: input.holderId,
              identityDocumentId: input.identityDocumentId,
              claimCodeHash: hashClaimCode(newClaimCode()),
              claimedAt: new Date(),
            },
            type,
            signed,
            validFrom,
            credentialSubject,
            revocation,
            suspension,
            verifyTokenHash: sha256Hex(this.verifyToken(id)),
          }),
        );
        await this.audit.append(manager, {
          actor: `issuer:${issuer.slug}`,
          action: 'credential.issued',
          subject: `credential:${id}`,
          data: { type, format: signed.format, sha256: credentialHash(signed), claimFree: true },
        });
        await this.statistics.record(manager, [
          {
            facts: {
              holderId: input.holderId,
              credentialId: id,
              issuerSlug: issuer.slug,
              issuerCountry: issuer.country,
              credentialType: type,
              issuedAt: validFrom,
              ...subjectFacts(credentialSubject),
            },
          },
        ]);
        await onStored(manager, id);
        return id;
      },
    });
  }

  private async findIdempotent(
    issuerId: string,
    key: string,
    requestHash: string,
  ): Promise<IssuedCredentialDto | undefined> {
    const answer = await findIdempotentAnswer(this.dataSource.manager, issuerId, key, requestHash);
    if (!answer) return undefined;
    const response = answer as unknown as IssuedCredentialDto;
    return {
      ...response,
      claimCode: this.vault.openForReplay(response.claimCode, issuerId, key),
    };
  }

  private async issueChecked(
    caller: IssuerPrincipal,
    dto: IssueCredentialDto,
    idempotency?: { key: string; requestHash: string },
  ): Promise<IssuedCredentialDto> {
    const checked = await this.checks.check(caller, dto);
    const issuer = await this.issuers.cachedById(caller.issuerId);
    const signer = await this.keys.signingKey(issuer.id);
    const { type, validFrom, validUntil, credentialSubject } = checked;

    return this.signAndStore({
      issuerId: issuer.id,
      signer,
      format: securingOf(checked.format),
      compose: await this.composerFor(issuer, checked),
      store: async (manager, { id, signed, revocation, suspension }) => {
        const { holder, document } = await this.holders.findOrCreateByDocuments(manager, {
          documents: dto.holder.documents,
          givenNames: dto.holder.givenNames,
          familyNames: dto.holder.familyNames,
        });
        const claimCode = newClaimCode();
        const verifyToken = this.verifyToken(id);
        await manager.insert(
          CredentialRecord,
          insertableCredentialRow({
            id,
            issuerId: issuer.id,
            holder: {
              holderId: holder.id,
              identityDocumentId: document.id,
              claimCodeHash: hashClaimCode(claimCode),
            },
            type,
            signed,
            validFrom,
            validUntil,
            credentialSubject,
            revocation,
            suspension,
            verifyTokenHash: sha256Hex(verifyToken),
          }),
        );
        await this.audit.append(manager, {
          actor: `issuer:${issuer.slug}`,
          action: 'credential.issued',
          subject: `credential:${id}`,
          data: { type, format: signed.format, sha256: credentialHash(signed) },
        });
        await this.statistics.record(manager, [
          {
            facts: {
              holderId: holder.id,
              credentialId: id,
              issuerSlug: issuer.slug,
              issuerCountry: issuer.country,
              credentialType: type,
              issuedAt: validFrom,
              ...subjectFacts(credentialSubject),
            },
            annex: dto.statistics,
          },
        ]);
        const response: IssuedCredentialDto = {
          id,
          verifiableCredential: signed.jwt ?? signed.document,
          claimCode,
          verifyUrl: this.env.verifyUrl(verifyToken),
        };
        if (idempotency) await this.saveIdempotent(manager, issuer.id, idempotency, response);
        return response;
      },
    });
  }

  private async saveIdempotent(
    manager: EntityManager,
    issuerId: string,
    idempotency: { key: string; requestHash: string },
    response: IssuedCredentialDto,
  ): Promise<void> {
    await saveIdempotentAnswer(
      manager,
      { issuerId, ...idempotency, statusCode: 201 },
      // A replayed answer must carry the claim code again, never stored in clear.
      {
        ...response,
        claimCode: this.vault.sealForReplay(response.claimCode, issuerId, idempotency.key),
      },
    );
  }
}
