import { asAdmin, seedIssuerKeys } from '../helpers/admin.js';
import { certificateBody } from '../helpers/bodies.js';
import { outsideVerifier } from '../helpers/outside-verifier.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

describe('issuance', () => {
  let t: TestApp;
  let key: string;
  let otherKey: string;
  const auth = () => ({ Authorization: `Bearer ${key}` });
  const issue = (body: object, headers: Record<string, string> = {}) =>
    t.http
      .post('/issuer/credentials')
      .set({ ...auth(), ...headers })
      .send(body);
  const count = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM credential'))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    ({ key, otherKey } = await seedIssuerKeys(t));
  });
  afterAll(() => t.close());

  it('issues a Data Integrity credential that an outside verifier accepts', async () => {
    const res = await issue(certificateBody());
    expect(res.status).toBe(201);
    const { id, verifiableCredential: vc, claimCode, verifyUrl } = res.body;
    expect(claimCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(verifyUrl).toMatch(/^http:\/\/localhost:3000\/v\/[A-Za-z0-9_-]{32}$/);
    expect(vc).toMatchObject({
      id: `urn:uuid:${id}`,
      type: ['VerifiableCredential', 'CompetencyCertificationCredential'],
      issuer: { id: 'did:web:localhost%3A3000:issuers:co-ens' },
      credentialSchema: {
        id: 'http://localhost:3000/schemas/CompetencyCertificationCredential.json',
      },
      credentialSubject: {
        name: { givenNames: 'María' },
        identityDocument: { type: 'PPT', country: 'CO', last4: '0001' },
      },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
    });
    expect(vc.credentialStatus.map((s: { statusPurpose: string }) => s.statusPurpose)).toEqual([
      'revocation',
      'suspension',
    ]);
    expect(JSON.stringify(res.body)).not.toContain('DEMO-PPT-0001');

    const result = await outsideVerifier(t).verify(vc);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('issues a VC-JWT that verifies with jose against the DID document key', async () => {
    const res = await issue(certificateBody({ format: 'jwt' }));
    expect(res.status).toBe(201);
    const { payload, protectedHeader } = await outsideVerifier(t).verifyJwt(
      res.body.verifiableCredential,
    );
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'vc+jwt' });
    expect(payload).toMatchObject({
      type: ['VerifiableCredential', 'CompetencyCertificationCredential'],
    });
  });

  it('stores no document number, only the holder document hash', async () => {
    const rows = await t.dataSource.query<object[]>(
      'SELECT c.*, d.* FROM credential c JOIN identity_document d ON d.id = c.identity_document_id',
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/DEMO-PPT-0001|V-00000001|DEMOPPT0001/);
  });

  it('flips exactly that credential’s bits on revocation, suspension and reinstatement', async () => {
    const verifier = outsideVerifier(t);
    const a = (await issue(certificateBody())).body;
    const b = (await issue(certificateBody())).body;
    const change = (id: string, action: string) =>
      t.http.post(`/issuer/credentials/${id}/${action}`).set(auth()).send({ reason: 'test' });

    expect((await change(a.id, 'suspend')).body.status).toBe('SUSPENDED');
    expect(await verifier.statusBits(a.verifiableCredential)).toEqual([false, true]);
    expect(await verifier.statusBits(b.verifiableCredential)).toEqual([false, false]);
    expect((await change(a.id, 'reinstate')).body.status).toBe('ACTIVE');
    expect(await verifier.statusBits(a.verifiableCredential)).toEqual([false, false]);
    const revoked = await change(a.id, 'revoke');
    expect(revoked.body).toMatchObject({
      status: 'REVOKED',
      statusHistory: [{ to: 'SUSPENDED' }, { to: 'ACTIVE' }, { to: 'REVOKED' }],
    });
    expect(await verifier.statusBits(a.verifiableCredential)).toEqual([true, false]);
    expect(await verifier.statusBits(b.verifiableCredential)).toEqual([false, false]);
    expectProblem(await change(a.id, 'revoke'), 409, 'ALREADY_REVOKED');
    expectProblem(await change(a.id, 'reinstate'), 409, 'ALREADY_REVOKED');
  });

  it('serves status lists with an ETag and a short cache lifetime', async () => {
    const vc = (await issue(certificateBody())).body.verifiableCredential;
    const url = new URL(vc.credentialStatus[0].statusListCredential);
    const res = await t.http.get(url.pathname);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    expect(res.body).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      proof: { cryptosuite: 'eddsa-rdfc-2022' },
    });
    const again = await t.http.get(url.pathname).set('If-None-Match', res.headers.etag);
    expect(again.status).toBe(304);
    expectProblem(
      await t.http.get('/status-lists/00000000-0000-0000-0000-000000000000'),
      404,
      'NOT_FOUND',
    );
  });

  it('answers a retry with the same Idempotency-Key with the first credential', async () => {
    const before = await count();
    const first = await issue(certificateBody(), { 'Idempotency-Key': 'order-42' });
    const retry = await issue(certificateBody(), { 'Idempotency-Key': 'order-42' });
    expect(first.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.body.claimCode).toBe(first.body.claimCode);
    const stored = await t.dataSource.query<object[]>('SELECT * FROM idempotency_record');
    expect(JSON.stringify(stored)).not.toContain(first.body.claimCode);
    expect(await count()).toBe(before + 1);
    expectProblem(
      await issue(certificateBody({ validFrom: '2022-06-01T00:00:00Z' }), {
        'Idempotency-Key': 'order-42',
      }),
      409,
      'IDEMPOTENCY_CONFLICT',
    );
  });

  it('refuses a malformed Idempotency-Key header, issuing nothing', async () => {
    const before = await count();
    expectProblem(
      await issue(certificateBody(), { 'Idempotency-Key': 'has spaces and ñ' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await count()).toBe(before);
  });

  it('lists and shows only the issuer’s own credentials', async () => {
    // The one revoked above, and any the demo region seeds revoked.
    const list = await t.http.get('/issuer/credentials?status=REVOKED').set(auth());
    const [revoked] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM credential c JOIN issuer i ON i.id = c.issuer_id
       WHERE i.slug = 'co-ens' AND c.status = 'REVOKED'`,
    );
    expect(list.body.total).toBe(revoked.n);
    expect(list.body.total).toBeGreaterThanOrEqual(1);
    expect(list.body.items.every((item: { status: string }) => item.status === 'REVOKED')).toBe(
      true,
    );
    const all = await t.http.get('/issuer/credentials?limit=100').set(auth());
    expect(all.body.total).toBeGreaterThan(3);
    const id = all.body.items[0].id;
    expect((await t.http.get(`/issuer/credentials/${id}`).set(auth())).body.id).toBe(id);
    const other = { Authorization: `Bearer ${otherKey}` };
    expectProblem(await t.http.get(`/issuer/credentials/${id}`).set(other), 404, 'NOT_FOUND');
    expectProblem(
      await t.http.post(`/issuer/credentials/${id}/revoke`).set(other).send({ reason: 'x' }),
      404,
      'NOT_FOUND',
    );
    expect((await t.http.get('/issuer/credentials').set(other)).body.total).toBe(0);
  });

  describe('refuses bad input and stores nothing', () => {
    const cases: [string, () => Promise<import('supertest').Response>, number, string, string[]][] =
      [
        [
          'no API key',
          () => t.http.post('/issuer/credentials').send(certificateBody()),
          401,
          'UNAUTHORIZED',
          [],
        ],
        [
          'an invalid API key',
          () =>
            t.http
              .post('/issuer/credentials')
              .set('Authorization', 'Bearer rck_nope')
              .send(certificateBody()),
          401,
          'UNAUTHORIZED',
          [],
        ],
        [
          'the admin token',
          () => asAdmin(t).post('/issuer/credentials', certificateBody()),
          403,
          'FORBIDDEN',
          [],
        ],
        [
          'an unknown type',
          () => issue(certificateBody({ type: 'DriverLicence' })),
          422,
          'UNKNOWN_CREDENTIAL_TYPE',
          ['type'],
        ],
        [
          'schema violations, every field listed',
          () => issue(certificateBody({ subject: { isco08: 'cook', result: 7, colour: 'red' } })),
          422,
          'INVALID_SUBJECT',
          ['subject.isco08', 'subject.result', 'subject.colour'],
        ],
        [
          'a level it is not accredited for',
          () =>
            issue(
              certificateBody({
                subject: { nationalLevel: { framework: 'CO-MNC', level: 7 } },
              }),
            ),
          403,
          'NOT_ACCREDITED',
          [],
        ],
        [
          'validUntil before validFrom',
          () => issue(certificateBody({ validUntil: '2021-01-01T00:00:00Z' })),
          422,
          'INVALID_DATE_RANGE',
          ['validUntil'],
        ],
        [
          'an unknown field',
          () => issue({ ...certificateBody(), colour: 'red' }),
          400,
          'VALIDATION_FAILED',
          ['colour'],
        ],
        [
          'a missing holder',
          () => issue({ ...certificateBody(), holder: undefined }),
          400,
          'VALIDATION_FAILED',
          ['holder'],
        ],
      ];
    it.each(cases)('refuses %s', async (_name, call, status, code, paths) => {
      const before = await count();
      const res = await call();
      expectProblem(res, status, code);
      for (const path of paths)
        expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await count()).toBe(before);
    });

    it('says why it is not accredited', async () => {
      const res = await issue(
        certificateBody({
          subject: { nationalLevel: { framework: 'CO-MNC', level: 7 } },
        }),
      );
      expect(res.body.reason).toBe('LEVEL_OUT_OF_RANGE');
    });

    it('refuses a suspended issuer', async () => {
      await asAdmin(t).patch('/admin/issuers/co-ens', { status: 'SUSPENDED', reason: 'test' });
      const before = await count();
      expectProblem(await issue(certificateBody()), 403, 'ISSUER_SUSPENDED');
      expect(await count()).toBe(before);
      await asAdmin(t).patch('/admin/issuers/co-ens', { status: 'ACTIVE', reason: 'test over' });
    });
  });

  it('keeps the audit chain intact', async () => {
    expect((await asAdmin(t).get('/admin/audit/verify')).body).toMatchObject({ intact: true });
  });
});
