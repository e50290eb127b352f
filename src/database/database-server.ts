import type { AppConfig } from '../config/config.js';
import { join } from 'node:path';
import { EmbeddedPostgres } from './embedded-postgres.js';

/** Where the database is: the configured server, or an embedded one this process runs. */
export interface DatabaseServer {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export async function startDatabaseServer(config: AppConfig): Promise<DatabaseServer> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  }
  const embedded = await EmbeddedPostgres.start({ dataDir: join(config.dataDir, 'pgdata') });
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}
