import type { Logger } from 'pino';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { withAdvisoryLock } from './advisory-lock.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { TypeOrmPinoLogger } from './typeorm-logger.js';

// Any fixed 64-bit number: replicas starting together take turns at migrating.
const MIGRATION_LOCK_ID = 7_305_121_962;

export interface DatabaseLimits {
  /** Server side: PostgreSQL cancels a statement that runs longer (lock waits included). */
  statementTimeoutMs: number;
}

// A connection that answers nothing (a network black hole) is given up after this much more.
const CLIENT_TIMEOUT_MARGIN_MS = 5_000;

export function dataSourceOptions(
  url: string,
  logger: Logger,
  limits: DatabaseLimits = { statementTimeoutMs: 30_000 },
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    connectTimeoutMS: 5_000,
    poolSize: 10,
    // Every statement of every connection is bounded, on the server and, should the server not
    // answer at all, in the client.
    extra: {
      statement_timeout: limits.statementTimeoutMs,
      query_timeout: limits.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
    },
    logging: ['error', 'warn', 'migration'],
    logger: new TypeOrmPinoLogger(logger),
    maxQueryExecutionTime: 1_000,
  };
}

/** Applies pending migrations under an advisory lock, each in its own transaction. */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  await withAdvisoryLock(dataSource, MIGRATION_LOCK_ID, async () => {
    await dataSource.runMigrations({ transaction: 'each' });
  });
}

/** The one way the app and the migration CLI open the database. */
export async function openDataSource(
  options: DataSourceOptions,
  { migrate }: { migrate: boolean },
): Promise<DataSource> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  if (migrate) await runMigrations(dataSource);
  return dataSource;
}
