import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { legacyDocumentHmacs } from '../../src/modules/holder-identity/holder-identity.js';
import { certificateBody, mariaHolder, type TestDocument } from '../helpers/bodies.js';
import { issueTo, loginHolder, registerHolder } from '../helpers/holders.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'la cédula sin la letra también vale 2026';

const holderWith = (document: TestDocument) => ({
  ...mariaHolder(),
  documents: [document],
  givenNames: 'Ramón',
  familyNames: 'Demo Ortega',
});

// Documents as people write them (issue 17, docs/identity-documents.md).
describe('identity documents as people write them', () => {
  let t: TestApp;
  let issuerKey: string;
  const count = async (table: string) =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    issuerKey = (await t.app.get(DemoSeedService).seed()).apiKey!.key;
  });
  afterAll(() => t.close());

  it('lets a holder registered as V-12345678 claim and sign in with 12345678', async () => {
    const issued = await issueTo(
      t,
      issuerKey,
      certificateBody({
        holder: holderWith({ type: 'CEDULA', country: 'VE', number: 'V-12345678' }),
      }),
    );
    const digits = { type: 'CEDULA', country: 'VE', number: '12345678' };
    expect((await registerHolder(t, digits, issued.claimCode, PASSWORD)).status).toBe(201);
    for (const number of ['12345678', '12.345.678', 'V-12345678', 'v 012345678']) {
      const res = await loginHolder(t, { ...digits, number }, PASSWORD);
      expect(res.status).toBe(200);
    }
  });

  it('keeps a holder stored before the rule matching, re-keyed once and audited', async () => {
    const typed = { type: 'CEDULA', country: 'VE', number: 'V-00000042' };
    const issued = await issueTo(t, issuerKey, certificateBody({ holder: holderWith(typed) }));
    // As the earlier code stored it: the HMAC of the generic form, `V00000042`.
    const [legacy] = legacyDocumentHmacs(t.config.secrets.HOLDER_ID_PEPPER, {
      type: 'CEDULA',
      country: 'VE',
      number: '42',
    });
    const [row] = await t.dataSource.query<{ id: string }[]>(
      'SELECT identity_document_id AS id FROM credential WHERE id = $1',
      [issued.id],
    );
    await t.dataSource.query('UPDATE identity_document SET number_hmac = $1 WHERE id = $2', [
      legacy,
      row.id,
    ]);
    const [{ audited }] = await t.dataSource.query<{ audited: string }[]>(
      'SELECT max(seq) AS audited FROM audit_event',
    );
    const registered = await registerHolder(
      t,
      { type: 'CEDULA', country: 'VE', number: '42' },
      issued.claimCode,
      PASSWORD,
    );
    expect(registered.status).toBe(201);
    const [after] = await t.dataSource.query<{ number_hmac: string }[]>(
      'SELECT number_hmac FROM identity_document WHERE id = $1',
      [row.id],
    );
    expect(after.number_hmac).not.toBe(legacy);
    const rekeyed = await t.dataSource.query<{ data: Record<string, unknown> }[]>(
      `SELECT data FROM audit_event WHERE action = 'identity_document.rekeyed' AND seq > $1`,
      [audited],
    );
    expect(rekeyed).toHaveLength(1);
    expect(rekeyed[0].data).toEqual({ documentId: row.id, type: 'CEDULA', country: 'VE' });
    expect(JSON.stringify(rekeyed)).not.toContain('42"');
    expect((await loginHolder(t, typed, PASSWORD)).status).toBe(200);
  });

  it('answers a typo in a check digit with "check the number", storing nothing', async () => {
    const credentials = await count('credential');
    const documents = await count('identity_document');
    const res = await t.http
      .post('/issuer/credentials')
      .set('Authorization', `Bearer ${issuerKey}`)
      .send(
        certificateBody({
          holder: holderWith({ type: 'RUT', country: 'CL', number: '12.345.678-4' }),
        }),
      );
    expectProblem(res, 400, 'DOCUMENT_NUMBER_INVALID');
    expect(res.body.errors[0].path).toBe('holder.documents[0].number');
    expect(res.body.errors[0].message).toMatch(/^CHECK_DIGIT/);
    expect(res.text).not.toContain('12.345.678');
    expect(await count('credential')).toBe(credentials);
    expect(await count('identity_document')).toBe(documents);

    const login = await loginHolder(
      t,
      { type: 'CPF', country: 'BR', number: '529.982.247-52' },
      PASSWORD,
    );
    expectProblem(login, 400, 'DOCUMENT_NUMBER_INVALID');
  });

  it('issues to a valid RUN however it is written', async () => {
    const issued = await issueTo(
      t,
      issuerKey,
      certificateBody({
        holder: holderWith({ type: 'RUT', country: 'CL', number: '12.345.678-5' }),
      }),
    );
    const run = { type: 'RUT', country: 'CL', number: '123456785' };
    expect((await registerHolder(t, run, issued.claimCode, PASSWORD)).status).toBe(201);
    expect((await loginHolder(t, { ...run, number: '12345678-5' }, PASSWORD)).status).toBe(200);
  });
});
