import { jest } from '@jest/globals';
import type { Response } from 'supertest';
import { hashClaimCode } from '../../src/modules/credentials/credential-secrets.js';
import { BatchRunnerService } from '../../src/modules/credentials/batch/batch-runner.service.js';
import { asAdmin, seedIssuerKeys } from '../helpers/admin.js';
import { certificateBody, numberedHolder, type CertificateOverrides } from '../helpers/bodies.js';
import { outsideVerifier } from '../helpers/outside-verifier.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

interface PgClientClass {
  prototype: { query(this: unknown, ...args: unknown[]): unknown };
}

// A certificate of std-co-cuid by co-ens for the i-th fictional holder.
const row = (i: number, overrides: CertificateOverrides = {}) =>
  certificateBody({ holder: numberedHolder(i, 'BATCH', 'Demo Lote'), ...overrides });

const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => row(from + i));

const CSV_HEADER =
  'type,givenNames,familyNames,documentType,documentCountry,documentNumber,document2Type,document2Country,document2Number,validFrom,subject.standards.0.code,subject.standards.0.version,subject.standards.0.title,subject.unitsAchieved,subject.result,subject.assessmentCentre.name,subject.assessmentCentre.country,subject.assessmentDate,subject.isco08,subject.nationalLevel.framework,subject.nationalLevel.level';
const csvLine = (i: number, extra = '') =>
  `CompetencyCertificationCredential,"Ana, ${i}",Demo Csv,PPT,CO,CSV-PPT-${i},CEDULA,VE,V-${90_000_000 + i},2022-05-10T00:00:00Z,299903010,1,"Cuidado de personas mayores (ficticia)",299903010-01|299903010-02,COMPETENT,Entidad Nacional de Saberes (ficticia),CO,2022-05-10,5322,CO-MNC,3${extra}`;

