import type { LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';

/** Paths pino censors wherever they appear: credentials, secrets and personal identifiers. */
const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.apiKey',
  '*.secret',
  '*.secrets',
  '*.privateKey',
  '*.documentNumber',
  '*.claimCode',
];

/** Path segments that are themselves bearer secrets (verify and share tokens). */
const SECRET_PATH = /^(\/v\/)[^/?#]+/;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH, '$1[redacted]');
}

/**
 * Errors as log fields, by allow-list: the type, message, stack and code, and the cause chain.
 * Properties a library hangs on its errors are left out — a failing query carries its
 * parameters, the row it failed on and, in a body-parser error, the body. A database error
 * keeps its SQLSTATE and the constraint, table and column it names, and its message loses the
 * quoted values PostgreSQL puts in it (`invalid input syntax for type uuid: "…"`).
 */
export function serializeError(error: unknown, depth = 0): unknown {
  if (typeof error === 'string') return redactQuoted(error);
  if (!(error instanceof Error)) {
    return typeof error === 'object' && error !== null ? { type: 'non-error object' } : error;
  }
  const database = isDatabaseError(error);
  const message = database ? redactQuoted(error.message) : error.message;
  const stackFrames = (error.stack ?? '').split('\n').slice(1).join('\n');
  const fields = error as unknown as Record<string, unknown>;
  const serialized: Record<string, unknown> = {
    type: error.constructor.name,
    message,
    stack: `${error.name}: ${message}\n${stackFrames}`,
  };
  for (const key of database ? DATABASE_ERROR_FIELDS : ['code']) {
    const value = fields[key] ?? (fields.driverError as Record<string, unknown> | undefined)?.[key];
    if (typeof value === 'string' || typeof value === 'number') serialized[key] = value;
  }
  if (error.cause !== undefined && depth < 5)
    serialized.cause = serializeError(error.cause, depth + 1);
  return serialized;
}

// What identifies a database failure without holding any of the data: no detail, no where, no
// parameters, no query (hand-built SQL may carry literals).
const DATABASE_ERROR_FIELDS = ['code', 'severity', 'constraint', 'table', 'column', 'routine'];

function isDatabaseError(error: Error): boolean {
  const fields = error as unknown as Record<string, unknown>;
  return (
    'driverError' in fields ||
    error.name === 'QueryFailedError' ||
    (typeof fields.severity === 'string' && typeof fields.code === 'string')
  );
}

/** Text with every double- or single-quoted part replaced: values, and identifiers with them. */
export function redactQuoted(text: string): string {
  return text.replace(/"(?:[^"]|"")*"|'(?:[^']|'')*'/g, (quoted) => `${quoted[0]}…${quoted[0]}`);
}

export function createLogger(
  level: LoggerOptions['level'],
  destination: DestinationStream = pino.destination(1),
): Logger {
  return pino(
    {
      level,
      base: { service: 'reconoce' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** One line per request: id, method, path (tokens redacted), status and duration; no bodies. */
export function createHttpLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req) => req.id,
    serializers: {
      req: (req: IncomingMessage & { id: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url ?? ''),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  });
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/** Nest's logger interface over pino, so framework and application logs are the same JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    // Nest appends the context name as the last parameter.
    const context = typeof params.at(-1) === 'string' ? (params.pop() as string) : undefined;
    if (typeof message === 'object' && message !== null) {
      const text = typeof params[0] === 'string' ? params[0] : '';
      this.logger[level]({ context, ...message }, text);
      return;
    }
    const stack = typeof params[0] === 'string' ? params[0] : undefined;
    this.logger[level]({ context, stack }, String(message));
  }
}
