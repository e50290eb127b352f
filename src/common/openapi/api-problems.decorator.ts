import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ERROR_STATUS, type ErrorCode } from '../errors/error-codes.js';
import { PROBLEM_CONTENT_TYPE, problemType } from '../errors/problem.js';

export const PROBLEM_SCHEMA_NAME = 'Problem';

/** What an issuer route can answer before it runs: no or a bad credential, scope, issuer state. */
export const ISSUER_AUTH_PROBLEMS = [
  'UNAUTHORIZED',
  'INVALID_TOKEN',
  'FORBIDDEN',
  'INSUFFICIENT_SCOPE',
  'ISSUER_SUSPENDED',
  'ISSUER_CLOSED',
] as const satisfies readonly ErrorCode[];

/**
 * Documents the problem responses a route can give, grouped by status, each listing its codes.
 * Every route also documents INTERNAL_ERROR, which any failure of ours becomes.
 */
export function ApiProblems(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set<ErrorCode>([...codes, 'INTERNAL_ERROR'])) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ...[...byStatus.entries()].map(([status, statusCodes]) =>
      ApiResponse({ status, ...problemResponse(status, statusCodes) }),
    ),
  );
}

/**
 * The OpenAPI response of a status: problem+json, its codes listed in the description and each
 * shown as an example, so that a 401 never shows a 400's body.
 */
export function problemResponse(status: number, codes: readonly ErrorCode[]) {
  const examples = Object.fromEntries(
    codes.map((code) => [
      code,
      {
        summary: code,
        value: {
          type: problemType(code),
          title: STATUS_CODES[status],
          status,
          detail: 'What went wrong, in a sentence that names the value and the rule',
          code,
          requestId: '6f1c2b9e-4a8d-4c1e-9b7a-2d3e4f5a6b7c',
        },
      },
    ]),
  );
  return {
    description: `${STATUS_CODES[status]}: ${codes.join(', ')}`,
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` },
        examples,
      },
    },
  };
}
