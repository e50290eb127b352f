import type { LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { serializeError } from './error-serializer.js';

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
  '*.clientSecret',
  '*.client_secret',
  '*.access_token',
];

/** Path segments that are themselves bearer secrets (verify and share tokens). */
const SECRET_PATH = /^(\/v\/)[^/?#]+/;
/** Query parameters that carry personal data (an issuer's search by name or document). */
const PERSONAL_QUERY = /([?&](?:holderName|documentNumber)=)[^&#]*/g;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH, '$1[redacted]').replace(PERSONAL_QUERY, '$1[redacted]');
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
