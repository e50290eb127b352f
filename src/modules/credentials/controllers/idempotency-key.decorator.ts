import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { AppError } from '../../../common/errors/app-error.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * The optional Idempotency-Key header, checked. A custom decorator rather than `@Headers()`,
 * which the OpenAPI generator would document as a second, required `idempotency-key` header
 * (Swagger UI's Execute then refused to send the call without it).
 */
export const IdempotencyKey = createParamDecorator(
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

/** Documents the optional Idempotency-Key header: what a retry with the same key gets. */
export function ApiIdempotencyKey(replay: string, example: string): MethodDecorator {
  return ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: `Optional. ${replay}`,
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source, example },
  });
}
