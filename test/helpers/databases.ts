import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server the suite runs against, if any (CI sets it for its second run). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

/**
 * Set by the global setup (test/global-setup.ts) for every test file: a superuser URL of the
 * suite's server (TEST_DATABASE_URL's, else the embedded one) and its migrated template database.
 */
export const SUITE_SERVER_URL = 'RECONOCE_TEST_SERVER_URL';
export const SUITE_TEMPLATE = 'RECONOCE_TEST_TEMPLATE';

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

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database on the server of `serverUrl`, a copy of `template` if one is named. */
export async function createDatabase(
  serverUrl: string,
  template?: string,
): Promise<ThrowawayDatabase> {
  const name = `reconoce_test_${randomBytes(6).toString('hex')}`;
  const copy = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : '';
  await queryOnce(serverUrl, `CREATE DATABASE ${pg.escapeIdentifier(name)}${copy}`);
  return {
    url: databaseUrl(serverUrl, name),
    drop: async () => {
      await queryOnce(
        serverUrl,
        `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`,
      );
    },
  };
}

/**
 * A migrated database nobody else uses, copied from the suite's template: so runs and files never
 * see each other, and none pays for the migrations again.
 */
export async function createThrowawayDatabase(): Promise<ThrowawayDatabase> {
  const server = process.env[SUITE_SERVER_URL];
  const template = process.env[SUITE_TEMPLATE];
  if (!server || !template) {
    throw new Error('No test database server: run the tests with jest.config.js (globalSetup)');
  }
  return createDatabase(server, template);
}
