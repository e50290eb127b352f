import { seedIssuerKeys } from '../helpers/admin.js';
import { certificateBody, competencySubject, type TestHolder } from '../helpers/bodies.js';
import { issueTo } from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// Fictional people with accented names, known by documents no demo holder has.
const zoraida = (): TestHolder => ({
  documents: [{ type: 'CEDULA', country: 'VE', number: 'V-18.765.432' }],
  givenNames: 'Zoraida',
  familyNames: 'Ñáñez Quíntero',
});
const ulises = (): TestHolder => ({
  documents: [{ type: 'PPT', country: 'CO', number: 'SEARCH-PPT-0002' }],
  givenNames: 'Ulises',
  familyNames: 'Nanez Olmo',
});
const peruvianSubject = () =>
  competencySubject({
    standards: [
      { code: 'PE-DEMO-CUI-01', version: '1', title: 'Cuidador(a) de personas adultas mayores' },
    ],
    unitsAchieved: ['UC1'],
    assessmentCentre: { name: 'Dirección de Certificación Laboral (ficticia)', country: 'PE' },
    nationalLevel: { framework: 'PE-MNC', level: 3 },
  });

describe('an issuer searches its own credentials', () => {
  let t: TestApp;
  let key: string;
  let otherKey: string;
  const ids: Record<string, string> = {};

  const search = (query: Record<string, string>, token = key) =>
    t.http.get('/issuer/credentials').query(query).set('Authorization', `Bearer ${token}`);
  const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();

  beforeAll(async () => {
    t = await startTestApp();
    ({ key, otherKey } = await seedIssuerKeys(t));
    ids.zoraida = (await issueTo(t, key, certificateBody({ holder: zoraida() }))).id;
    ids.zoraidaOld = (
      await issueTo(
        t,
        key,
        certificateBody({ holder: zoraida(), validFrom: '2021-03-01T00:00:00Z' }),
      )
    ).id;
    ids.ulises = (await issueTo(t, key, certificateBody({ holder: ulises() }))).id;
    // The same person certified by pe-dcl: never in co-ens's answers, nor co-ens's in pe-dcl's.
    ids.zoraidaByPeru = (
      await issueTo(t, otherKey, certificateBody({ holder: zoraida(), subject: peruvianSubject() }))
    ).id;
    const revoked = await t.http
      .post(`/issuer/credentials/${ids.zoraidaOld}/revoke`)
      .set('Authorization', `Bearer ${key}`)
      .send({ reason: 'Issued in error' });
    expect(revoked.status).toBe(200);
  }, 120_000);
  afterAll(() => t.close());

  it('finds by a part of the names, case and accents aside, and names the holder', async () => {
    const res = await search({ holderName: 'NANEZ' });
    expect(res.status).toBe(200);
    expect(idsOf(res.body)).toEqual([ids.zoraida, ids.zoraidaOld, ids.ulises].sort());
    expect(res.body.total).toBe(3);
    expect(res.body.items.find((item: { id: string }) => item.id === ids.zoraida)).toMatchObject({
      holderName: 'Zoraida Ñáñez Quíntero',
    });
    expect(idsOf((await search({ holderName: 'quintero' })).body)).toEqual(
      [ids.zoraida, ids.zoraidaOld].sort(),
    );
    expect(idsOf((await search({ holderName: 'zoraida ñáñez' })).body)).toEqual(
      [ids.zoraida, ids.zoraidaOld].sort(),
    );
    // LIKE's wildcards are searched as themselves.
    expect((await search({ holderName: '%' })).body.total).toBe(0);
  });

  it('finds by document however it is typed, through its keyed hash', async () => {
    const document = { documentType: 'CEDULA', documentCountry: 've' };
    for (const number of ['V-18.765.432', '18765432', 'v 18765432']) {
      const res = await search({ ...document, documentNumber: number });
      expect(res.status).toBe(200);
      expect(idsOf(res.body)).toEqual([ids.zoraida, ids.zoraidaOld].sort());
    }
    expect((await search({ ...document, documentNumber: 'V-99999991' })).body).toMatchObject({
      items: [],
      total: 0,
    });
    const stored = await t.dataSource.query<{ row: string }[]>(
      "SELECT row_to_json(d)::text AS row FROM identity_document d WHERE last4 = '5432'",
    );
    expect(stored.map((row) => row.row).join()).not.toMatch(/18\.?765\.?432/);
  });

  it('combines the filters: type, status, dates and names', async () => {
    expect(idsOf((await search({ holderName: 'zoraida', status: 'REVOKED' })).body)).toEqual([
      ids.zoraidaOld,
    ]);
    expect(idsOf((await search({ holderName: 'zoraida', issuedFrom: '2022-01-01' })).body)).toEqual(
      [ids.zoraida],
    );
    expect(idsOf((await search({ holderName: 'zoraida', issuedTo: '2021-03-01' })).body)).toEqual([
      ids.zoraidaOld,
    ]);
    expect(
      (
        await search({
          holderName: 'zoraida',
          type: 'AcademicTitleCredential',
        })
      ).body.total,
    ).toBe(0);
    const paged = await search({ holderName: 'nanez', limit: '2', page: '2' });
    expect(paged.body).toMatchObject({ page: 2, limit: 2, total: 3 });
    expect(paged.body.items).toHaveLength(1);
  });

  it("never shows another issuer's credentials", async () => {
    const mine = await search({ holderName: 'zoraida' });
    expect(idsOf(mine.body)).not.toContain(ids.zoraidaByPeru);
    const theirs = await search({ holderName: 'zoraida' }, otherKey);
    expect(idsOf(theirs.body)).toEqual([ids.zoraidaByPeru]);
    const byDocument = await search(
      { documentType: 'CEDULA', documentCountry: 'VE', documentNumber: '18765432' },
      otherKey,
    );
    expect(idsOf(byDocument.body)).toEqual([ids.zoraidaByPeru]);
  });

  it('refuses malformed searches', async () => {
    expectProblem(
      await search({ documentType: 'CEDULA', documentNumber: '18765432' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await search({ documentType: 'CEDULA', documentCountry: 'VE', documentNumber: '--' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await search({ documentType: 'RUT', documentCountry: 'CL', documentNumber: '12.345.678-0' }),
      400,
      'DOCUMENT_NUMBER_INVALID',
    );
    expectProblem(await search({ documentType: 'LICENCE' }), 400, 'VALIDATION_FAILED');
    expectProblem(await search({ holderName: '' }), 400, 'VALIDATION_FAILED');
    const anonymous = await t.http.get('/issuer/credentials').query({ holderName: 'zoraida' });
    expectProblem(anonymous, 401, 'UNAUTHORIZED');
  });
});
