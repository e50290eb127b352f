import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { AppError, type FieldError } from '../errors/app-error.js';

/** Flattens class-validator's tree into `{path, message}` pairs with dotted paths. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...toFieldErrors(error.children ?? [], path)];
  });
}

/** The validator's rules, shared by the global pipe and the portal's forms. */
export const VALIDATOR_OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
} as const;

/**
 * The strict global pipe: unknown fields are refused, types are converted only as declared, and
 * every invalid field is named in the 400 answer.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...VALIDATOR_OPTIONS,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new AppError('VALIDATION_FAILED', 'The request has invalid fields.', {
        errors: toFieldErrors(errors),
      }),
  });
}
