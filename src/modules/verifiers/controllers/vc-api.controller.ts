import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RateLimited } from '../../../common/http/rate-limit.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import {
  ApiVerificationFailed,
  CREDENTIAL_FAILED_EXAMPLE,
  PRESENTATION_FAILED_EXAMPLE,
} from './verification-failed.openapi.js';
import {
  ChallengeResponseDto,
  VcApiVerifyDto,
  VcApiVerifyPresentationDto,
  VcApiVerifyPresentationResponseDto,
  VcApiVerifyResponseDto,
} from '../dto/verification.dto.js';
import { ChallengesService } from '../challenges.service.js';
import { VcApiPresentationsService } from '../vc-api-presentations.service.js';
import { VcApiVerificationService } from '../vc-api-verification.service.js';

/**
 * W3C VC API verification, after W3C VCALM: 200 for a credential or presentation that verified or
 * whose only problems are warnings (status, validity period; `verified: false`); 422
 * `VERIFICATION_FAILED` carrying the same result when the verification found an error; 400 for
 * input that is not one, or whose proof is absent or malformed (`MALFORMED_PROOF`).
 */
@ApiTags('vc-api')
@Controller()
export class VcApiController {
  constructor(
    private readonly verification: VcApiVerificationService,
    private readonly presentations: VcApiPresentationsService,
    private readonly challenges: ChallengesService,
  ) {}

  @Post('credentials/verify')
  @HttpCode(200)
  @RateLimited('verify')
  @ApiOperation({
    summary: 'W3C VC API: verify a credential',
    description:
      '`verified` is the cryptographic verdict; the trust registry’s answers are under `registry` (see options.registryPolicy). 200 when the credential verified, or when its only problems are warnings (revoked, suspended, expired, not yet valid: `verified: false`); 422 VERIFICATION_FAILED when the verification found an error (signature, key, proof purpose or chain, unknown context, data model, schema; the registry’s checks with registryPolicy: require), the problem body carrying the whole result; 400 for what is not a credential or has no well-formed proof.',
  })
  @ApiOkResponse({ type: VcApiVerifyResponseDto })
  @ApiVerificationFailed(VcApiVerifyResponseDto, CREDENTIAL_FAILED_EXAMPLE)
  @ApiProblems(
    'VALIDATION_FAILED',
    'MALFORMED_PROOF',
    'MALFORMED_JSON',
    'DOCUMENT_LIMIT_EXCEEDED',
    'RATE_LIMITED',
    'VERIFICATION_TIMEOUT',
  )
  verifyCredential(@Body() dto: VcApiVerifyDto): Promise<VcApiVerifyResponseDto> {
    return this.verification.verifyCredential(dto.verifiableCredential, dto.options);
  }

  @Post('presentations/verify')
  @HttpCode(200)
  @RateLimited('verify')
  @ApiOperation({
    summary: 'W3C VC API: verify a presentation, its proof and the credentials in it',
    description:
      'A challenge from POST /challenges is used once and expires; a presentation carrying one already used or expired is not verified. 200 when the presentation verified, or when its only problems are a credential’s warnings (revoked, suspended, expired: `verified: false`); 422 VERIFICATION_FAILED, the problem body carrying the whole result, when its proof, challenge, domain or holder binding fails or a credential in it has an error.',
  })
  @ApiOkResponse({ type: VcApiVerifyPresentationResponseDto })
  @ApiVerificationFailed(VcApiVerifyPresentationResponseDto, PRESENTATION_FAILED_EXAMPLE)
  @ApiProblems(
    'VALIDATION_FAILED',
    'MALFORMED_PROOF',
    'MALFORMED_JSON',
    'DOCUMENT_LIMIT_EXCEEDED',
    'RATE_LIMITED',
    'VERIFICATION_TIMEOUT',
  )
  verifyPresentation(
    @Body() dto: VcApiVerifyPresentationDto,
  ): Promise<VcApiVerifyPresentationResponseDto> {
    return this.presentations.verify(dto);
  }

  @Post('challenges')
  @HttpCode(200)
  @RateLimited('verify')
  @ApiOperation({
    summary: 'W3C VC API: a challenge for a presentation (single use, expires in 10 minutes)',
    description:
      'W3C VC API: a fresh challenge for `POST /presentations/verify`, single use, valid for 10 minutes.',
  })
  @ApiOkResponse({ type: ChallengeResponseDto })
  @ApiProblems('RATE_LIMITED')
  async createChallenge(): Promise<ChallengeResponseDto> {
    const { challenge, expires } = await this.challenges.create();
    return { challenge, expires: expires.toISOString() };
  }
}
