/**
 * Every error code the API can answer with, and its HTTP status. A code is added here before it
 * is thrown anywhere, so no code can reach a client unmapped.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  MALFORMED_JSON: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ISSUER_SUSPENDED: 403,
  ISSUER_CLOSED: 403,
  NOT_ACCREDITED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  SLUG_TAKEN: 409,
  INVALID_STATUS_TRANSITION: 409,
  KEY_NOT_MANAGED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  INVALID_REFERENCE: 422,
  INVALID_DATE_RANGE: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  NOT_READY: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;
