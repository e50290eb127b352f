import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import type { Principal } from '../../../common/auth/principal.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import { buildCredential, issueDataIntegrity, issueJwt } from '../../../vc/issue.js';
import { isCredentialType } from '../../../vc/schemas.js';
import { statusEntry } from '../../../vc/status-list.js';
import { AuditService } from '../../audit/audit.service.js';
import { HoldersService } from '../../holders/holders.service.js';
import { ReferenceService } from '../../reference/reference.service.js';
import { AccreditationsService } from '../../registry/services/accreditations.service.js';
import { IssuerKeysService } from '../../registry/services/issuer-keys.service.js';
import { IssuersService } from '../../registry/services/issuers.service.js';
import { claimOf, standardRefsOf, summaryOf } from '../credential-claims.js';
import { hashClaimCode, newClaimCode, sha256, VerifyTokens } from '../credential-secrets.js';
import type { IssueCredentialDto, IssuedCredentialDto } from '../dto/issue-credential.dto.js';
import { CredentialRecord } from '../entities/credential.entity.js';
import { IdempotencyRecord } from '../entities/idempotency-record.entity.js';
import { StatusListsService } from './status-lists.service.js';
import { VcEnvironmentService } from './vc-environment.service.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === UNIQUE_VIOLATION
  );
}

