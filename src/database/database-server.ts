import type { Logger } from 'pino';
import pg from 'pg';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../config/config.js';
import { DataDirLock } from './data-dir-lock.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { refuseUnmovedPgliteData } from './pglite-data.js';

/** The embedded server's cluster, under DATA_DIR. */
export const CLUSTER_DIR = 'postgres';
/** The database of the service on the embedded server. */
export const EMBEDDED_DATABASE = 'reconoce';

/** Where the database is: the configured server, or the embedded one this process runs. */
export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/** Creates the database on the embedded server unless it is there already. */
export async function ensureDatabase(server: EmbeddedPostgres, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

// PostgreSQL's log lines by severity: the service's own logs carry the ones worth attention.
function logServerLine(logger: Logger | undefined, line: string): void {
  if (!logger) return;
  if (/^\S.*\b(PANIC|FATAL):/.test(line)) logger.warn({ postgres: line }, 'embedded PostgreSQL');
  else if (/\bWARNING:/.test(line)) logger.warn({ postgres: line }, 'embedded PostgreSQL');
  else logger.debug({ postgres: line }, 'embedded PostgreSQL');
}

/**
 * Starts the embedded PostgreSQL server on DATA_DIR, which this process then holds alone, and
 * makes sure the service's database is there.
 */
export async function startEmbeddedServer(
  dataDir: string,
  options: {
    password: string;
    port: number;
    logger?: Logger;
    /** Start beside PGlite data (the command that moves it); otherwise refused. */
    besidePgliteData?: boolean;
  },
): Promise<{ server: EmbeddedPostgres; url: string; stop(): Promise<void> }> {
  const { logger } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = await DataDirLock.acquire(dataDir);
  let server: EmbeddedPostgres | undefined;
  try {
    if (!options.besidePgliteData) refuseUnmovedPgliteData(dataDir);
    const clusterDir = join(dataDir, CLUSTER_DIR);
    const started = performance.now();
    const initialising = !existsSync(join(clusterDir, 'PG_VERSION'));
    server = await EmbeddedPostgres.start({
      clusterDir,
      password: options.password,
      port: options.port,
      onLog: (line) => logServerLine(logger, line),
    });
    await ensureDatabase(server, EMBEDDED_DATABASE).catch((error: unknown) => {
      if ((error as { code?: unknown }).code !== '28P01') throw error;
      throw new Error(
        `The embedded server in ${clusterDir} refuses the password kept in ` +
          `${join(dataDir, 'secrets.json')}: the cluster and the secrets no longer belong together`,
        { cause: error },
      );
    });
    logger?.info(
      { port: server.port, clusterDir, initialised: initialising },
      `embedded PostgreSQL ready in ${Math.round(performance.now() - started)} ms`,
    );
  } catch (error) {
    await server?.stop().catch(() => undefined);
    lock.release();
    throw error;
  }
  const running = server;
  return {
    server: running,
    url: running.url(EMBEDDED_DATABASE),
    async stop() {
      try {
        await running.stop();
      } finally {
        lock.release();
      }
    },
  };
}

export async function startDatabaseServer(
  config: AppConfig,
  logger?: Logger,
): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  }
  if (!config.embeddedDatabase) throw new TypeError('AppConfig has no embeddedDatabase');
  const embedded = await startEmbeddedServer(config.dataDir, {
    ...config.embeddedDatabase,
    logger,
  });
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}
