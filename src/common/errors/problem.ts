import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { AppError, type FieldError } from './app-error.js';
import { ERROR_STATUS, type ErrorCode } from './error-codes.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** RFC 9457 problem details, with our stable `code` and the request id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  requestId: string;
  [extension: string]: unknown;
}

export interface ProblemResponse {
  problem: Problem;
  headers: Record<string, string>;
  /** True for unexpected failures: they are logged with their cause, never shown. */
  internal: boolean;
}

const CODE_FOR_HTTP_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'NOT_READY',
};

// What a framework exception says, never echoing the request.
const HTTP_EXCEPTION_DETAIL: Partial<Record<ErrorCode, string>> = {
  BAD_REQUEST: 'The request is malformed.',
  UNAUTHORIZED: 'Authentication is required.',
  FORBIDDEN: 'This caller may not do that.',
  NOT_FOUND: 'Nothing is found at this address.',
  METHOD_NOT_ALLOWED: 'This method is not allowed here.',
  NOT_ACCEPTABLE: 'No acceptable representation.',
  CONFLICT: 'The request conflicts with the current state.',
  PAYLOAD_TOO_LARGE: 'The request body is larger than allowed.',
  UNSUPPORTED_MEDIA_TYPE: 'The request body type is not supported.',
  UNPROCESSABLE: 'The request cannot be processed.',
  RATE_LIMITED: 'Too many requests; try again later.',
  NOT_READY: 'The service is not ready; try again shortly.',
};

/** Errors raised by the body parser (`http-errors` objects carrying a `type`). */
interface ParserError {
  type: string;
  status?: number;
}

function isParserError(error: unknown): error is ParserError {
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { type?: unknown }).type === 'string' &&
    typeof (error as { status?: unknown }).status === 'number'
  );
}

function fromParserError(error: ParserError): { code: ErrorCode; detail: string } | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return { code: 'MALFORMED_JSON', detail: 'The request body is not valid JSON.' };
    case 'entity.too.large':
      return { code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is larger than allowed.' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: 'The request body encoding is not supported.',
      };
    case 'request.aborted':
    case 'request.size.invalid':
      return { code: 'BAD_REQUEST', detail: 'The request body was incomplete.' };
    default:
      return undefined;
  }
}

/** Seconds a client is asked to wait when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATEs of a database that cannot serve now: connection exceptions (08), insufficient
// resources (53), a cancelled statement (57014, the statement timeout) and shutdowns (57P0x).
const UNAVAILABLE_SQLSTATE = /^(08...|53...|57014|57P0[1-3])$/;
// Node's network failures, as the driver reports a connection it could not make or lost.
const NETWORK_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
// node-postgres's own messages for a lost, refused or silent connection.
const DRIVER_UNAVAILABLE =
  /^(Connection terminated|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error)/;

/**
 * Whether an error says the database cannot be reached or cannot serve now, rather than that a
 * statement is wrong: the driver's error, or one TypeORM wrapped (`driverError`) or we did
 * (`cause`).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, driverError, cause } = error as Record<string, unknown>;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || NETWORK_ERRNO.has(code))) {
    return true;
  }
  if (typeof message === 'string' && DRIVER_UNAVAILABLE.test(message)) return true;
  return isDatabaseUnavailable(driverError, depth + 1) || isDatabaseUnavailable(cause, depth + 1);
}

/** The RFC 9457 `type` of a code: `urn:reconoce:problem:<code in kebab case>`. */
export function problemType(code: ErrorCode): string {
  return `urn:reconoce:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

function classify(error: unknown): {
  code: ErrorCode;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
} {
  if (error instanceof AppError) {
    const { code, detail, errors, headers, extensions } = error;
    return { code, detail, errors, headers, extensions };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_FOR_HTTP_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
    // Nest's own messages quote the request ("Cannot GET /<path>"): a fixed text per code instead.
    return { code, detail: HTTP_EXCEPTION_DETAIL[code] ?? 'An unexpected error occurred.' };
  }
  if (isParserError(error)) {
    const known = fromParserError(error);
    if (known) return known;
  }
  if (isDatabaseUnavailable(error)) {
    return {
      code: 'DATABASE_UNAVAILABLE',
      detail: 'The database is unavailable; try again shortly.',
      headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  return { code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred.' };
}

/** Turns any thrown value into the problem body, status and headers the client receives. */
export function toProblem(error: unknown, requestId: string): ProblemResponse {
  const { code, detail, errors, headers, extensions } = classify(error);
  const status = ERROR_STATUS[code];
  const problem: Problem = {
    ...extensions,
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
    requestId,
  };
  return { problem, headers: headers ?? {}, internal: code === 'INTERNAL_ERROR' };
}
