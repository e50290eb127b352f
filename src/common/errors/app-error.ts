import { ERROR_STATUS, type ErrorCode } from './error-codes.js';

export interface FieldError {
  /** Dotted path of the offending field, e.g. `holder.documents.0.country`. */
  path: string;
  message: string;
}

export interface AppErrorOptions {
  errors?: FieldError[];
  cause?: unknown;
  /** Response headers the error calls for, such as `Retry-After`. */
  headers?: Record<string, string>;
  /** Extra members of the problem body, e.g. the `reason` of NOT_ACCREDITED. */
  extensions?: Record<string, unknown>;
}

/** The one error type of the service: a stable code, a human detail, optional field errors. */
export class AppError extends Error {
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    options: AppErrorOptions = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = 'AppError';
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
