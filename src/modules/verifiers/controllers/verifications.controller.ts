import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError } from '../../../common/errors/app-error.js';
import { RateLimited } from '../../../common/http/rate-limit.js';
import { ApiProblems } from '../../../common/openapi/api-problems.decorator.js';
import { VerificationRequestDto, VerificationResponseDto } from '../dto/verification.dto.js';
import { linkView, verificationView } from '../verification-views.js';
import { VerificationAnswersService } from '../verification-answers.service.js';

@ApiTags('verification')
@Controller('verifications')
export class VerificationsController {
  constructor(private readonly verifiers: VerificationAnswersService) {}

  @Post()
  @HttpCode(200)
  @RateLimited('verify')
  @ApiOperation({
    summary:
      'Verify a credential (or a link token) and, given a country, say what it is recognised as there',
    description:
      'Verifies a credential (Data Integrity or VC-JWT) or the credentials behind a link token: signature, issuer in the trust list, accreditation, status and validity. With `country` (and `purpose`, default EMPLOYMENT) it also says what the credential is recognised as in that country under the agreements in force. `destinationCountry` is the deprecated name of `country`.',
  })
  @ApiOkResponse({ type: VerificationResponseDto })
  @ApiProblems(
    'VALIDATION_FAILED',
    'MALFORMED_JSON',
    'DOCUMENT_LIMIT_EXCEEDED',
    'INVALID_REFERENCE',
    'NOT_FOUND',
    'RATE_LIMITED',
    'VERIFICATION_TIMEOUT',
  )
  async verify(
    @Body() dto: VerificationRequestDto,
  ): Promise<VerificationResponseDto | { items: VerificationResponseDto[] }> {
    if (dto.country && dto.destinationCountry && dto.country !== dto.destinationCountry) {
      throw new AppError('VALIDATION_FAILED', 'country and destinationCountry disagree.', {
        errors: [{ path: 'destinationCountry', message: 'must equal country, or be left out' }],
      });
    }
    const request = {
      destinationCountry: dto.country ?? dto.destinationCountry,
      countryParameter: dto.country ? ('country' as const) : ('destinationCountry' as const),
      purpose: dto.purpose,
      date: dto.date,
    };
    return dto.token
      ? linkView(await this.verifiers.verifyLink(dto.token, request))
      : verificationView(await this.verifiers.verifyPresented(dto.verifiableCredential, request));
  }
}
