import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EmbeddedPostgres } from '../../src/database/embedded-postgres.js';

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server the suite runs against, if any (CI sets it for its second run). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/** Runs one statement on a connection of its own and gives back its rows. */
export async function queryOnce<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A fresh database on the TEST_DATABASE_URL server, so runs and files never see each other. */
export async function createServerDatabase(baseUrl: string): Promise<ThrowawayDatabase> {
  const base = new URL(baseUrl);
  const name = `${base.pathname.slice(1) || 'reconoce'}_${randomBytes(6).toString('hex')}`;
  await queryOnce(baseUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await queryOnce(baseUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** A database nobody else uses: on the test server if one is given, else embedded in memory. */
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  if (TEST_DATABASE_URL) return createServerDatabase(TEST_DATABASE_URL);
  const embedded = await EmbeddedPostgres.start();
  return { url: embedded.url, drop: () => embedded.stop() };
}
