import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from './embedded-postgres.js';
import { queryOnce as query } from '../../test/helpers/databases.js';

describe('EmbeddedPostgres', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'reconoce-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data across a restart', async () => {
    const first = await EmbeddedPostgres.start({ dataDir });
    await query(
      first.url,
      'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$still here$$)',
    );
    await first.stop();

    const second = await EmbeddedPostgres.start({ dataDir });
    try {
      expect(await query(second.url, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('refuses a data directory another live process holds', async () => {
    const running = await EmbeddedPostgres.start({ dataDir });
    try {
      writeFileSync(join(dataDir, 'postmaster.pid.reconoce'), String(process.ppid));
      await expect(EmbeddedPostgres.start({ dataDir })).rejects.toThrow(/in use by process/);
    } finally {
      await running.stop();
    }
  });

  it('serves pgcrypto', async () => {
    const db = await EmbeddedPostgres.start();
    try {
      await query(db.url, 'CREATE EXTENSION IF NOT EXISTS pgcrypto');
      const [row] = await query<{ id: string }>(db.url, 'SELECT gen_random_uuid()::text AS id');
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await db.stop();
    }
  });
});
