import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError } from '../../../common/errors/app-error.js';
import { RateLimited } from '../../../common/http/rate-limit.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import type { Check } from '../../../vc/verify.js';
import {
  VcApiVerifyDto,
  VcApiVerifyPresentationDto,
  VcApiVerifyResponseDto,
} from '../dto/verification.dto.js';
import { VerificationService } from '../verification.service.js';

function answer(checks: Check[], warnings: string[] = []): VcApiVerifyResponseDto {
  const failed = checks.filter((c) => c.status === 'failed');
  if (failed.length > 0) {
    throw new AppError('VERIFICATION_FAILED', 'The credential did not verify.', {
      errors: failed.map((c) => ({ path: c.id, message: `${c.code}: ${c.message}` })),
      extensions: {
        verified: false,
        checks: checks.filter((c) => c.status === 'passed').map((c) => c.id),
        warnings,
      },
    });
  }
  return {
    verified: true,
    checks: checks.filter((c) => c.status === 'passed').map((c) => c.id),
    warnings: [
      ...warnings,
      ...checks.filter((c) => c.status === 'skipped').map((c) => `${c.id}: ${c.message}`),
    ],
    errors: [],
  };
}

/** W3C VC API verification: 200 when verified, 422 with the failed checks when not. */
@ApiTags('vc-api')
@Controller()
export class VcApiController {
  constructor(private readonly verification: VerificationService) {}

  @Post('credentials/verify')
  @HttpCode(200)
  @RateLimited('verify')
  @ApiOperation({ summary: 'W3C VC API: verify a credential' })
  @ApiOkResponse({ type: VcApiVerifyResponseDto })
  @ApiProblems('VALIDATION_FAILED', 'MALFORMED_JSON', 'VERIFICATION_FAILED', 'RATE_LIMITED')
  async verifyCredential(@Body() dto: VcApiVerifyDto): Promise<VcApiVerifyResponseDto> {
    const result = await this.verification.verify(dto.verifiableCredential);
    return answer(result.checks);
  }

  @Post('presentations/verify')
  @HttpCode(200)
  @RateLimited('verify')
  @ApiOperation({ summary: 'W3C VC API: verify the credentials of a presentation' })
  @ApiOkResponse({ type: VcApiVerifyResponseDto })
  @ApiProblems('VALIDATION_FAILED', 'MALFORMED_JSON', 'VERIFICATION_FAILED', 'RATE_LIMITED')
  async verifyPresentation(
    @Body() dto: VcApiVerifyPresentationDto,
  ): Promise<VcApiVerifyResponseDto> {
    const presentation = dto.verifiablePresentation;
    const types = Array.isArray(presentation.type) ? presentation.type : [presentation.type];
    const embedded = presentation.verifiableCredential;
    const credentials = Array.isArray(embedded)
      ? embedded
      : embedded === undefined
        ? []
        : [embedded];
    if (!types.includes('VerifiablePresentation') || credentials.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'Not a presentation with credentials.', {
        errors: [
          {
            path: 'verifiablePresentation',
            message: 'must be a VerifiablePresentation holding at least one credential',
          },
        ],
      });
    }
    const checks: Check[] = [];
    for (const [i, credential] of credentials.entries()) {
      const result = await this.verification.verify(credential);
      checks.push(...result.checks.map((c) => ({ ...c, id: `verifiableCredential.${i}.${c.id}` })));
    }
    // Holders have no keys of their own yet, so a holder proof cannot be checked: say so.
    const warnings = presentation.proof
      ? ['presentation proof: not checked (holder keys are not registered)']
      : [];
    return answer(checks, warnings);
  }
}