/** Issues one credential: checks, then holder, status slots, signature, record and audit in one transaction. */
@Injectable()
export class IssuanceService {
  private readonly verifyTokens: VerifyTokens;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() config: AppConfig,
    private readonly env: VcEnvironmentService,
    private readonly issuers: IssuersService,
    private readonly keys: IssuerKeysService,
    private readonly accreditations: AccreditationsService,
    private readonly reference: ReferenceService,
    private readonly holders: HoldersService,
    private readonly statusLists: StatusListsService,
    private readonly audit: AuditService,
  ) {
    this.verifyTokens = new VerifyTokens(config.secrets.KEY_ENCRYPTION_KEY);
  }

  verifyUrlFor(credentialId: string): string {
    return this.env.verifyUrl(this.verifyTokens.forCredential(credentialId));
  }

  /** With an Idempotency-Key, a retry gets the first answer and never a second credential. */
  async issue(
    caller: IssuerPrincipal,
    dto: IssueCredentialDto,
    idempotencyKey?: string,
  ): Promise<IssuedCredentialDto> {
    if (!idempotencyKey) return this.issueChecked(caller, dto);
    const requestHash = sha256(JSON.stringify(dto));
    const previous = await this.findIdempotent(caller.issuerId, idempotencyKey, requestHash);
    if (previous) return previous;
    try {
      return await this.issueChecked(caller, dto, { key: idempotencyKey, requestHash });
    } catch (error) {
      // A concurrent request with the same key committed first: answer as it did.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.findIdempotent(caller.issuerId, idempotencyKey, requestHash);
      if (!winner) throw error;
      return winner;
    }
  }

  private async findIdempotent(
    issuerId: string,
    key: string,
    requestHash: string,
  ): Promise<IssuedCredentialDto | undefined> {
    const record = await this.dataSource
      .getRepository(IdempotencyRecord)
      .findOne({ where: { issuerId, key } });
    if (!record) return undefined;
    if (record.requestHash !== requestHash) {
      throw new AppError(
        'IDEMPOTENCY_CONFLICT',
        'This Idempotency-Key was used for another request.',
      );
    }
    return record.response as unknown as IssuedCredentialDto;
  }

  private async issueChecked(
    caller: IssuerPrincipal,
    dto: IssueCredentialDto,
    idempotency?: { key: string; requestHash: string },
  ): Promise<IssuedCredentialDto> {
    const type = dto.type;
    if (!isCredentialType(type)) {
      throw new AppError('UNKNOWN_CREDENTIAL_TYPE', `Unknown credential type ${type}.`, {
        errors: [{ path: 'type', message: `unknown credential type ${type}` }],
      });
    }
    const validFrom = dto.validFrom ? new Date(dto.validFrom) : new Date();
    const validUntil = dto.validUntil ? new Date(dto.validUntil) : undefined;
    if (validUntil && validUntil.getTime() <= validFrom.getTime()) {
      throw new AppError('INVALID_DATE_RANGE', 'validUntil must be after validFrom.', {
        errors: [{ path: 'validUntil', message: 'must be after validFrom' }],
      });
    }
    const [first] = dto.holder.documents;
    const credentialSubject = {
      name: { givenNames: dto.holder.givenNames, familyNames: dto.holder.familyNames },
      identityDocument: {
        type: first.type,
        country: first.country,
        last4: first.number
          .toUpperCase()
          .replace(/[^0-9A-Z]/g, '')
          .slice(-4),
      },
      ...dto.subject,
    };
    const validation = this.env.schemas.validateSubject(type, credentialSubject);
    if (!validation.valid) {
      throw new AppError('INVALID_SUBJECT', `The subject does not match the ${type} schema.`, {
        errors: validation.errors.map((e) => ({
          path: `subject.${e.path}`.replace(/\.$/, ''),
          message: e.message,
        })),
      });
    }
    const standardIds = await Promise.all(
      standardRefsOf(credentialSubject).map(
        async ({ code, version }) =>
          (await this.reference.getStandard(code, { version }))?.id ?? code,
      ),
    );
    const decision = await this.accreditations.check(
      caller.issuerId,
      claimOf(type, credentialSubject, validFrom, standardIds),
    );
    if (!decision.allowed) {
      throw new AppError(
        'NOT_ACCREDITED',
        `${caller.slug} is not accredited for this credential: ${decision.reason}.`,
        {
          extensions: { reason: decision.reason },
        },
      );
    }
    const issuer = await this.issuers.requireById(caller.issuerId);
    const signer = await this.keys.signingKey(issuer.id);

    return this.dataSource.transaction(async (manager) => {
      const { holder, document } = await this.holders.findOrCreateByDocuments(manager, {
        documents: dto.holder.documents,
        givenNames: dto.holder.givenNames,
        familyNames: dto.holder.familyNames,
      });
      const id = randomUUID();
      const revocation = await this.statusLists.allocate(manager, issuer.id, 'revocation');
      const suspension = await this.statusLists.allocate(manager, issuer.id, 'suspension');
      const unsigned = buildCredential({
        id: `urn:uuid:${id}`,
        type,
        issuer: { id: issuer.did, name: issuer.legalName },
        validFrom,
        validUntil,
        credentialSubject,
        contextUrl: this.env.contextUrl,
        schemaUrl: this.env.schemaUrl(type),
        credentialStatus: [
          statusEntry({
            listCredentialUrl: this.env.statusListUrl(revocation.listId),
            index: revocation.index,
            purpose: 'revocation',
          }),
          statusEntry({
            listCredentialUrl: this.env.statusListUrl(suspension.listId),
            index: suspension.index,
            purpose: 'suspension',
          }),
        ],
      });
      const jwt = dto.format === 'jwt' ? await issueJwt({ credential: unsigned, signer }) : null;
      const signed = jwt
        ? unsigned
        : await issueDataIntegrity({
            credential: unsigned,
            signer,
            documentLoader: this.env.documentLoader,
          });
      const claimCode = newClaimCode();
      const verifyToken = this.verifyTokens.forCredential(id);
      await manager.save(
        CredentialRecord,
        manager.create(CredentialRecord, {
          id,
          issuerId: issuer.id,
          holderId: holder.id,
          identityDocumentId: document.id,
          type,
          format: jwt ? 'jwt' : 'di',
          document: signed,
          jwt,
          sha256: sha256(jwt ?? JSON.stringify(signed)),
          validFrom,
          validUntil: validUntil ?? null,
          status: 'ACTIVE',
          revocationListId: revocation.listId,
          revocationIndex: revocation.index,
          suspensionListId: suspension.listId,
          suspensionIndex: suspension.index,
          summary: summaryOf(type, credentialSubject),
          claimCodeHash: hashClaimCode(claimCode),
          claimCodeUsedAt: null,
          verifyTokenHash: sha256(verifyToken),
          verifyLinkEnabled: true,
          createdAt: new Date(),
        }),
      );
      await this.audit.append(manager, {
        actor: `issuer:${issuer.slug}`,
        action: 'credential.issued',
        subject: `credential:${id}`,
        data: { type, format: jwt ? 'jwt' : 'di', sha256: sha256(jwt ?? JSON.stringify(signed)) },
      });
      const response: IssuedCredentialDto = {
        id,
        verifiableCredential: jwt ?? signed,
        claimCode,
        verifyUrl: this.env.verifyUrl(verifyToken),
      };
      if (idempotency) await this.saveIdempotent(manager, issuer.id, idempotency, response);
      return response;
    });
  }

  private async saveIdempotent(
    manager: EntityManager,
    issuerId: string,
    idempotency: { key: string; requestHash: string },
    response: IssuedCredentialDto,
  ): Promise<void> {
    await manager.save(
      IdempotencyRecord,
      manager.create(IdempotencyRecord, {
        issuerId,
        key: idempotency.key,
        requestHash: idempotency.requestHash,
        statusCode: 201,
        response: response as unknown as Record<string, unknown>,
        createdAt: new Date(),
      }),
    );
  }
}
