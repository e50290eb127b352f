import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import type { Check } from '../../vc/verify.js';
import type { VcApiVerifyResponseDto } from './dto/verification.dto.js';
import {
  assertWithinLimits,
  VerificationPipelineService,
} from './verification-pipeline.service.js';

/** W3C VC API verification: the answer when verified, VERIFICATION_FAILED with the failed checks when not. */
@Injectable()
export class VcApiVerificationService {
  constructor(private readonly verification: VerificationPipelineService) {}

  async verifyCredential(credential: unknown): Promise<VcApiVerifyResponseDto> {
    const result = await this.verification.verify(credential);
    return answer(result.checks);
  }

  async verifyPresentation(presentation: Record<string, unknown>): Promise<VcApiVerifyResponseDto> {
    assertWithinLimits(presentation, 'presentation');
    const types: unknown[] = Array.isArray(presentation.type)
      ? presentation.type
      : [presentation.type];
    const embedded = presentation.verifiableCredential;
    const credentials = Array.isArray(embedded)
      ? (embedded as unknown[])
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
