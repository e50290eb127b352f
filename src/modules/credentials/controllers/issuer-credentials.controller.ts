import {
  Body,
  Controller,
  createParamDecorator,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, CurrentIssuer, IssuerRoute } from '../../../common/auth/auth.guard.js';
import type { Principal } from '../../../common/auth/principal.js';
import { AppError } from '../../../common/errors/app-error.js';
import {
  ApiProblems,
  ISSUER_AUTH_PROBLEMS as AUTH_PROBLEMS,
} from '../../../common/openapi/api-problems.decorator.js';
import type { Page } from '../../../common/pagination/pagination.js';
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

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * The optional Idempotency-Key header, checked. A custom decorator rather than `@Headers()`,
 * which the OpenAPI generator would document as a second, required `idempotency-key` header
 * (Swagger UI's Execute then refused to send the call without it).
 */
const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
      throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key header is malformed.', {
        errors: [{ path: 'Idempotency-Key', message: 'must be 1–200 of A-Z a-z 0-9 . _ : -' }],
      });
    }
    return value;
  },
);

@ApiTags('issuer')
@Auth('issuer')
@Controller('issuer/credentials')
export class IssuerCredentialsController {
  constructor(private readonly credentials: CredentialsService) {}

  @Post()
  @IssuerRoute('write:/issuer/credentials')
  @ApiOperation({ summary: 'Issue one signed credential' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Optional. A retry with the same key (and the same body) gets the first answer again, ' +
      'claim code included, instead of a second credential.',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source, example: 'import-2026-03-row-17' },
  })
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
  @ApiOperation({ summary: "The issuer's own credentials" })
  @ApiOkResponse({ type: CredentialPageDto })
  @ApiProblems('VALIDATION_FAILED', ...AUTH_PROBLEMS)
  list(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Query() query: CredentialQueryDto,
  ): Promise<Page<CredentialSummaryDto>> {
    const { type, status, issuedFrom, issuedTo } = query;
    return this.credentials.list(issuer, { type, status, issuedFrom, issuedTo }, query);
  }

  @Get(':id')
  @IssuerRoute('read:/issuer/credentials')
  @ApiOperation({ summary: 'One of the issuer’s credentials, as issued, with its status history' })
  @ApiOkResponse({ type: CredentialDetailDto })
  @ApiProblems(...AUTH_PROBLEMS, 'NOT_FOUND')
  get(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Param('id') id: string,
  ): Promise<CredentialDetailDto> {
    return this.credentials.detail(issuer, id);
  }

  @Post(':id/revoke')
  @IssuerRoute('write:/issuer/credentials')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke for good' })
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
  @IssuerRoute('write:/issuer/credentials')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suspend until reinstated' })
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
  @IssuerRoute('write:/issuer/credentials')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift a suspension' })
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
  @IssuerRoute('write:/issuer/credentials')
  @ApiOperation({
    summary: 'A new claim code for a credential not yet claimed, when the first was lost',
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
