import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { AppError, type FieldError } from '../errors/app-error.js';

// A NUL, or a UTF-16 surrogate not part of a pair: PostgreSQL refuses the first, and neither can
// be encoded as UTF-8 for hashing or signing.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must not contain unpaired UTF-16 surrogates';
  return undefined;
}

/**
 * Every string and object key in a value that holds a NUL or a lone surrogate, by dotted path.
 * Bodies reach here already bounded in depth by the JSON parser.
 */
export function findUnsafeText(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') {
    const message = problemOf(value);
    return message ? [{ path: path || 'value', message }] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const errors: FieldError[] = [];
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path ? `${path}.${key}` : key;
    const keyProblem = problemOf(key);
    if (keyProblem) errors.push({ path: itemPath, message: `key ${keyProblem}` });
    else errors.push(...findUnsafeText(item, itemPath));
  }
  return errors;
}

/**
 * The first global pipe, before validation: no NUL and no lone surrogate in any string of a
 * body, a query or a path parameter, whatever the DTO says; the answer names each field.
 */
export class SafeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const errors = findUnsafeText(value, metadata.data ?? '');
    if (errors.length > 0) {
      throw new AppError('VALIDATION_FAILED', 'The request has invalid characters.', { errors });
    }
    return value;
  }
}
