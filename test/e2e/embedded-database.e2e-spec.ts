import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmbeddedPostgres as EmbeddedPostgresType } from '../../src/database/embedded-postgres.js';
import { buildDist, ROOT } from '../helpers/process.js';
import { queryOnce as query } from '../helpers/databases.js';

// The compiled service runs PGlite on a thread of its own (the sources, as the other specs run
// them, serve it on the calling thread): this spec loads the compiled module, as `npm start` does.
let EmbeddedPostgres: typeof EmbeddedPostgresType;

describe('the embedded database of the compiled service', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'reconoce-embedded-thread-'));

  beforeAll(async () => {
    buildDist();
    const compiled = pathToFileURL(resolve(ROOT, 'dist/database/embedded-postgres.js')).href;
    ({ EmbeddedPostgres } = (await import(compiled)) as {
      EmbeddedPostgres: typeof EmbeddedPostgresType;
    });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers queries without holding up the event loop, and keeps its data', async () => {
    const first = await EmbeddedPostgres.start({ dataDir });
    try {
      await query(first.url, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$here$$)');
      // A query that keeps PGlite busy for a while; meanwhile this thread's timers must run.
      let longestGap = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      const [row] = await query<{ total: string }>(
        first.url,
        'SELECT sum(length(md5(i::text)))::text AS total FROM generate_series(1, 600000) i',
      );
      const busy = performance.now() - started;
      clearInterval(ticker);
      expect(row.total).toBe(String(32 * 600_000));
      expect(busy).toBeGreaterThan(250);
      expect(longestGap).toBeLessThan(busy / 3);
    } finally {
      await first.stop();
    }

    const second = await EmbeddedPostgres.start({ dataDir });
    try {
      expect(await query(second.url, 'SELECT value FROM kept')).toEqual([{ value: 'here' }]);
    } finally {
      await second.stop();
    }
  });
});
