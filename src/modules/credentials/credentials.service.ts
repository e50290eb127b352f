import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal.js';
import type { Page, PageQueryDto } from '../../common/pagination/pagination.js';
import type { CredentialDetailDto, CredentialSummaryDto } from './dto/credential-view.dto.js';
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

function summaryView(record: CredentialRecord): CredentialSummaryDto {
  return {
    id: record.id,
    type: record.type,
    format: record.format,
    status: record.status,
    summary: record.summary,
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
  ) {}

  issue(
    issuer: IssuerPrincipal,
    dto: IssueCredentialDto,
    idempotencyKey?: string,
  ): Promise<IssuedCredentialDto> {
    return this.issuance.issue(issuer, dto, idempotencyKey);
  }

  async list(
    issuer: IssuerPrincipal,
    filter: CredentialFilter,
    page: PageQueryDto,
  ): Promise<Page<CredentialSummaryDto>> {
    const result = await this.records.list(issuer.issuerId, filter, page);
    return { ...result, items: result.items.map(summaryView) };
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
    return {
      ...summaryView(record),
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
