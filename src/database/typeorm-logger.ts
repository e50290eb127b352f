import type { Logger as PinoLogger } from 'pino';
import type { Logger } from 'typeorm';

const SLOW_QUERY_MS = 1_000;

/**
 * TypeORM's logs as pino JSON. Query parameters are never logged: they carry names and other
 * personal data; the SQL text has only placeholders.
 */
export class TypeOrmPinoLogger implements Logger {
  private readonly logger: PinoLogger;

  constructor(logger: PinoLogger) {
    this.logger = logger.child({ context: 'TypeORM' });
  }

  logQuery(): void {}

  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ err: error, query }, 'Query failed');
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= SLOW_QUERY_MS) this.logger.warn({ durationMs: time, query }, 'Slow query');
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
