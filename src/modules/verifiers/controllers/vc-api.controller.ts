import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RateLimited } from '../../../common/http/rate-limit.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import {
  VcApiVerifyDto,
  VcApiVerifyPresentationDto,
  VcApiVerifyResponseDto,
} from '../dto/verification.dto.js';
import { VcApiVerificationService } from '../vc-api-verification.service.js';

/** W3C VC API verification: 200 when verified, 422 with the failed checks when not. */
@ApiTags('vc-api')
@Controller()
export class VcApiController {
  constructor(private readonly verification: VcApiVerificationService) {}

  @Post('credentials/verify')
  @HttpCode(200)
  @RateLimited('verify')
  @ApiOperation({ summary: 'W3C VC API: verify a credential' })
  @ApiOkResponse({ type: VcApiVerifyResponseDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    'MALFORMED_JSON',
    'DOCUMENT_LIMIT_EXCEEDED',
    'VERIFICATION_FAILED',
    'RATE_LIMITED',
    'VERIFICATION_TIMEOUT',
  )
  verifyCredential(@Body() dto: VcApiVerifyDto): Promise<VcApiVerifyResponseDto> {
    return this.verification.verifyCredential(dto.verifiableCredential);
  }

  @Post('presentations/verify')
  @HttpCode(200)
  @RateLimited('verify')
  @ApiOperation({ summary: 'W3C VC API: verify the credentials of a presentation' })
  @ApiOkResponse({ type: VcApiVerifyResponseDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    'MALFORMED_JSON',
    'DOCUMENT_LIMIT_EXCEEDED',
    'VERIFICATION_FAILED',
    'RATE_LIMITED',
    'VERIFICATION_TIMEOUT',
  )
  verifyPresentation(@Body() dto: VcApiVerifyPresentationDto): Promise<VcApiVerifyResponseDto> {
    return this.verification.verifyPresentation(dto.verifiablePresentation);
  }
}
