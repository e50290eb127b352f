import type { Logger as PinoLogger } from 'pino';
import type { Logger } from 'typeorm';
import { redactQuoted } from '../common/logging/error-serializer.js';

const SLOW_QUERY_MS = 1_000;

/**
 * TypeORM's logs as pino JSON. Query parameters are never logged: they carry names and other
 * personal data. The SQL text is logged with its quoted literals blanked, for SQL built with
 * values in it; the error goes through the logger's allow-list serializer (no detail, no row).
 */
export class TypeOrmPinoLogger implements Logger {
  private readonly logger: PinoLogger;

  constructor(logger: PinoLogger) {
    this.logger = logger.child({ context: 'TypeORM' });
  }

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ err: error, query: redactQuoted(query) }, 'Query failed');
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= SLOW_QUERY_MS) {
      this.logger.warn({ durationMs: time, query: redactQuoted(query) }, 'Slow query');
    }
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.info(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.logger[level === 'warn' ? 'warn' : 'info'](String(message));
  }
}
