// One PostgreSQL server for the whole run (the embedded one, or TEST_DATABASE_URL's) and one
// migrated template database on it; each test file works on a copy of its own
// (test/helpers/databases.ts), dropped when the file is done.
//
// Jest loads this file outside its module system (no TypeScript, no `./x.js` → `.ts` mapping), so
// it compiles the sources with the tests' SWC settings into node_modules/.cache and imports them.
import { transformFile } from '@swc/core';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { swc } from '../jest.config.js';

const ROOT = resolve(import.meta.dirname, '..');

// Durability is of no use to a throw-away cluster; connections: two workers' apps and replicas.
const TEST_SERVER_SETTINGS = {
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '300',
};

async function compileSources() {
  const cache = join(ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'reconoce-jest-'));
  const files = readdirSync(join(ROOT, 'src'), { recursive: true })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
    .map((file) => join('src', file))
    .concat('test/helpers/databases.ts');
  await Promise.all(
    files.map(async (file) => {
      const { code } = await transformFile(join(ROOT, file), { ...swc, sourceMaps: false });
      const out = join(outDir, file.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, code);
    }),
  );
  return outDir;
}

export default async function startTestSuiteServer() {
  const compiled = await compileSources();
  const load = (file) => import(pathToFileURL(join(compiled, file)).href);
  await import('reflect-metadata');
  const { EmbeddedPostgres } = await load('src/database/embedded-postgres.js');
  const { dataSourceOptions, openDataSource } = await load('src/database/data-source.js');
  const databases = await load('test/helpers/databases.js');
  const { pino } = await import('pino');

  const suite = { compiled, serverUrl: databases.TEST_DATABASE_URL, template: undefined };
  // Read by the global teardown (test/global-teardown.mjs).
  globalThis.reconoceTestSuite = suite;
  if (!suite.serverUrl) {
    suite.clusterParent = mkdtempSync(join(tmpdir(), 'reconoce-jest-'));
    suite.server = await EmbeddedPostgres.start({
      clusterDir: join(suite.clusterParent, 'postgres'),
      password: randomBytes(24).toString('base64url'),
      settings: TEST_SERVER_SETTINGS,
      sameProcessGroup: true,
    });
    suite.serverUrl = suite.server.url();
  }
  suite.template = `reconoce_template_${randomBytes(6).toString('hex')}`;
  await databases.queryOnce(suite.serverUrl, `CREATE DATABASE "${suite.template}"`);
  const url = databases.databaseUrl(suite.serverUrl, suite.template);
  const dataSource = await openDataSource(dataSourceOptions(url, pino({ level: 'silent' })), {
    migrate: true,
  });
  await dataSource.destroy();
  process.env[databases.SUITE_SERVER_URL] = suite.serverUrl;
  process.env[databases.SUITE_TEMPLATE] = suite.template;
}
