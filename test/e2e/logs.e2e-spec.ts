import { createLogger } from '../../src/common/logging/logger.js';
import { asAdmin, seedIssuerKeys } from '../helpers/admin.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Personal data of a fictional holder that must never reach a log line.
const NAME = 'Ana Secreta Pérez';
const DOCUMENT = 'LOG-PPT-424242';

describe('logs', () => {
  let t: TestApp;
  const lines: string[] = [];
  const logged = () => lines.join('\n');
  const failures = () =>
    lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => (entry.level as number) >= 50);

  beforeAll(async () => {
    const logger = createLogger('debug', { write: (line: string) => lines.push(line) });
    t = await startTestApp({}, { logger });
    await seedIssuerKeys(t);
    await t.dataSource.query(
      'CREATE TABLE log_probe (name text NOT NULL, document text NOT NULL, n int NOT NULL)',
    );
  });
  afterAll(() => t.close());
  beforeEach(() => {
    lines.length = 0;
  });

  const expectNoPersonalData = () => {
    expect(logged()).not.toContain('Secreta');
    expect(logged()).not.toContain(DOCUMENT);
  };

  it('logs a failed query without its parameters or the value PostgreSQL quotes', async () => {
    await expect(t.dataSource.query('SELECT $1::uuid', [NAME])).rejects.toThrow();
    const [failure] = failures();
    expect(failure).toMatchObject({
      msg: 'Query failed',
      query: 'SELECT $1::uuid',
      err: { code: '22P02', type: 'DatabaseError' },
    });
    expectNoPersonalData();
  });

  it('logs a failed insert without the failing row', async () => {
    await expect(
      t.dataSource.query('INSERT INTO log_probe (name, document, n) VALUES ($1, $2, NULL)', [
        NAME,
        DOCUMENT,
      ]),
    ).rejects.toThrow();
    expect(failures()[0]).toMatchObject({
      err: { code: '23502', column: 'n', table: 'log_probe' },
    });
    expectNoPersonalData();
  });

  it('blanks the literals of SQL built with values in it', async () => {
    await expect(
      t.dataSource.query(`INSERT INTO log_probe VALUES ('${NAME}', '${DOCUMENT}', 'x')`),
    ).rejects.toThrow();
    expect(failures()).not.toHaveLength(0);
    expectNoPersonalData();
  });

  it('answers 500 to a request whose query fails, logging no data of the request', async () => {
    await t.dataSource.query(
      `ALTER TABLE issuer ADD CONSTRAINT log_probe_name CHECK (legal_name <> '${NAME}')`,
    );
    try {
      lines.length = 0;
      const res = await asAdmin(t).patch('/admin/issuers/co-ens', { legalName: NAME });
      expectProblem(res, 500, 'INTERNAL_ERROR');
      const unexpected = failures().find((entry) => entry.msg === 'Unexpected error');
      expect(unexpected).toMatchObject({
        requestId: res.body.requestId,
        err: { code: '23514', constraint: 'log_probe_name' },
      });
      expectNoPersonalData();
    } finally {
      await t.dataSource.query('ALTER TABLE issuer DROP CONSTRAINT log_probe_name');
    }
  });
});
