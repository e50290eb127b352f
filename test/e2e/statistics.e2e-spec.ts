import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { StatisticsRecordsService } from '../../src/modules/statistics/statistics-records.service.js';
import { certificateBody, numberedHolder, type TestDocument } from '../helpers/bodies.js';
import { asHolder, issueTo, registerHolder } from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'mi perro se llama Toby 2019';
// Every table of /stats/dimensions: certifications, decisions, verifications, cases.
const TABLES = 16;
const ANNEX = {
  sex: 'FEMALE',
  nationality: 'VE',
  migrationStatus: 'REFUGEE_ASYLUM_SEEKER',
  ageBand: '35-44',
  disability: 'YES',
  ethnicity: 'VE:INDIGENA',
};
// What must never leave the statistics tables: the annex's codes in any form.
const ANNEX_TEXT =
  /REFUGEE_ASYLUM_SEEKER|VE:INDIGENA|migrationStatus|ethnicity|disability|"statistics"/;

interface Cell {
  value: number | null;
  suppressed: boolean;
  share: number | null;
}
interface Table {
  columns: string[];
  rows: { code: string; cells: Cell[] }[];
}

describe('statistics', () => {
  let t: TestApp;
  let key: string;
  const auth = () => ({ Authorization: `Bearer ${key}` });
  const recordCount = async () =>
    (
      await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM statistics_record')
    )[0].n;
  const grandTotal = async () => {
    const table = (await t.http.get('/stats/tables/certifications')).body as Table;
    return table.rows.find((r) => r.code === '*')!.cells[0].value;
  };

  const finished = async (jobId: string) => {
    for (;;) {
      const job = await t.http.get(`/issuer/jobs/${jobId}`).set(auth());
      if (job.body.status === 'DONE' || job.body.status === 'FAILED') return job.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' });
    key = (await t.app.get(DemoSeedService).seed()).apiKey!.key;
    // 60 people through the batch path, with annexes: enough for tables to publish.
    const rows = Array.from({ length: 60 }, (_, i) =>
      certificateBody({
        holder: numberedHolder(i, 'STAT', 'Demo Estadística'),
        validFrom: `2022-0${1 + (i % 6)}-10T00:00:00Z`,
        statistics:
          i % 3 === 0
            ? { sex: 'MALE', nationality: 'CO', migrationStatus: 'NATIONAL' }
            : { sex: 'FEMALE', nationality: 'VE', migrationStatus: 'MIGRANT_REGULAR' },
      }),
    );
    const accepted = await t.http.post('/issuer/credentials/batch').set(auth()).send(rows);
    expect(accepted.status).toBe(202);
    expect((await finished(accepted.body.jobId)).done).toBe(60);
  }, 120_000);
  afterAll(() => t.close());

  it('refuses an annex outside the code lists, naming the field, and stores nothing', async () => {
    const before = await recordCount();
    const res = await t.http
      .post('/issuer/credentials')
      .set(auth())
      .send(certificateBody({ statistics: { sex: 'F', migrationStatus: 'ILLEGAL' } }));
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'statistics.migrationStatus',
      'statistics.sex',
    ]);
    expect(await recordCount()).toBe(before);
  });

  describe('one holder with an annex', () => {
    const document: TestDocument = { type: 'CEDULA', country: 'VE', number: 'V-5550001' };
    let issued: Awaited<ReturnType<typeof issueTo>>;
    let holder: ReturnType<typeof asHolder>;

    beforeAll(async () => {
      issued = await issueTo(
        t,
        key,
        certificateBody({
          holder: { documents: [document], givenNames: 'Rosa', familyNames: 'Demo Anexo' },
          statistics: ANNEX,
        }),
      );
      const registered = await registerHolder(t, document, issued.claimCode, PASSWORD);
      expect(registered.status).toBe(201);
      holder = asHolder(t, registered.body.accessToken);
    });

    it('keeps the annex out of the credential, the verification answer and the share page', async () => {
      expect(JSON.stringify(issued)).not.toMatch(ANNEX_TEXT);
      const token = new URL(issued.verifyUrl).pathname.split('/v/')[1];
      const answer = await t.http
        .get(`/v/${token}?country=PE&purpose=EMPLOYMENT`)
        .set('Accept', 'application/json');
      expect(answer.status).toBe(200);
      expect(answer.text).not.toMatch(ANNEX_TEXT);
      const page = await t.http.get(`/v/${token}`);
      expect(page.text).not.toMatch(ANNEX_TEXT);
      const share = await holder.post('/holder/shares', {
        credentialIds: [issued.id],
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
      expect(share.status).toBe(201);
      const shared = await t.http
        .get(new URL(share.body.url).pathname)
        .set('Accept', 'application/json');
      expect(shared.status).toBe(200);
      expect(shared.text).not.toMatch(ANNEX_TEXT);
      const stored = await t.dataSource.query<{ document: unknown }[]>(
        'SELECT document FROM credential WHERE id = $1',
        [issued.id],
      );
      expect(JSON.stringify(stored)).not.toMatch(ANNEX_TEXT);
      // Stored apart, under a pseudonym: no holder id, no credential id.
      const [row] = await t.dataSource.query<Record<string, unknown>[]>(
        "SELECT * FROM statistics_record WHERE ethnicity = 'VE:INDIGENA'",
      );
      expect(row).toMatchObject({
        migration_status: 'REFUGEE_ASYLUM_SEEKER',
        issuer_country: 'CO',
      });
      expect(JSON.stringify(row)).not.toContain(issued.id);
    });

    it('leaves every later aggregate when consent is withdrawn, and comes back when given again', async () => {
      const records = t.app.get(StatisticsRecordsService);
      const counted = async () => (await records.counted()).length;
      const total = await grandTotal();
      const before = await counted();
      expect((await holder.put('/holder/consents', { statistics: false })).status).toBe(200);
      expect(await counted()).toBe(before - 1);
      if (total !== null) expect(await grandTotal()).toBe(total - 1);
      expect((await holder.put('/holder/consents', { statistics: true })).status).toBe(200);
      expect(await counted()).toBe(before);
      expect(await grandTotal()).toBe(total);
    });

    it('erasure removes the annex', async () => {
      const before = await recordCount();
      expect((await holder.delete('/holder/account')).status).toBe(204);
      expect(await recordCount()).toBe(before - 1);
      expect(
        await t.dataSource.query("SELECT 1 FROM statistics_record WHERE ethnicity = 'VE:INDIGENA'"),
      ).toEqual([]);
    });
  });

  it('takes the annex from CSV columns and from the VC API extension field, never signing it', async () => {
    const before = await recordCount();
    const csv = [
      'type,givenNames,familyNames,documentType,documentCountry,documentNumber,validFrom,subject,statistics.sex,statistics.migrationStatus',
      `CompetencyCertificationCredential,Ana,Demo Csv,PPT,CO,CSV-1,2022-03-01T00:00:00Z,"${JSON.stringify(
        certificateBody().subject,
      ).replaceAll('"', '""')}",FEMALE,MIGRANT_IRREGULAR`,
    ].join('\n');
    const accepted = await t.http
      .post('/issuer/credentials/batch')
      .set(auth())
      .set('Content-Type', 'text/csv')
      .send(csv);
    expect(accepted.status).toBe(202);
    expect((await finished(accepted.body.jobId)).done).toBe(1);
    const vc = await t.http
      .post('/credentials/issue')
      .set(auth())
      .send({
        credential: {
          '@context': ['https://www.w3.org/ns/credentials/v2'],
          type: ['VerifiableCredential', 'CompetencyCertificationCredential'],
          issuer: 'did:web:localhost%3A3000:issuers:co-ens',
          validFrom: '2022-05-10T00:00:00Z',
          credentialSubject: {
            name: { givenNames: 'María', familyNames: 'Demo Rivas' },
            identityDocument: { type: 'PPT', country: 'CO', last4: '0001' },
            ...certificateBody().subject,
          },
        },
        statistics: { sex: 'FEMALE', migrationStatus: 'REFUGEE_ASYLUM_SEEKER' },
      });
    expect(vc.status).toBe(201);
    expect(JSON.stringify(vc.body)).not.toMatch(ANNEX_TEXT);
    expect(await recordCount()).toBe(before + 2);
    expect(
      await t.dataSource.query(
        "SELECT 1 FROM statistics_record WHERE migration_status = 'MIGRANT_IRREGULAR' AND sex = 'FEMALE'",
      ),
    ).toHaveLength(1);
  });

  it('publishes tables with no cell under k and the CSV matching the JSON', async () => {
    const dims = await t.http.get('/stats/dimensions');
    expect(dims.body).toMatchObject({
      k: 5,
      kSensitive: 10,
      countries: expect.arrayContaining(['CO']),
    });
    const json = (await t.http.get('/stats/tables/population?country=CO&period=2022'))
      .body as Table;
    for (const row of json.rows) {
      for (const cell of row.cells) {
        if (cell.value !== null && cell.value > 0) expect(cell.value).toBeGreaterThanOrEqual(10);
      }
    }
    const csv = await t.http.get('/stats/tables/population/csv?country=CO&period=2022');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n').slice(1);
    const fromJson = json.rows.flatMap((row) =>
      row.cells.map((cell, i) =>
        [
          'population',
          json.columns[i],
          '2022',
          '*',
          row.code,
          cell.suppressed ? '' : String(cell.value),
          cell.suppressed ? 'x' : '',
          cell.share === null ? '' : cell.share.toFixed(4),
        ].join(','),
      ),
    );
    expect(lines).toEqual(fromJson);
    const headline = await t.http.get('/stats/headline?country=CO');
    // Null when the registry is too sparse to publish it (here: few certifications, many cells).
    expect(headline.body).toMatchObject({ filters: { country: 'CO' } });
    expect(headline.body).toHaveProperty('certified');
    expectProblem(await t.http.get('/stats/tables/nope'), 404, 'NOT_FOUND');
    expectProblem(await t.http.get('/stats/tables/sex?country=ZZ'), 422, 'INVALID_REFERENCE');
    expectProblem(await t.http.get('/stats/tables/sex?period=yesterday'), 400, 'VALIDATION_FAILED');
  });

  it('still counts a revoked certification: the certification happened', async () => {
    const before = await grandTotal();
    const issued = await issueTo(t, key, certificateBody({ validFrom: '2022-02-01T00:00:00Z' }));
    const after = await grandTotal();
    const revoked = await t.http
      .post(`/issuer/credentials/${issued.id}/revoke`)
      .set(auth())
      .send({ reason: 'Issued by mistake' });
    expect(revoked.status).toBe(200);
    expect(await grandTotal()).toBe(after);
    if (before !== null && after !== null) expect(after).toBe(before + 1);
  });

  it('counts verifications by declared destination country and purpose, under the same k', async () => {
    const issued = await issueTo(t, key, certificateBody());
    const token = new URL(issued.verifyUrl).pathname.split('/v/')[1];
    for (let i = 0; i < 8; i++) {
      for (const query of ['?country=PE&purpose=EMPLOYMENT', '']) {
        const res = await t.http.get(`/v/${token}${query}`).set('Accept', 'application/json');
        expect(res.status).toBe(200);
      }
    }
    const table = (await t.http.get('/stats/tables/verifications')).body as Table & {
      columnDimension: string;
    };
    expect(table.columnDimension).toBe('DESTINATION_COUNTRY');
    expect(table.columns).toEqual(expect.arrayContaining(['*', 'PE', 'NONE']));
    const events = (
      await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM verification_event')
    )[0].n;
    const cell = (row: string, column: string) =>
      table.rows.find((r) => r.code === row)!.cells[table.columns.indexOf(column)];
    expect(cell('*', '*').value).toBe(events);
    expect(cell('EMPLOYMENT', 'PE').value).toBeGreaterThanOrEqual(8);
    for (const id of ['verifications', 'verification-answers']) {
      const json = (await t.http.get(`/stats/tables/${id}`)).body as Table;
      for (const row of json.rows) {
        for (const c of row.cells) {
          if (c.value !== null && c.value > 0) expect(c.value).toBeGreaterThanOrEqual(5);
        }
      }
    }
    // The activity tables are by no credential type; the cases table has its medians.
    expectProblem(
      await t.http.get('/stats/tables/verifications?type=CompetencyCertificationCredential'),
      422,
      'INVALID_REFERENCE',
    );
    const cases = (await t.http.get('/stats/tables/cases')).body as Table & {
      medianDaysToDecision: (number | null)[];
    };
    expect(cases.medianDaysToDecision).toHaveLength(cases.columns.length);
    const decisions = await t.http.get('/stats/tables/decision-outcome');
    expect(decisions.status).toBe(200);
    const csv = await t.http.get('/stats/tables/verifications/csv?country=PE');
    expect(csv.text.split('\n')[1]).toMatch(/^verifications,PE,\*,\*,\*,\d+,,/);
  });

  describe('the dashboard /stats', () => {
    /** Every table of the page: its rows' codes and cells, as numbers or null when marked. */
    const tablesOf = (html: string) => {
      const tables = new Map<string, Map<string, (number | null)[]>>();
      for (const [, id, body] of html.matchAll(
        /<table[^>]*data-table="([^"]+)"[^>]*>([\s\S]*?)<\/table>/g,
      )) {
        const rows = new Map<string, (number | null)[]>();
        for (const [, code, cells] of body.matchAll(/<tr data-code="([^"]+)">([\s\S]*?)<\/tr>/g)) {
          rows.set(
            code,
            [
              ...cells.matchAll(
                /<td (?:class="suppressed" data-suppressed="true"|data-value="(\d+)")/g,
              ),
            ].map(([, value]) => (value === undefined ? null : Number(value))),
          );
        }
        tables.set(id, rows);
      }
      return tables;
    };

    it('renders in the three languages under the strict CSP, from our origin only', async () => {
      for (const [lang, title] of [
        ['es', 'Estadísticas de certificación'],
        ['pt', 'Estatísticas de certificação'],
        ['en', 'Certification statistics'],
      ]) {
        const res = await t.http.get(`/stats?lang=${lang}`);
        expect(res.status).toBe(200);
        expect(res.text).toContain(`<html lang="${lang}">`);
        expect(res.text).toContain(title);
        const csp = res.headers['content-security-policy'];
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain("style-src-attr 'none'");
        // No third-party origin: no absolute address in any src, href or action.
        expect(res.text).not.toMatch(/(?:src|href|action)="(?:https?:)?\/\//);
        expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)|\sstyle=|\son\w+=/);
        // Every chart is an accessible SVG with a title and a description.
        const charts = [...res.text.matchAll(/<svg class="chart"[^>]*>/g)];
        expect(charts).toHaveLength(TABLES);
        expect(res.text.match(/<title id="chart-/g)).toHaveLength(TABLES);
        expect(res.text.match(/<desc id="chart-/g)).toHaveLength(TABLES);
      }
      const home = await t.http.get('/');
      expect(home.text).toContain('href="/stats"');
    });

    it('shows the values of GET /stats/tables, suppressed cells marked, never 0', async () => {
      const dimensions = (await t.http.get('/stats/dimensions')).body as { countries: string[] };
      for (const query of ['', `?country=${dimensions.countries[0]}&period=2022`]) {
        const page = await t.http.get(`/stats${query}`);
        const shown = tablesOf(page.text);
        // Unfiltered, every table; with a country, those that hold it as a column.
        expect([...shown.keys()]).toEqual(
          expect.arrayContaining(
            query ? ['certifications', 'sex', 'population'] : ['certifications', 'verifications'],
          ),
        );
        if (!query) expect(shown.size).toBe(TABLES);
        for (const [id, rows] of shown) {
          const json = (await t.http.get(`/stats/tables/${id}${query}`)).body as Table;
          expect([...rows.keys()]).toEqual(json.rows.map((r) => r.code));
          for (const row of json.rows) {
            expect(rows.get(row.code)).toEqual(row.cells.map((c) => c.value));
          }
          expect(page.text).toContain(
            `href="/stats/tables/${id}/csv${query.replace('&', '&amp;')}"`,
          );
        }
        const headline = (await t.http.get(`/stats/headline${query}`)).body as {
          certified: number;
        };
        expect(page.text).toMatch(new RegExp(`<span class="figure">${headline.certified}</span>`));
      }
      // A filter outside the published codes selects nothing: the page shows all.
      const odd = await t.http.get('/stats?country=ZZ&period=<b>');
      expect(odd.status).toBe(200);
      expect(odd.text).not.toContain('<b>');
    });
  });
});
