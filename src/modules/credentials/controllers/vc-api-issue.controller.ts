import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentIssuer, IssuerRoute } from '../../../common/auth/auth.guard.js';
import type { Principal } from '../../../common/auth/principal.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { VcApiIssueRequestDto, VcApiIssueResponseDto } from '../dto/vc-api-issue.dto.js';
import { VcApiIssuanceService } from '../services/vc-api-issuance.service.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

@ApiTags('vc-api')
@Auth('issuer')
@Controller('credentials')
export class VcApiIssueController {
  constructor(private readonly vcApi: VcApiIssuanceService) {}

  @Post('issue')
  @IssuerRoute('write:/credentials/issue')
  @ApiOperation({
    summary: 'W3C VC API: sign a credential you composed',
    description:
      'The API key or access token is checked first (401/403); then a malformed body is 400 and a credential that cannot be issued here 422 (not your DID as issuer, a type, context or property we do not issue, a subject that fails the schema, validUntil before validFrom), 403 when you are not accredited for it at validFrom. The credential is stored like any other, with no holder (so no claim code).',
  })
  @ApiCreatedResponse({ type: VcApiIssueResponseDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    'UNAUTHORIZED',
    'INVALID_TOKEN',
    'FORBIDDEN',
    'INSUFFICIENT_SCOPE',
    'ISSUER_SUSPENDED',
    'ISSUER_CLOSED',
    'NOT_ACCREDITED',
    'INVALID_CREDENTIAL',
    'UNKNOWN_CREDENTIAL_TYPE',
    'INVALID_SUBJECT',
    'INVALID_DATE_RANGE',
  )
  async issue(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Body() request: VcApiIssueRequestDto,
  ): Promise<VcApiIssueResponseDto> {
    return { verifiableCredential: await this.vcApi.issue(issuer, request) };
  }
}
