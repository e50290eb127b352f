// `npm run db:move-pglite`: moves the data of the earlier embedded database (PGlite, in
// DATA_DIR/pgdata) into the embedded PostgreSQL server (DATA_DIR/postgres), with PGlite's own
// pg_dump. PGlite is not a dependency any more: the versions the last PGlite release ran are
// installed for this command alone, into a temporary directory, from the npm registry.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../config/config.js';
import { EMBEDDED_DATABASE, startEmbeddedServer } from './database-server.js';
import { holdsPgliteData, PGLITE_DIR } from './pglite-data.js';

/** The PGlite the last release ran (package-lock.json) and the pg_dump of pglite-tools. */
export const PGLITE_PACKAGES = [
  '@electric-sql/pglite@0.5.14',
  // The newest pglite-tools; it names 0.5.8 as its peer, but its pg_dump only speaks the wire
  // protocol to the PGlite it is given, so it dumps what 0.5.14 opens.
  '@electric-sql/pglite-tools@0.4.8',
];

// Run with the PGlite installed beside it: opens the data (with pgcrypto, as the release did)
// and writes pg_dump's plain SQL (INSERT statements, no owners nor grants).
const DUMP_SCRIPT = `
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { pgDump } from '@electric-sql/pglite-tools/pg_dump';
const [dataDir, out] = process.argv.slice(2);
const db = await PGlite.create({ dataDir, extensions: { pgcrypto } });
try {
  const dump = await pgDump({ pg: db, args: ['--no-owner', '--no-privileges'] });
  writeFileSync(out, Buffer.from(await dump.arrayBuffer()));
} finally {
  await db.close();
}
`;

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? result.status})`,
    );
  }
}

/** An earlier release still running on the PGlite data holds its lock file there. */
function refuseRunningPgliteService(pgliteDir: string): void {
  let pid: number;
  try {
    pid = Number(readFileSync(join(pgliteDir, 'postmaster.pid.reconoce'), 'utf8'));
  } catch {
    return;
  }
  try {
    process.kill(pid, 0);
  } catch {
    return;
  }
  throw new Error(`The PGlite data in ${pgliteDir} is in use by process ${pid}: stop it first`);
}

/** Dumps the PGlite data directory to a SQL file with PGlite's pg_dump. */
function dumpPgliteData(pgliteDir: string, workDir: string): string {
  say(`Installing ${PGLITE_PACKAGES.join(' and ')} into ${workDir} …`);
  writeFileSync(join(workDir, 'package.json'), '{"private": true, "type": "module"}\n');
  run(
    'npm',
    [
      'install',
      ...['--no-audit', '--no-fund', '--no-package-lock', '--legacy-peer-deps'],
      ...PGLITE_PACKAGES,
    ],
    workDir,
  );
  writeFileSync(join(workDir, 'dump.mjs'), DUMP_SCRIPT);
  const dumpFile = join(workDir, 'dump.sql');
  say(`Dumping ${pgliteDir} …`);
  run(process.execPath, ['dump.mjs', pgliteDir, dumpFile], workDir);
  return dumpFile;
}

async function loadDump(url: string, dumpFile: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    if (rows[0].n > 0) {
      throw new Error(
        `The embedded server's database "${EMBEDDED_DATABASE}" already holds tables: ` +
          'the data was moved before, or the service ran since. Nothing was changed',
      );
    }
    // One simple-protocol query: PostgreSQL runs it as one transaction, all or nothing.
    await client.query(readFileSync(dumpFile, 'utf8'));
    const tables = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    return tables.rows[0].n;
  } finally {
    await client.end();
  }
}

async function movePgliteData(): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl || !config.embeddedDatabase) {
    throw new Error('The PGlite data moves into the embedded server: unset DATABASE_URL');
  }
  const { dataDir } = config;
  const pgliteDir = join(dataDir, PGLITE_DIR);
  if (!holdsPgliteData(dataDir)) throw new Error(`There is no PGlite data in ${pgliteDir}`);
  refuseRunningPgliteService(pgliteDir);

  const server = await startEmbeddedServer(dataDir, {
    ...config.embeddedDatabase,
    besidePgliteData: true,
  });
  const workDir = mkdtempSync(join(tmpdir(), 'reconoce-pglite-'));
  try {
    const dumpFile = dumpPgliteData(pgliteDir, workDir);
    say(`Loading it into the embedded PostgreSQL server (database "${EMBEDDED_DATABASE}") …`);
    const tables = await loadDump(server.url, dumpFile);
    say(`Moved ${tables} tables.`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    await server.stop();
  }
  const kept = join(dataDir, `${PGLITE_DIR}.pglite-moved-${Date.now()}`);
  renameSync(pgliteDir, kept);
  say(`The PGlite data is kept in ${kept}: delete it once the service runs as expected.`);
}

try {
  await movePgliteData();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
