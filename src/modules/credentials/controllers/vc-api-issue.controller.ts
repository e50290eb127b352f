import { applyDecorators, Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentIssuer, IssuerRoute } from '../../../common/auth/auth.guard.js';
import type { Principal } from '../../../common/auth/principal.js';
import {
  ApiProblems,
  ISSUER_AUTH_PROBLEMS,
} from '../../../common/openapi/api-problems.decorator.js';
import { VcApiIssueRequestDto, VcApiIssueResponseDto } from '../dto/vc-api-issue.dto.js';
import { VcApiIssuanceService } from '../services/vc-api-issuance.service.js';

type IssuerPrincipal = Extract<Principal, { kind: 'issuer' }>;

/**
 * `POST <instance>/issue`, the VC API issue operation of an issuer instance: its scope, its
 * answer and every error it can give, the same for each securing mechanism.
 */
function VcApiIssueOperation(summary: string, description: string): MethodDecorator {
  return applyDecorators(
    Post('issue'),
    IssuerRoute('write:/credentials/issue'),
    ApiOperation({ summary, description }),
    ApiCreatedResponse({ type: VcApiIssueResponseDto }),
    ApiProblems(
      'VALIDATION_FAILED',
      'VC_V1_NOT_SUPPORTED',
      'UNSUPPORTED_CONTEXT',
      'INVALID_JSON_LD',
      ...ISSUER_AUTH_PROBLEMS,
      'NOT_ACCREDITED',
      'INVALID_CREDENTIAL',
      'UNKNOWN_CREDENTIAL_TYPE',
      'INVALID_SUBJECT',
      'INVALID_DATE_RANGE',
      'KEY_NOT_MANAGED',
    ),
  );
}

@ApiTags('vc-api')
@Auth('issuer')
@Controller('credentials')
export class VcApiIssueController {
  constructor(private readonly vcApi: VcApiIssuanceService) {}

  @VcApiIssueOperation(
    'W3C VC API: sign a credential you composed',
    'The API key or access token is checked first (401/403); VC 1.1 input is 400 VC_V1_NOT_SUPPORTED (we issue VC Data Model 2.0 only). Under the ACCREDITED profile a malformed body is 400 and a credential that cannot be issued here 422 (not your DID as issuer, a type, context or property we do not issue, a subject that fails the schema, validUntil before validFrom), 403 when you are not accredited for it at validFrom. Under the OPEN profile any well-formed VC 2.0 credential of yours is signed (eddsa-rdfc-2022, our status entries added; contexts we hold or inline), outside accreditation; what is not is 400 (VALIDATION_FAILED, UNSUPPORTED_CONTEXT, INVALID_JSON_LD). The credential is stored like any other, with no holder (so no claim code).',
  )
  async issue(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Body() request: VcApiIssueRequestDto,
  ): Promise<VcApiIssueResponseDto> {
    return { verifiableCredential: await this.vcApi.issue(issuer, request) };
  }
}

/**
 * The VC-JOSE issuer instance: the same issue operation, the credential secured as a VC-JWT
 * (`typ` `vc+jwt`, the payload the credential itself) and answered as an
 * EnvelopedVerifiableCredential. VCALM configures the securing mechanism per issuer instance, so
 * it has an endpoint of its own rather than an issue option.
 */
@ApiTags('vc-api')
@Auth('issuer')
@Controller('jose/credentials')
export class VcApiJoseIssueController {
  constructor(private readonly vcApi: VcApiIssuanceService) {}

  @VcApiIssueOperation(
    'W3C VC API, VC-JOSE issuer instance: sign a credential you composed as a VC-JWT',
    'As POST /credentials/issue, but the answer is `{verifiableCredential: {"@context": [...], type: "EnvelopedVerifiableCredential", id: "data:application/vc+jwt,<jwt>"}}`: a compact JWS (alg EdDSA, typ vc+jwt, kid the verification method) whose payload is the credential with our status entries.',
  )
  async issue(
    @CurrentIssuer() issuer: IssuerPrincipal,
    @Body() request: VcApiIssueRequestDto,
  ): Promise<VcApiIssueResponseDto> {
    return { verifiableCredential: await this.vcApi.issue(issuer, request, 'jwt') };
  }
}
