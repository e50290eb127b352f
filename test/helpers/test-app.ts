import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from './databases.js';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  http: TestAgent;
  /** The app's own DataSource, for asserting what was (not) stored. */
  dataSource: DataSource;
  close(): Promise<void>;
}

export function testSecrets(): Record<string, string> {
  const secret = () => randomBytes(32).toString('base64url');
  return {
    ADMIN_TOKEN: `rca_${secret()}`,
    KEY_ENCRYPTION_KEY: secret(),
    HOLDER_ID_PEPPER: secret(),
    SESSION_SECRET: secret(),
  };
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'reconoce-test-'));
}

/**
 * Boots the whole service the way `main.ts` does, on a fresh migrated database of the suite's
 * server (see test/global-setup.mjs) unless `env` names a DATABASE_URL. `env` adds or overrides
 * variables, as the environment would; `options.logger` captures the logs.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestApp> {
  const dataDir = env.DATA_DIR ?? tempDataDir();
  let database: ThrowawayDatabase | undefined;
  const base: Record<string, string> = {
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    // Tests count the demo credentials; the pilot's 900 are measured on their own (it is off
    // on a DATABASE_URL anyway, but a test that names DATA_DIR alone must not get it).
    SEED_DEMO_PILOT: 'false',
    PUBLIC_BASE_URL: 'http://localhost:3000',
  };
  if (!env.DATABASE_URL) {
    database = await createThrowawayDatabase();
    Object.assign(base, testSecrets(), { DATABASE_URL: database.url });
  }
  const config = loadConfig({ ...base, ...env });
  const logger = options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await createApp(config, { logger });
  return {
    app,
    config,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    async close() {
      await app.close();
      await database?.drop();
      if (!env.DATA_DIR) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Another replica of `first`'s service, as behind a load balancer: its database and secrets. */
export function startReplica(first: TestApp): Promise<TestApp> {
  const secrets = Object.fromEntries(
    Object.entries(first.config.secrets).filter(([, value]) => typeof value === 'string'),
  ) as Record<string, string>;
  return startTestApp({ ...secrets, DATABASE_URL: first.config.databaseUrl! });
}
