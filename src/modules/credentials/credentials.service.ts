import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal.js';
import { AppError } from '../../common/errors/app-error.js';
import type { Page } from '../../common/pagination/pagination.js';
import { HolderDocumentsService } from '../holder-identity/holder-documents.service.js';
import { HolderIdentityService } from '../holder-identity/holder-identity.service.js';
import type {
  CredentialDetailDto,
  CredentialQueryDto,
  CredentialSummaryDto,
} from './dto/credential-view.dto.js';
import type {
  IssueCredentialDto,
  IssuedCredentialDto,
  ReissuedClaimCodeDto,
} from './dto/issue-credential.dto.js';
import type { CredentialRecord } from './entities/credential.entity.js';
import {
  CredentialRecordsService,
  type CredentialFilter,
  type StatusAction,
} from './services/credential-records.service.js';
import { IssuanceService } from './services/issuance.service.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

const DOCUMENT_FIELDS = ['documentType', 'documentCountry', 'documentNumber'] as const;

function summaryView(record: CredentialRecord, holderName: string | null): CredentialSummaryDto {
  return {
    id: record.id,
    type: record.type,
    format: record.format,
    status: record.status,
    summary: record.summary,
    holderName,
    validFrom: record.validFrom,
    validUntil: record.validUntil,
    sha256: record.sha256,
    createdAt: record.createdAt,
  };
}

/** The issuing API's use cases, each scoped to the calling issuer's own credentials. */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly issuance: IssuanceService,
    private readonly records: CredentialRecordsService,
    private readonly holders: HolderIdentityService,
    private readonly documents: HolderDocumentsService,
  ) {}

  issue(
    issuer: IssuerPrincipal,
    dto: IssueCredentialDto,
    idempotencyKey?: string,
  ): Promise<IssuedCredentialDto> {
    return this.issuance.issue(issuer, dto, idempotencyKey);
  }

  /**
   * The issuer's own credentials, filtered. A document is looked up by its keyed hash only (the
   * number is never stored nor logged); an unknown document finds nothing.
   */
  async list(
    issuer: IssuerPrincipal,
    query: CredentialQueryDto,
  ): Promise<Page<CredentialSummaryDto>> {
    const { type, status, issuedFrom, issuedTo, holderName } = query;
    const filter: CredentialFilter = { type, status, issuedFrom, issuedTo };
    if (holderName !== undefined) filter.holderIdsIn = this.holders.holderIdsNamedLike(holderName);
    const missing = DOCUMENT_FIELDS.filter((field) => query[field] === undefined);
    if (missing.length > 0 && missing.length < DOCUMENT_FIELDS.length) {
      throw new AppError(
        'VALIDATION_FAILED',
        'A document is searched by its type, country and number together.',
        {
          errors: missing.map((path) => ({
            path,
            message: `${path} is needed with the other document fields`,
          })),
        },
      );
    }
    if (missing.length === 0) {
      const document = await this.documents.findByDocument({
        type: query.documentType!,
        country: query.documentCountry!,
        number: query.documentNumber!,
      });
      if (!document) return { items: [], page: query.page, limit: query.limit, total: 0 };
      filter.holderOrDocument = { holderId: document.holderId, documentId: document.id };
    }
    const result = await this.records.list(issuer.issuerId, filter, query);
    const names = await this.holders.namesOf(
      result.items.flatMap((record) => (record.holderId ? [record.holderId] : [])),
    );
    return {
      ...result,
      items: result.items.map((record) =>
        summaryView(record, (record.holderId && names.get(record.holderId)) ?? null),
      ),
    };
  }

  async detail(issuer: IssuerPrincipal, id: string): Promise<CredentialDetailDto> {
    return this.detailOf(await this.records.requireOwn(issuer.issuerId, id));
  }

  async changeStatus(
    issuer: IssuerPrincipal,
    id: string,
    action: StatusAction,
    reason: string,
  ): Promise<CredentialDetailDto> {
    const record = await this.records.changeStatus(
      issuer.issuerId,
      id,
      action,
      reason,
      `issuer:${issuer.slug}`,
    );
    return this.detailOf(record);
  }

  async reissueClaimCode(
    issuer: IssuerPrincipal,
    id: string,
    reason: string,
  ): Promise<ReissuedClaimCodeDto> {
    const claimCode = await this.records.reissueClaimCode(
      issuer.issuerId,
      id,
      reason,
      `issuer:${issuer.slug}`,
    );
    return { credentialId: id, claimCode };
  }

  private async detailOf(record: CredentialRecord): Promise<CredentialDetailDto> {
    const history = await this.records.history(record.id);
    const names = await this.holders.namesOf(record.holderId ? [record.holderId] : []);
    return {
      ...summaryView(record, (record.holderId && names.get(record.holderId)) ?? null),
      verifiableCredential: record.jwt ?? record.document,
      verifyUrl: this.issuance.verifyUrlFor(record.id),
      statusHistory: history.map((change) => ({
        from: change.fromStatus,
        to: change.toStatus,
        reason: change.reason,
        at: change.at,
      })),
    };
  }
}
