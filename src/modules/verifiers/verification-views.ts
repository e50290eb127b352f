import type { VerificationResponseDto } from './dto/verification.dto.js';
import type { LinkAnswer, VerificationAnswer } from './verification-answers.service.js';

export function verificationView(answer: VerificationAnswer): VerificationResponseDto {
  const { pipeline, recognition } = answer;
  return {
    verified: pipeline.verified,
    status: pipeline.status,
    checks: pipeline.checks,
    credential: { ...pipeline.summary },
    ...(recognition ? { recognition: { ...recognition } } : {}),
  };
}

/** A link with one credential answers like a presented credential; a share with more, `{items}`. */
export function linkView(
  answer: LinkAnswer,
): VerificationResponseDto | { items: VerificationResponseDto[] } {
  return answer.items.length === 1
    ? verificationView(answer.items[0])
    : { items: answer.items.map(verificationView) };
}
