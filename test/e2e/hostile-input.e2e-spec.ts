import { asAdmin, registryCounts, seedIssuerKeys } from '../helpers/admin.js';
import { certificateBody } from '../helpers/bodies.js';
import { expectProblem } from '../helpers/problem.js';
import { asHolder, issueTo, registerHolder } from '../helpers/holders.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/** `{"a":{"a":…}}` nested `depth` levels. */
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('hostile input', () => {
  let t: TestApp;
  let key: string;
  const credentialCount = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM credential'))[0].n;
  const issue = (body: object) =>
    t.http
      .post('/issuer/credentials')
      .set({ Authorization: `Bearer ${key}` })
      .send(body);

  beforeAll(async () => {
    t = await startTestApp();
    ({ key } = await seedIssuerKeys(t));
  });
  afterAll(() => t.close());

  describe('JSON bodies', () => {
    it('refuses a deeply nested body with 400 JSON_TOO_DEEP, on public routes too', async () => {
      for (const url of ['/verifications', '/health', '/admin/issuers']) {
        const res = await t.http
          .post(url)
          .set('Content-Type', 'application/json')
          .send(nested(10_000));
        expectProblem(res, 400, 'JSON_TOO_DEEP');
      }
    });

    it('refuses a body just over the depth limit and accepts one at the limit', async () => {
      const over = await t.http
        .post('/verifications')
        .set('Content-Type', 'application/json')
        .send(nested(33));
      expectProblem(over, 400, 'JSON_TOO_DEEP');
      const at = await t.http
        .post('/verifications')
        .set('Content-Type', 'application/json')
        .send(nested(32));
      expect(at.body.code).not.toBe('JSON_TOO_DEEP');
    });

    it('refuses a body with too many keys with 400 JSON_TOO_MANY_KEYS', async () => {
      const many = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`k${i}`, 0]));
      const res = await t.http.post('/verifications').send(many);
      expectProblem(res, 400, 'JSON_TOO_MANY_KEYS');
    });

    it('parses the JSON-LD media types with the same limits', async () => {
      const res = await t.http
        .post('/credentials/verify')
        .set('Content-Type', 'application/ld+json')
        .send(nested(100));
      expectProblem(res, 400, 'JSON_TOO_DEEP');
    });
  });

  it('refuses a page number past any list with 400, not an offset PostgreSQL refuses', async () => {
    for (const page of ['1e175', '1000001']) {
      expectProblem(await t.http.get(`/registry/issuers?page=${page}`), 400, 'VALIDATION_FAILED');
    }
    expect((await t.http.get('/registry/issuers?page=1000000')).status).toBe(200);
  });

  describe('NUL and lone surrogates', () => {
    it('refuses a NUL in a path parameter with 400 naming it', async () => {
      const res = await t.http.get('/registry/issuers/co%00ens');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([
        { path: 'slug', message: 'must not contain NUL characters' },
      ]);
      const admin = await asAdmin(t).patch('/admin/issuers/co%00ens', { legalName: 'x' });
      expectProblem(admin, 400, 'VALIDATION_FAILED');
    });

    it('refuses a NUL or a lone surrogate in a query parameter', async () => {
      const nul = await t.http.get('/registry/issuers?country=C%00O');
      expectProblem(nul, 400, 'VALIDATION_FAILED');
      expect(nul.body.errors[0].path).toBe('country');
      const surrogate = await t.http.get('/registry/issuers?country=%ED%A0%80');
      // Undecodable UTF-8 is replaced, never passed through as a lone surrogate.
      expect(surrogate.status).toBeLessThan(500);
    });

    it('refuses a NUL in a name before anything is signed or stored', async () => {
      const before = await credentialCount();
      const res = await issue(certificateBody({ holder: { givenNames: 'Ma\u0000ría' } }));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([
        { path: 'holder.givenNames', message: expect.stringMatching(/NUL/) },
      ]);
      expect(await credentialCount()).toBe(before);
    });

    it('refuses a lone surrogate in a string field, escaped in the JSON text', async () => {
      const before = await registryCounts(t);
      const res = await t.http
        .patch('/admin/issuers/co-ens')
        .set({
          Authorization: `Bearer ${t.config.secrets.ADMIN_TOKEN}`,
          'Content-Type': 'application/json',
        })
        .send('{"legalName": "ENS \\ud800", "reason": "x"}');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors[0].path).toBe('legalName');
      expect(await registryCounts(t)).toEqual(before);
    });

    it('refuses a NUL in a key of an object', async () => {
      const res = await t.http
        .post('/verifications')
        .set('Content-Type', 'application/json')
        .send('{"verifiableCredential": {"a\\u0000b": 1}}');
      expectProblem(res, 400, 'VALIDATION_FAILED');
    });

    it('refuses bidirectional overrides in names, and accepts right-to-left text', async () => {
      const before = await credentialCount();
      const res = await issue(certificateBody({ holder: { familyNames: 'Rivas \u202Esavir' } }));
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([
        { path: 'holder.familyNames', message: expect.stringMatching(/bidirectional/) },
      ]);
      expect(await credentialCount()).toBe(before);
      const legal = await asAdmin(t).patch('/admin/issuers/co-ens', {
        legalName: 'ENS \u2066x\u2069',
      });
      expectProblem(legal, 400, 'VALIDATION_FAILED');
      const arabic = await issue(certificateBody({ holder: { givenNames: 'مريم\u200F' } }));
      expect(arabic.status).toBe(201);
    });

    it('accepts a well-formed surrogate pair', async () => {
      const res = await issue(certificateBody({ holder: { givenNames: 'María 😀' } }));
      expect(res.status).toBe(201);
    });
  });

  describe('null and wrong types', () => {
    it('refuses null for an optional field with 400, changing nothing', async () => {
      const before = await registryCounts(t);
      const res = await asAdmin(t).patch('/admin/issuers/co-ens', { legalName: null });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('legalName');
      expect(await registryCounts(t)).toEqual(before);
    });

    it('refuses null for optional fields of accreditations and agreements', async () => {
      const before = await registryCounts(t);
      const accreditation = await asAdmin(t).post('/admin/issuers/pe-dcl/accreditations', {
        credentialTypes: ['CompetencyCertificationCredential'],
        framework: 'PE-MNC',
        occupations: null,
        validFrom: '2024-01-01',
        accreditedBy: 'pe-dcl',
        legalReference: 'Resolución DEMO-1',
      });
      expectProblem(accreditation, 400, 'VALIDATION_FAILED');
      expect(accreditation.body.errors.map((e: { path: string }) => e.path)).toContain(
        'occupations',
      );
      expect(await registryCounts(t)).toEqual(before);
      const agreement = await asAdmin(t).patch(
        '/admin/agreements/00000000-0000-4000-8000-000000000000',
        { mode: null },
      );
      expectProblem(agreement, 400, 'VALIDATION_FAILED');
    });

    it('refuses null for a holder’s consent, keeping the consents as they were', async () => {
      const document = { type: 'PPT', country: 'CO', number: 'NULL-PPT-000001' };
      const issued = await issueTo(
        t,
        key,
        certificateBody({
          holder: { documents: [document], givenNames: 'Nula', familyNames: 'Demo' },
        }),
      );
      const registered = await registerHolder(
        t,
        document,
        issued.claimCode,
        'una clave larga 2026',
      );
      expect(registered.status).toBe(201);
      const holder = asHolder(t, registered.body.accessToken);
      const before = (await holder.get('/holder/consents')).body;
      const res = await holder.put('/holder/consents', { statistics: null });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('statistics');
      expect((await holder.get('/holder/consents')).body).toEqual(before);
    });

    it('refuses null for an optional field of an issuance', async () => {
      const res = await issue(certificateBody({ validUntil: null }));
      expectProblem(res, 400, 'VALIDATION_FAILED');
    });

    it('refuses a holder sent as an array', async () => {
      const before = await credentialCount();
      const body = certificateBody();
      const res = await issue({ ...body, holder: [body.holder] });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('holder');
      expect(await credentialCount()).toBe(before);
    });

    it('refuses a link token that is not a string, also beside a credential', async () => {
      // Found by the generative test (GENERATIVE_RUNS=100 GENERATIVE_SEED=99): once a 500.
      const res = await t.http
        .post('/verifications')
        .send({ verifiableCredential: 'x', token: 9007199254740992, date: '2026-01-01' });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('token');
    });
  });

  describe('an unverifiable credential with a destination', () => {
    const unverifiable: [string, unknown][] = [
      ['a number', 123],
      ['an empty object', {}],
      ['an array', [1]],
      ['a credential without validFrom', { '@context': [], type: ['VerifiableCredential'] }],
      [
        'a JWT with alg none',
        `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"vc":{}}').toString(
          'base64url',
        )}.`,
      ],
    ];

    it.each(unverifiable)('answers %s with INVALID, not 500', async (_name, credential) => {
      const res = await t.http
        .post('/verifications')
        .send({ verifiableCredential: credential, destinationCountry: 'PE' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('INVALID');
      expect(res.body.recognition).toMatchObject({ outcome: 'INVALID', reasons: ['INVALID'] });
    });
  });
});