describe('batch issuance', () => {
  let t: TestApp;
  let key: string;
  let otherKey: string;
  const auth = () => ({ Authorization: `Bearer ${key}` });
  const submit = (body: unknown, contentType = 'application/json') =>
    t.http
      .post('/issuer/credentials/batch')
      .set({ ...auth(), 'Content-Type': contentType })
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const counts = async () => ({
    jobs: await count('issuance_job'),
    rows: await count('issuance_job_row'),
    credentials: await count('credential'),
    holders: await count('holder'),
    documents: await count('identity_document'),
  });

  async function finished(jobId: string, timeoutMs = 90_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await t.http.get(`/issuer/jobs/${jobId}`).set(auth());
      expect(res.status).toBe(200);
      if (res.body.status === 'DONE' || res.body.status === 'FAILED') return res.body;
      if (Date.now() > deadline) throw new Error(`job ${jobId} still ${res.body.status}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    ({ key, otherKey } = await seedIssuerKeys(t));
  }, 120_000);
  afterAll(() => t.close());

  it('issues a few hundred rows as distinct credentials with distinct status indexes', async () => {
    const total = 300;
    const accepted = await submit(rows(total));
    expect(accepted.status).toBe(202);
    expect(accepted.body).toEqual({ jobId: expect.any(String), total });
    const job = await finished(accepted.body.jobId);
    expect(job).toMatchObject({ status: 'DONE', total, done: total, failed: 0, errors: [] });

    const [stats] = await t.dataSource.query(
      `SELECT count(*)::int AS rows,
                count(*) FILTER (WHERE r.status = 'DONE')::int AS done,
                count(DISTINCT c.id)::int AS credentials,
                count(DISTINCT (c.revocation_list_id, c.revocation_index))::int AS revocation,
                count(DISTINCT (c.suspension_list_id, c.suspension_index))::int AS suspension,
                count(DISTINCT c.holder_id)::int AS holders
         FROM issuance_job_row r JOIN credential c ON c.id = r.credential_id
         WHERE r.job_id = $1`,
      [accepted.body.jobId],
    );
    expect(stats).toEqual({
      rows: total,
      done: total,
      credentials: total,
      revocation: total,
      suspension: total,
      holders: total,
    });
    // Once issued, a row keeps no personal data: the credential has it.
    const [{ kept }] = await t.dataSource.query(
      'SELECT count(payload)::int AS kept FROM issuance_job_row WHERE job_id = $1',
      [accepted.body.jobId],
    );
    expect(kept).toBe(0);
    const payloads = await t.dataSource.query(
      'SELECT payload FROM issuance_job_row WHERE job_id = $1',
      [accepted.body.jobId],
    );
    expect(JSON.stringify(payloads)).not.toMatch(/BATCH-PPT|BATCHPPT/);

    // The credentials, once with their claim codes, which then leave the registry.
    const first = await t.http.get(`/issuer/jobs/${accepted.body.jobId}/credentials`).set(auth());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'DONE', claimCodesReleased: total });
    expect(first.body.items).toHaveLength(total);
    const [sample] = first.body.items;
    expect(sample).toMatchObject({
      row: 0,
      credentialId: expect.any(String),
      verifyUrl: expect.stringMatching(/^http:\/\/localhost:3000\/v\//),
      claimCode: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/),
    });
    const [stored] = await t.dataSource.query(
      'SELECT claim_code_hash FROM credential WHERE id = $1',
      [sample.credentialId],
    );
    expect(stored.claim_code_hash).toBe(hashClaimCode(sample.claimCode));
    const again = await t.http.get(`/issuer/jobs/${accepted.body.jobId}/credentials`).set(auth());
    expect(again.body.claimCodesReleased).toBe(0);
    expect(again.body.items.every((item: { claimCode: unknown }) => item.claimCode === null)).toBe(
      true,
    );
    expect(
      await t.dataSource.query(
        'SELECT 1 FROM issuance_job_row WHERE job_id = $1 AND sealed_claim_code IS NOT NULL',
        [accepted.body.jobId],
      ),
    ).toEqual([]);

    const detail = await t.http.get(`/issuer/credentials/${sample.credentialId}`).set(auth());
    const result = await outsideVerifier(t).verify(detail.body.verifiableCredential);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    expect(detail.body.verifiableCredential.credentialSubject).toMatchObject({
      name: { givenNames: 'Persona 0' },
      identityDocument: { type: 'PPT', country: 'CO', last4: '0000' },
    });
  }, 120_000);

  it('reads the documented CSV layout, quoted cells and second documents included', async () => {
    const csv = [CSV_HEADER, csvLine(1), csvLine(2), ''].join('\r\n');
    const accepted = await submit(csv, 'text/csv');
    expect(accepted.status).toBe(202);
    expect((await finished(accepted.body.jobId)).done).toBe(2);
    const items = (await t.http.get(`/issuer/jobs/${accepted.body.jobId}/credentials`).set(auth()))
      .body.items;
    const vc = (await t.http.get(`/issuer/credentials/${items[1].credentialId}`).set(auth())).body
      .verifiableCredential;
    expect(vc.credentialSubject).toMatchObject({
      name: { givenNames: 'Ana, 2', familyNames: 'Demo Csv' },
      identityDocument: { type: 'PPT', country: 'CO', last4: 'PPT2' },
      unitsAchieved: ['299903010-01', '299903010-02'],
      nationalLevel: { framework: 'CO-MNC', level: 3 },
    });
    const [linked] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM identity_document d
       JOIN credential c ON c.holder_id = d.holder_id WHERE c.id = $1`,
      [items[1].credentialId],
    );
    expect(linked.n).toBe(2);
  });

  it('gives a holder named twice in a batch one holder record', async () => {
    const twice = [row(900_001), row(900_001, { validFrom: '2023-01-01T00:00:00Z' })];
    const accepted = await submit(twice);
    await finished(accepted.body.jobId);
    const holders = await t.dataSource.query(
      `SELECT DISTINCT c.holder_id FROM issuance_job_row r JOIN credential c ON c.id = r.credential_id
       WHERE r.job_id = $1`,
      [accepted.body.jobId],
    );
    expect(holders).toHaveLength(1);
  });

  describe('refuses a bad batch and stores nothing', () => {
    const bad = (i: number, subject: Record<string, unknown>) => row(i, { subject });
    const cases: [string, () => Promise<Response>, number, string, string[]][] = [
      [
        'no API key',
        () => t.http.post('/issuer/credentials/batch').send(rows(2)),
        401,
        'UNAUTHORIZED',
        [],
      ],
      [
        'rows with invalid fields, each named by its row',
        () => {
          const batch: object[] = rows(20);
          batch[17] = bad(17, { isco08: 'cook' });
          batch[3] = { ...row(3), colour: 'red' };
          batch[5] = bad(5, { nationalLevel: { framework: 'CO-MNC', level: 7 } });
          batch[8] = row(8, { type: 'DriverLicence' });
          return submit(batch);
        },
        422,
        'INVALID_BATCH',
        ['rows.17.subject.isco08', 'rows.3.colour', 'rows.5', 'rows.8.type'],
      ],
      [
        'rows invalid after hundreds of valid ones (stored a chunk at a time, then rolled back)',
        () => {
          const batch: object[] = rows(450, 40_000);
          // A level no accreditation covers: a lookup made inside the batch's transaction.
          batch[250] = bad(40_250, { nationalLevel: { framework: 'CO-MNC', level: 7 } });
          batch[430] = bad(40_430, { isco08: 'cook' });
          return submit(batch);
        },
        422,
        'INVALID_BATCH',
        ['rows.250', 'rows.430.subject.isco08'],
      ],
      [
        'more than 10,000 rows',
        () => submit(Array.from({ length: 10_001 }, () => row(1))),
        422,
        'BATCH_TOO_LARGE',
        ['rows.10000'],
      ],
      [
        'a CSV line with an unclosed quote',
        () =>
          submit(
            [CSV_HEADER, csvLine(1), csvLine(2), `${csvLine(3)},"open`].join('\n'),
            'text/csv',
          ),
        422,
        'INVALID_BATCH',
        ['rows.2'],
      ],
      [
        'a CSV line with too many cells',
        () =>
          submit(
            [CSV_HEADER, csvLine(1), `${csvLine(2)},extra`, csvLine(3)].join('\n'),
            'text/csv',
          ),
        422,
        'INVALID_BATCH',
        ['rows.1'],
      ],
      [
        'a CSV with an unknown column',
        () => submit([`${CSV_HEADER},colour`, `${csvLine(1)},red`].join('\n'), 'text/csv'),
        422,
        'INVALID_BATCH',
        ['columns.colour'],
      ],
      [
        'a body that is not an array',
        () => submit({ rows: [] }),
        400,
        'VALIDATION_FAILED',
        ['rows'],
      ],
      ['an empty batch', () => submit([]), 422, 'INVALID_BATCH', ['rows']],
      ['another media type', () => submit('a=b', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE', []],
    ];
    it.each(cases)('refuses %s', async (_name, call, status, code, paths) => {
      const before = await counts();
      const res = await call();
      expectProblem(res, status, code);
      const named = (res.body.errors ?? []).map((e: { path: string }) => e.path);
      for (const path of paths) expect(named).toContain(path);
      expect(await counts()).toEqual(before);
    });

    it('names the line of a malformed CSV record and why a row is not accredited', async () => {
      const res = await submit(
        [CSV_HEADER, csvLine(1), `${csvLine(2)},extra`].join('\n'),
        'text/csv',
      );
      expect(res.body.errors[0].message).toMatch(/^line 3: /);
      const level = await submit([
        row(1, {
          subject: { nationalLevel: { framework: 'CO-MNC', level: 7 } },
        }),
      ]);
      expect(level.body.errors).toEqual([
        { path: 'rows.0', message: expect.stringContaining('LEVEL_OUT_OF_RANGE') },
      ]);
    });
  });

  describe('authenticates before reading the body', () => {
    const post = (headers: Record<string, string>, body: string) =>
      t.http
        .post('/issuer/credentials/batch')
        .set({ 'Content-Type': 'application/json', ...headers })
        .send(body);
    const unparseable = '{"rows": [' + '['.repeat(100_000);

    it('refuses a missing or unknown key before parsing anything', async () => {
      expectProblem(await post({}, unparseable), 401, 'UNAUTHORIZED');
      expectProblem(
        await post({ Authorization: 'Bearer rck_not-a-key' }, unparseable),
        401,
        'UNAUTHORIZED',
      );
    });

    it('refuses a token of another kind before parsing anything', async () => {
      const admin = { Authorization: `Bearer ${t.config.secrets.ADMIN_TOKEN}` };
      expectProblem(await post(admin, unparseable), 403, 'FORBIDDEN');
    });

    it('parses the body of an issuer’s key, with the JSON limits', async () => {
      expectProblem(await post(auth(), unparseable), 400, 'JSON_TOO_DEEP');
      expectProblem(await post(auth(), '[{"a": '), 400, 'MALFORMED_JSON');
    });
  });

  it('answers another issuer’s job, or an unknown one, as not found', async () => {
    const { jobId } = (await submit(rows(2, 500))).body;
    await finished(jobId);
    const other = { Authorization: `Bearer ${otherKey}` };
    expectProblem(await t.http.get(`/issuer/jobs/${jobId}`).set(other), 404, 'NOT_FOUND');
    expectProblem(
      await t.http.get(`/issuer/jobs/${jobId}/credentials`).set(other),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await t.http.get('/issuer/jobs/00000000-0000-4000-8000-000000000000').set(auth()),
      404,
      'NOT_FOUND',
    );
    expectProblem(await t.http.get('/issuer/jobs/nope').set(auth()), 404, 'NOT_FOUND');
    // The codes were not handed to the other issuer, so they are still there for this one.
    const mine = await t.http.get(`/issuer/jobs/${jobId}/credentials`).set(auth());
    expect(mine.body.claimCodesReleased).toBe(2);
  });

  it('fails the rows of an issuer suspended before they were issued, and says why', async () => {
    const runner = t.app.get(BatchRunnerService);
    await runner.onModuleDestroy();
    try {
      const { jobId } = (await submit(rows(3, 700))).body;
      await asAdmin(t).patch('/admin/issuers/co-ens', { status: 'SUSPENDED', reason: 'test' });
      runner.start();
      // A suspended issuer's key is refused, so watch the job in the database meanwhile.
      for (let i = 0; i < 300; i += 1) {
        const [job] = await t.dataSource.query('SELECT status FROM issuance_job WHERE id = $1', [
          jobId,
        ]);
        if (job.status === 'FAILED' || job.status === 'DONE') break;
        await new Promise((done) => setTimeout(done, 100));
      }
      await asAdmin(t).patch('/admin/issuers/co-ens', { status: 'ACTIVE', reason: 'test over' });
      const job = await finished(jobId);
      expect(job).toMatchObject({ status: 'FAILED', done: 0, failed: 3 });
      const [{ kept }] = await t.dataSource.query(
        'SELECT count(payload)::int AS kept FROM issuance_job_row WHERE job_id = $1',
        [jobId],
      );
      expect(kept).toBe(0);
      expect(job.errors).toEqual(
        [0, 1, 2].map((r) => ({ row: r, code: 'ISSUER_SUSPENDED', message: expect.any(String) })),
      );
    } finally {
      runner.start();
      const [issuer] = await t.dataSource.query("SELECT status FROM issuer WHERE slug = 'co-ens'");
      if (issuer.status !== 'ACTIVE') {
        await asAdmin(t).patch('/admin/issuers/co-ens', { status: 'ACTIVE', reason: 'test over' });
      }
    }
  });

  it('takes over rows whose claim outlived its lease, and only those', async () => {
    const runner = t.app.get(BatchRunnerService);
    await runner.onModuleDestroy();
    const { leaseSeconds } = runner.settings;
    try {
      const { jobId } = (await submit(rows(5, 800))).body;
      // A runner that crashed long ago holds rows 0-2; one that is alive holds rows 3-4.
      await t.dataSource.query(
        `UPDATE issuance_job_row SET claimed_by = 'ghost',
           claimed_at = CASE WHEN row_no < 3 THEN now() - interval '10 minutes' ELSE now() END
         WHERE job_id = $1`,
        [jobId],
      );
      runner.settings.leaseSeconds = 60;
      runner.start();
      const statuses = async () =>
        (
          await t.dataSource.query<{ status: string }[]>(
            'SELECT status FROM issuance_job_row WHERE job_id = $1 ORDER BY row_no',
            [jobId],
          )
        ).map((row) => row.status);
      for (let i = 0; i < 100 && (await statuses()).slice(0, 3).includes('PENDING'); i += 1) {
        await new Promise((done) => setTimeout(done, 100));
      }
      expect(await statuses()).toEqual(['DONE', 'DONE', 'DONE', 'PENDING', 'PENDING']);
      runner.settings.leaseSeconds = 0;
      const job = await finished(jobId);
      expect(job).toMatchObject({ status: 'DONE', done: 5, failed: 0 });
    } finally {
      runner.settings.leaseSeconds = leaseSeconds;
      runner.start();
    }
  });

  it('shares a job between two replicas with no row issued twice', async () => {
    const secrets = Object.fromEntries(
      Object.entries(t.config.secrets).filter(([, value]) => typeof value === 'string'),
    ) as Record<string, string>;
    const replica = await startTestApp({ ...secrets, DATABASE_URL: t.config.databaseUrl! });
    try {
      const total = 400;
      const { jobId } = (await submit(rows(total, 20_000))).body;
      const job = await finished(jobId);
      expect(job).toMatchObject({ status: 'DONE', done: total, failed: 0 });
      const [stats] = await t.dataSource.query(
        `SELECT count(DISTINCT r.credential_id)::int AS credentials,
                  count(DISTINCT r.claimed_by)::int AS runners,
                  count(DISTINCT (c.revocation_list_id, c.revocation_index))::int AS slots
           FROM issuance_job_row r JOIN credential c ON c.id = r.credential_id
           WHERE r.job_id = $1`,
        [jobId],
      );
      expect(stats).toEqual({ credentials: total, runners: 2, slots: total });
    } finally {
      await replica.close();
    }
  }, 120_000);

  it('stores rows with their values as parameters, never written into a statement', async () => {
    // Every statement the app sends, through the pg client under TypeORM's pool.
    const { Client } = (t.dataSource.driver as unknown as { postgres: { Client: PgClientClass } })
      .postgres;
    const spy = jest.spyOn(Client.prototype, 'query');
    const texts: string[] = [];
    const familyNames = `O'Brien \\ "Parámetro" $1 --; 🎓`;
    try {
      const batch = [1, 2, 3].map((i) =>
        certificateBody({ holder: numberedHolder(950 + i, 'PARAM', familyNames) }),
      );
      const { jobId } = (await submit(batch)).body;
      expect(await finished(jobId)).toMatchObject({ status: 'DONE', done: 3, failed: 0 });
    } finally {
      texts.push(
        ...spy.mock.calls.map(([query]) =>
          typeof query === 'string'
            ? query
            : ((query as { text?: string } | undefined)?.text ?? ''),
        ),
      );
      spy.mockRestore();
    }
    const stored = await t.dataSource.query<{ id: string; document: unknown }[]>(
      `SELECT c.id, c.document FROM credential c JOIN issuance_job_row r ON r.credential_id = c.id
       WHERE c.document::text LIKE $1`,
      ['%Parámetro%'],
    );
    expect(stored).toHaveLength(3);
    for (const { id, document } of stored) {
      expect(JSON.stringify(document)).toContain(JSON.stringify(familyNames));
      for (const text of texts) expect(text).not.toContain(id);
    }
    expect(texts.some((text) => text.includes('INSERT INTO credential'))).toBe(true);
    expect(texts.some((text) => text.includes('Parámetro'))).toBe(false);
  });

  it('records each job in the audit log and keeps the chain intact', async () => {
    const [events] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE action = 'issuance_job.created')::int AS created,
              count(*) FILTER (WHERE action = 'issuance_job.finished')::int AS finished
       FROM audit_event`,
    );
    expect(events.created).toBeGreaterThan(0);
    expect(events.finished).toBe(events.created);
    expect((await asAdmin(t).get('/admin/audit/verify')).body).toMatchObject({ intact: true });
  });
});
