import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { queryOnce as query } from '../../test/helpers/databases.js';
import { DataDirInUseError, DataDirLock } from './data-dir-lock.js';
import { startEmbeddedServer } from './database-server.js';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { PgliteDataError } from './pglite-data.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('EmbeddedPostgres', () => {
  const parent = mkdtempSync(join(tmpdir(), 'reconoce-embedded-'));
  const clusterDir = join(parent, 'postgres');
  const password = randomBytes(18).toString('base64url');
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('makes the cluster once, keeps its data across a restart, and listens on 127.0.0.1 only', async () => {
    const first = await EmbeddedPostgres.start({ clusterDir, password });
    try {
      await query(
        first.url(),
        'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$here$$)',
      );
      const [settings] = await query<{ listen: string; version: string }>(
        first.url(),
        `SELECT current_setting('listen_addresses') AS listen,
                current_setting('server_version_num') AS version`,
      );
      expect(settings.listen).toBe('127.0.0.1');
      expect(Number(settings.version)).toBeGreaterThanOrEqual(180000);
      const wrong = first.url().replace(encodeURIComponent(password), 'wrong');
      await expect(query(wrong, 'SELECT 1')).rejects.toThrow(/password authentication failed/);
    } finally {
      await first.stop();
    }
    expect(alive(first.pid)).toBe(false);

    const second = await EmbeddedPostgres.start({ clusterDir, password });
    try {
      expect(await query(second.url(), 'SELECT value FROM kept')).toEqual([{ value: 'here' }]);
    } finally {
      await second.stop();
    }
  });

  it('shuts down a server an earlier process left running on the cluster, then starts', async () => {
    // As after a kill -9 of the service: its server runs on, unowned.
    const orphan = await EmbeddedPostgres.start({ clusterDir, password });
    const next = await EmbeddedPostgres.start({ clusterDir, password });
    try {
      expect(alive(orphan.pid)).toBe(false);
      expect(await query(next.url(), 'SELECT value FROM kept')).toEqual([{ value: 'here' }]);
    } finally {
      await next.stop();
      await orphan.stop();
    }
  });

  it('starts over a stale postmaster.pid naming a process that is not PostgreSQL', async () => {
    // After a reboot the pid of the server that crashed can belong to anything.
    const other = spawn('sleep', ['60']);
    const pidFile = join(clusterDir, 'postmaster.pid');
    writeFileSync(pidFile, `${other.pid}\n${clusterDir}\n0\n5432\n\n127.0.0.1\n0 0\nready   \n`);
    try {
      const server = await EmbeddedPostgres.start({ clusterDir, password });
      expect(Number(readFileSync(pidFile, 'utf8').split('\n')[0])).toBe(server.pid);
      await server.stop();
      expect(alive(other.pid!)).toBe(true);
    } finally {
      other.kill();
    }
  });
});

describe('DATA_DIR of the embedded server', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'reconoce-data-dir-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is held by one process at a time, and free again once released', async () => {
    const lock = await DataDirLock.acquire(dataDir);
    await expect(DataDirLock.acquire(dataDir)).rejects.toThrow(DataDirInUseError);
    await expect(DataDirLock.acquire(dataDir)).rejects.toThrow(
      new RegExp(`process ${process.pid}, see ${join(dataDir, 'reconoce.pid')}`),
    );
    lock.release();
    (await DataDirLock.acquire(dataDir)).release();
  });

  it('says so when the cluster does not take the password of secrets.json', async () => {
    await (await startEmbeddedServer(dataDir, { password: 'first', port: 0 })).stop();
    await expect(startEmbeddedServer(dataDir, { password: 'other', port: 0 })).rejects.toThrow(
      /refuses the password kept in .*secrets\.json/,
    );
    // The server it started was shut down, and DATA_DIR released.
    await (await startEmbeddedServer(dataDir, { password: 'first', port: 0 })).stop();
  });

  it('is refused while it holds PGlite data, naming the command that moves it', async () => {
    mkdirSync(join(dataDir, 'pgdata'));
    writeFileSync(join(dataDir, 'pgdata', 'PG_VERSION'), '18\n');
    const starting = startEmbeddedServer(dataDir, { password: 'x', port: 0 });
    await expect(starting).rejects.toThrow(PgliteDataError);
    await expect(startEmbeddedServer(dataDir, { password: 'x', port: 0 })).rejects.toThrow(
      /npm run db:move-pglite/,
    );
    // Refused before anything was made or held.
    (await DataDirLock.acquire(dataDir)).release();
  });
});
