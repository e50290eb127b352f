import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLogger } from '../common/logging/logger.js';
import { loadConfig } from '../config/config.js';
import { dataSourceOptions, openDataSource, runMigrations } from './data-source.js';
import { startDatabaseServer } from './database-server.js';
import { pendingSchemaChanges } from './schema-drift.js';

const USAGE = 'usage: node dist/database/cli.js run | revert | show | generate <PascalCaseName>';
const MIGRATIONS_DIR = resolve(import.meta.dirname, '../../src/database/migrations');

function migrationSource(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) =>
    queries.map((query) => `    await queryRunner.query(${JSON.stringify(query)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function main(command: string | undefined, name: string | undefined): Promise<void> {
  if (!command || !['run', 'revert', 'show', 'generate'].includes(command)) {
    throw new Error(USAGE);
  }
  if (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) throw new Error(USAGE);

  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const server = await startDatabaseServer(config, logger);
  const dataSource = await openDataSource(dataSourceOptions(server.url, logger), {
    migrate: false,
  });
  try {
    if (command === 'run') {
      await runMigrations(dataSource);
      process.stdout.write('Migrations are up to date.\n');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write('Reverted the last migration.\n');
    } else if (command === 'show') {
      const pending = await dataSource.showMigrations();
      process.stdout.write(
        pending ? 'There are pending migrations.\n' : 'No pending migrations.\n',
      );
    } else {
      await runMigrations(dataSource);
      const { up, down } = await pendingSchemaChanges(dataSource);
      if (up.length === 0) {
        process.stdout.write('The entities match the schema: nothing to generate.\n');
        return;
      }
      const timestamp = Date.now();
      const className = `${name}${timestamp}`;
      const kebab = (name ?? '').replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
      const file = resolve(MIGRATIONS_DIR, `${timestamp}-${kebab}.ts`);
      writeFileSync(file, migrationSource(className, up, down));
      process.stdout.write(`Wrote ${file}; add ${className} to migrations/index.ts.\n`);
    }
  } finally {
    await dataSource.destroy();
    await server.stop();
  }
}

try {
  await main(process.argv[2], process.argv[3]);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
