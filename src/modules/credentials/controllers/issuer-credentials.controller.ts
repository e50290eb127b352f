import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentIssuer, IssuerRoute } from '../../../common/auth/auth.guard.js';
import type { Principal } from '../../../common/auth/principal.js';
import {
  ApiProblems,
  ISSUER_AUTH_PROBLEMS as AUTH_PROBLEMS,
} from '../../../common/openapi/api-problems.decorator.js';
import type { Page } from '../../../common/pagination/pagination.js';
import { DEMO_CREDENTIALS } from '../../demo/demo-credentials.js';
import { CredentialsService } from '../credentials.service.js';
import {
  CredentialDetailDto,
  CredentialPageDto,
  CredentialQueryDto,
  type CredentialSummaryDto,
} from '../dto/credential-view.dto.js';
import {
  ClaimCodeReissueInputDto,
  IssueCredentialDto,
  IssuedCredentialDto,
  ReissuedClaimCodeDto,
  StatusChangeInputDto,
} from '../dto/issue-credential.dto.js';
import { ApiIdempotencyKey, IdempotencyKey } from './idempotency-key.decorator.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;
/** The documented example is the demo region's own request: it works as sent on a demo instance. */
export const DEMO_ISSUE_EXAMPLE = DEMO_CREDENTIALS.find((c) => c.name === 'maria-cuidado')?.request;
@ApiTags('issuer')
@Auth('issuer')
@Controller('issuer/credentials')
export class IssuerCredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  @ApiBody({
    type: IssueCredentialDto,
    examples: {
      'maria-cuidado': {
        summary:
          "María Demo Rivas's elderly-care certificate, as the demo region's co-ens issued it",
        value: DEMO_ISSUE_EXAMPLE,
      },
    },
  })
  @IssuerRoute('write:/issuer/credentials')
  @ApiOperation({
    summary: 'Issue one signed credential',
    description:
      "Signs one credential of an accredited type for a holder known by an identity document, and stores it. The answer holds the signed credential, the holder's one-time claim code (print it for them: it is not kept in clear) and the verify link. The document number is used only to find the holder and is never stored. With `Idempotency-Key`, a retry gets the same answer.",
  })
  @ApiIdempotencyKey(
    'A retry with the same key (and the same body) gets the first answer again, claim code ' +
      'included, instead of a second credential.',
    'import-2026-03-row-17',
  )
  @ApiCreatedResponse({ type: IssuedCredentialDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    ...AUTH_PROBLEMS,
    'NOT_ACCREDITED',
    'UNKNOWN_CREDENTIAL_TYPE',
    'INVALID_SUBJECT',
    'INVALID_DATE_RANGE',
    'OPEN_BADGE_TYPE_UNSUPPORTED',
    'OPEN_BADGE_INVALID',
    'IDEMPOTENCY_CONFLICT',
  )
  issue(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Body() dto: IssueCredentialDto,
    @IdempotencyKey() idempotencyKey?: string,
  ): Promise<IssuedCredentialDto> {
    return this.credentials.issue(issuer, dto, idempotencyKey);
  }

  @Get()
  @IssuerRoute('read:/issuer/credentials')
  @ApiOperation({
    summary: "Search the issuer's own credentials",
    description:
      "The credentials this issuer issued, newest first, paged, each with its holder's names. Filters combine: `holderName` (a part of the names, case and accents aside), a document (`documentType`, `documentCountry` and `documentNumber` together: the holder known by it, found through the document's keyed hash; the number is never stored nor logged), `type`, `status`, and the issue date (`issuedFrom`, `issuedTo`, inclusive days). Another issuer's credentials never appear.",
  })
  @ApiOkResponse({ type: CredentialPageDto })
  @ApiProblems('VALIDATION_FAILED', 'DOCUMENT_NUMBER_INVALID', ...AUTH_PROBLEMS)
  list(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Query() query: CredentialQueryDto,
  ): Promise<Page<CredentialSummaryDto>> {
    return this.credentials.list(issuer, query);
  }

  @Get(':id')
  @IssuerRoute('read:/issuer/credentials')
  @ApiOperation({
    summary: 'One of the issuer’s credentials, as issued, with its status history',
    description:
      "One of this issuer's credentials: the signed credential as issued, its status, holder's names, verify link and status history. Another issuer's credential is 404.",
  })
  @ApiOkResponse({ type: CredentialDetailDto })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  get(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Param('id') id: string,
  ): Promise<CredentialDetailDto> {
    return this.credentials.detail(issuer, id);
  }

  @Post(':id/revoke')
  @ApiBody({
    type: StatusChangeInputDto,
    examples: {
      'issued-in-error': {
        summary: 'Revoke a certificate issued by mistake',
        value: { reason: 'Emitida por error: la evaluación no se completó' },
      },
    },
  })
  @IssuerRoute('write:/issuer/credentials')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke for good',
    description:
      'Revokes the credential for good: its revocation bit is set in the status list, verifiers see it revoked, and it cannot be reinstated. The reason is kept in the status history and the audit log.',
  })
  @ApiOkResponse({ type: CredentialDetailDto })
  @ApiProblems('VALIDATION_FAILED', ...AUTH_PROBLEMS, 'NOT_FOUND', 'ALREADY_REVOKED')
  revoke(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Param('id') id: string,
    @Body() dto: StatusChangeInputDto,
  ): Promise<CredentialDetailDto> {
    return this.credentials.changeStatus(issuer, id, 'revoke', dto.reason);
  }

  @Post(':id/suspend')
  @ApiBody({
    type: StatusChangeInputDto,
    examples: {
      'under-review': {
        summary: 'Suspend while a complaint is looked into',
        value: { reason: 'Revisión por una queja sobre la evaluación' },
      },
    },
  })
  @IssuerRoute('write:/issuer/credentials')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Suspend until reinstated',
    description:
      'Suspends the credential: its suspension bit is set, verifiers see it suspended until it is reinstated. Open Badges cannot be suspended (409 SUSPENSION_NOT_SUPPORTED).',
  })
  @ApiOkResponse({ type: CredentialDetailDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    ...AUTH_PROBLEMS,
    'NOT_FOUND',
    'ALREADY_REVOKED',
    'INVALID_STATUS_TRANSITION',
    'SUSPENSION_NOT_SUPPORTED',
  )
  suspend(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Param('id') id: string,
    @Body() dto: StatusChangeInputDto,
  ): Promise<CredentialDetailDto> {
    return this.credentials.changeStatus(issuer, id, 'suspend', dto.reason);
  }

  @Post(':id/reinstate')
  @ApiBody({
    type: StatusChangeInputDto,
    examples: {
      'review-closed': {
        summary: 'Reinstate after the review',
        value: { reason: 'Revisión cerrada: la evaluación fue correcta' },
      },
    },
  })
  @IssuerRoute('write:/issuer/credentials')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Lift a suspension',
    description:
      'Lifts a suspension: the suspension bit is cleared and the credential verifies again. Only a suspended credential can be reinstated.',
  })
  @ApiOkResponse({ type: CredentialDetailDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    ...AUTH_PROBLEMS,
    'NOT_FOUND',
    'ALREADY_REVOKED',
    'INVALID_STATUS_TRANSITION',
  )
  reinstate(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Param('id') id: string,
    @Body() dto: StatusChangeInputDto,
  ): Promise<CredentialDetailDto> {
    return this.credentials.changeStatus(issuer, id, 'reinstate', dto.reason);
  }

  @Post(':id/claim-code')
  @ApiBody({
    type: ClaimCodeReissueInputDto,
    examples: {
      'printout-lost': {
        summary: 'The holder lost the printed code',
        value: { reason: 'La persona perdió la hoja impresa con el código' },
      },
    },
  })
  @IssuerRoute('write:/issuer/credentials')
  @ApiOperation({
    summary: 'A new claim code for a credential not yet claimed, when the first was lost',
    description:
      'When the holder lost the claim code: a new one, in this answer only; the previous code stops working. Refused for a credential already claimed (409 ALREADY_CLAIMED), revoked, or issued without a holder. Audited with the reason.',
  })
  @ApiCreatedResponse({ type: ReissuedClaimCodeDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    ...AUTH_PROBLEMS,
    'NOT_FOUND',
    'ALREADY_REVOKED',
    'ALREADY_CLAIMED',
    'NO_CLAIM_CODE',
  )
  reissueClaimCode(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Param('id') id: string,
    @Body() dto: ClaimCodeReissueInputDto,
  ): Promise<ReissuedClaimCodeDto> {
    return this.credentials.reissueClaimCode(issuer, id, dto.reason);
  }
}
