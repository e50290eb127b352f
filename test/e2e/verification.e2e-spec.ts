import { DemoSeedService, type DemoSeedResult } from '../../src/modules/demo/demo-seed.service.js';
import { asAdmin } from '../helpers/admin.js';
import {
  certificateAccreditationBody,
  certificateBody,
  certifyingBodyBody,
} from '../helpers/bodies.js';
import { expectProblem } from '../helpers/problem.js';
import { decodeQrPng } from '../helpers/qr.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- credentials are tampered with freely
type Json = Record<string, any>;

const tokenOf = (verifyUrl: string) => verifyUrl.split('/v/')[1];

// DOMAIN.md's expected outcomes, on 2026-06-01.
const EXPECTED: [string, string, string, string, Record<string, unknown>][] = [
  [
    'maria-cuidado',
    'PE',
    'EMPLOYMENT',
    'RECOGNISED',
    { agreement: { id: 'agr-spe-andino-demo-2' } },
  ],
  [
    'jose-cocina',
    'CL',
    'EMPLOYMENT',
    'RECOGNISED',
    { agreement: { id: 'agr-pe-cl-2026-demo' }, equivalent: { standardId: 'std-cl-ayc' } },
  ],
  [
    'rosa-ayudante-cocina',
    'PE',
    'EMPLOYMENT',
    'VALID_WITH_CONDITIONS',
    { missingUnits: ['UC3', 'UC4'] },
  ],
  [
    'ana-convalidacion',
    'PE',
    'ACADEMIC_CONTINUATION',
    'RECOGNISED',
    { agreement: { id: 'agr-co-pe-titulos-demo' } },
  ],
  ['ana-convalidacion', 'PE', 'EMPLOYMENT', 'VALID_WITH_CONDITIONS', {}],
  [
    'ana-convalidacion',
    'PE',
    'PROFESSIONAL_PRACTICE',
    'VALID_NOT_COVERED',
    { reasons: ['PURPOSE_OUT_OF_SCOPE'] },
  ],
  ['carlos-electricidad', 'CO', 'EMPLOYMENT', 'VALID_NOT_COVERED', {}],
  ['luisa-registro', 'CO', 'EMPLOYMENT', 'VALID_NOT_COVERED', { reasons: ['NO_AGREEMENT'] }],
  ['pedro-cocina', 'PE', 'EMPLOYMENT', 'REVOKED', {}],
];

describe('verification and recognition', () => {
  let t: TestApp;
  let seed: DemoSeedResult;
  let issuerKey: string;
  const token = (name: string) => tokenOf(seed.credentials[name].verifyUrl);

  beforeAll(async () => {
    t = await startTestApp();
    seed = await t.app.get(DemoSeedService).seed();
    issuerKey = seed.apiKey!.key;
  });
  afterAll(() => t.close());

  describe("DOMAIN.md's expected outcomes", () => {
    it.each(EXPECTED)(
      '%s → %s, %s: %s (POST /verifications)',
      async (name, country, purpose, outcome, more) => {
        const res = await t.http
          .post('/verifications')
          .send({ token: token(name), destinationCountry: country, purpose, date: '2026-06-01' });
        expect(res.status).toBe(200);
        expect(res.body.recognition).toMatchObject({ outcome, ...more });
        if (name === 'carlos-electricidad') {
          expect(res.body.recognition.reasons).toEqual(
            expect.arrayContaining(['MAX_AGE_YEARS', 'ISSUED_AFTER']),
          );
        }
        if (name === 'ana-convalidacion' && purpose === 'EMPLOYMENT') {
          expect(res.body.recognition.conditions.map((c: { code: string }) => c.code)).toContain(
            'PROFESSIONAL_LICENCE',
          );
        }
        if (name === 'rosa-ayudante-cocina') {
          expect(res.body.recognition.conditions.map((c: { code: string }) => c.code)).toContain(
            'GAP_ASSESSMENT',
          );
        }
      },
    );

    it.each(EXPECTED)(
      '%s → %s, %s: %s (GET /v/<token>)',
      async (name, country, purpose, outcome) => {
        const res = await t.http
          .get(`/v/${token(name)}?country=${country}&purpose=${purpose}`)
          .set('Accept', 'application/json');
        expect(res.status).toBe(200);
        expect(res.body.recognition.outcome).toBe(outcome);
      },
    );

    it('answers VALID_DOMESTIC in the issuing country', async () => {
      const res = await t.http
        .post('/verifications')
        .send({ token: token('maria-cuidado'), destinationCountry: 'CO' });
      expect(res.body.recognition.outcome).toBe('VALID_DOMESTIC');
    });

    it('takes `country`, the name /v/ uses; the deprecated `destinationCountry` still works', async () => {
      const send = (body: object) =>
        t.http.post('/verifications').send({ token: token('maria-cuidado'), ...body });
      const named = await send({ country: 'CO' });
      expect(named.status).toBe(200);
      expect(named.body.recognition.outcome).toBe('VALID_DOMESTIC');
      expect((await send({ country: 'CO', destinationCountry: 'CO' })).status).toBe(200);
      expectProblem(
        await send({ country: 'CO', destinationCountry: 'PE' }),
        400,
        'VALIDATION_FAILED',
      );
      // The error names the parameter the caller used.
      const unknown = await send({ country: 'XX' });
      expectProblem(unknown, 422, 'INVALID_REFERENCE');
      expect(unknown.body.errors).toEqual([{ path: 'country', message: 'unknown country XX' }]);
      const deprecated = await send({ destinationCountry: 'XX' });
      expectProblem(deprecated, 422, 'INVALID_REFERENCE');
      expect(deprecated.body.errors).toEqual([
        { path: 'destinationCountry', message: 'unknown country XX' },
      ]);
    });
  });

  describe('a fresh credential through its life', () => {
    const issue = async (key = issuerKey) => {
      const res = await t.http
        .post('/issuer/credentials')
        .set('Authorization', `Bearer ${key}`)
        .send(
          certificateBody({
            holder: {
              documents: [{ type: 'CEDULA', country: 'VE', number: 'V-1234567' }],
              givenNames: 'Elena',
              familyNames: 'Demo Ruiz',
            },
          }),
        );
      expect(res.status).toBe(201);
      return res.body as {
        id: string;
        verifiableCredential: Record<string, unknown>;
        verifyUrl: string;
      };
    };
    const verify = async (vc: unknown) =>
      (await t.http.post('/verifications').send({ verifiableCredential: vc })).body;
    const change = (id: string, action: string) =>
      t.http
        .post(`/issuer/credentials/${id}/${action}`)
        .set('Authorization', `Bearer ${issuerKey}`)
        .send({ reason: 'test' });

    it('is VALID, then REVOKED after revocation', async () => {
      const { id, verifiableCredential } = await issue();
      expect(await verify(verifiableCredential)).toMatchObject({ verified: true, status: 'VALID' });
      await change(id, 'revoke');
      expect(await verify(verifiableCredential)).toMatchObject({
        verified: false,
        status: 'REVOKED',
      });
    });

    it('answers a link from cache only until something it depends on changes', async () => {
      const { id, verifyUrl } = await issue();
      const link = `/v/${tokenOf(verifyUrl)}?country=PE&purpose=EMPLOYMENT`;
      const get = async () => (await t.http.get(link).set('Accept', 'application/json')).body;
      expect((await get()).status).toBe('VALID');
      expect((await get()).status).toBe('VALID');
      await change(id, 'suspend');
      expect((await get()).status).toBe('SUSPENDED');
      await change(id, 'reinstate');
      expect((await get()).recognition.outcome).toBe('RECOGNISED');
      await asAdmin(t).patch('/admin/agreements/agr-spe-andino-demo-2', {
        status: 'SUSPENDED',
        reason: 'review',
      });
      // CO→PE is still linked by the titles agreement, which does not cover certificates.
      expect((await get()).recognition.outcome).toBe('VALID_NOT_COVERED');
      await asAdmin(t).patch('/admin/agreements/agr-spe-andino-demo-2', {
        status: 'IN_FORCE',
        reason: 'review over',
      });
      expect((await get()).recognition.outcome).toBe('RECOGNISED');
    });

    it('is SUSPENDED while suspended and VALID again after reinstatement', async () => {
      const { id, verifiableCredential } = await issue();
      await change(id, 'suspend');
      expect((await verify(verifiableCredential)).status).toBe('SUSPENDED');
      await change(id, 'reinstate');
      expect((await verify(verifiableCredential)).status).toBe('VALID');
    });

    it('stays VALID after its issuer is suspended: it was accredited when issued', async () => {
      const { verifiableCredential } = await issue();
      await asAdmin(t).patch('/admin/issuers/co-ens', {
        status: 'SUSPENDED',
        reason: 'inspection',
      });
      try {
        const result = await verify(verifiableCredential);
        expect(result.status).toBe('VALID');
        expect(result.checks.find((c: { id: string }) => c.id === 'accreditation')).toMatchObject({
          status: 'passed',
        });
      } finally {
        await asAdmin(t).patch('/admin/issuers/co-ens', {
          status: 'ACTIVE',
          reason: 'inspection over',
        });
      }
    });

    it('is INVALID with KEY_COMPROMISED once its key is declared compromised', async () => {
      // An issuer of its own, so the demo credentials keep their keys.
      const admin = asAdmin(t);
      await admin.post(
        '/admin/issuers',
        certifyingBodyBody('co-prueba', 'Centro de Prueba (ficticio)'),
      );
      await admin.post('/admin/issuers/co-prueba/accreditations', certificateAccreditationBody());
      const key = (await admin.post('/admin/issuers/co-prueba/api-keys')).body.apiKey as string;
      const { verifiableCredential } = await issue(key);
      const keyId = String(
        (verifiableCredential.proof as { verificationMethod: string }).verificationMethod,
      ).split('#')[1];
      await admin.post(`/admin/issuers/co-prueba/keys/${keyId}/compromised`, {
        reason: 'leaked',
      });
      const result = await verify(verifiableCredential);
      expect(result).toMatchObject({ verified: false, status: 'INVALID' });
      expect(result.checks).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'KEY_COMPROMISED', status: 'failed' }),
        ]),
      );
      // A new key was made active: new credentials verify again.
      expect((await verify((await issue(key)).verifiableCredential)).status).toBe('VALID');
    });
  });

  describe('bad input', () => {
    let vc: Record<string, unknown>;
    beforeAll(async () => {
      const res = await t.http
        .get(`/issuer/credentials/${seed.credentials['jose-cocina'].id}`)
        .set('Authorization', `Bearer ${seed.apiKey!.key}`);
      // jose's credential belongs to pe-ccl-andes; read it through the verify link instead.
      expect(res.status).toBe(404);
      vc = (
        await t.dataSource.query<{ document: Record<string, unknown> }[]>(
          'SELECT document FROM credential WHERE id = $1',
          [seed.credentials['jose-cocina'].id],
        )
      )[0].document;
    });
    const verify = (body: unknown) => t.http.post('/verifications').send(body as object);

    it('answers garbage with 400', async () => {
      expectProblem(
        await t.http.post('/verifications').set('Content-Type', 'application/json').send('{nope'),
        400,
        'MALFORMED_JSON',
      );
      expectProblem(await verify({}), 400, 'VALIDATION_FAILED');
      expectProblem(await verify({ verifiableCredential: vc, extra: 1 }), 400, 'VALIDATION_FAILED');
    });

    it.each<[string, (c: Json) => void]>([
      ['subject', (c) => (c.credentialSubject.result = 'PARTIALLY_COMPETENT')],
      ['validFrom', (c) => (c.validFrom = '2020-01-01T00:00:00Z')],
      ['issuer', (c) => (c.issuer = { id: 'did:web:localhost%3A3000:issuers:pe-dcl' })],
      ['type', (c) => (c.type = ['VerifiableCredential', 'AcademicTitleCredential'])],
      ['proofValue', (c) => (c.proof.proofValue = 'z' + '1'.repeat(86))],
    ])(
      'does not verify a credential whose %s changed, naming the proof',
      async (_field, tamper) => {
        const tampered = structuredClone(vc) as Json;
        tamper(tampered);
        const res = await verify({ verifiableCredential: tampered });
        expect(res.status).toBe(200);
        expect(res.body.verified).toBe(false);
        expect(res.body.checks.find((c: { id: string }) => c.id === 'proof').status).toBe('failed');
      },
    );

    it('does not verify an unsigned credential', async () => {
      const unsigned = structuredClone(vc);
      delete unsigned.proof;
      const res = await verify({ verifiableCredential: unsigned });
      expect(res.body).toMatchObject({ verified: false, status: 'INVALID' });
    });

    it('does not verify a credential from an issuer outside the trust list', async () => {
      const foreign = structuredClone(vc);
      foreign.issuer = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
      const res = await verify({ verifiableCredential: foreign });
      expect(res.body.verified).toBe(false);
      expect(res.body.checks.find((c: { id: string }) => c.id === 'issuer')).toMatchObject({
        status: 'failed',
        code: 'ISSUER_UNKNOWN',
      });
    });

    it('does not verify a credential signed with a key that is not the issuer’s', async () => {
      const other = structuredClone(vc) as Json;
      other.proof.verificationMethod = 'did:web:localhost%3A3000:issuers:co-ens#key-1';
      const res = await verify({ verifiableCredential: other });
      expect(res.body.verified).toBe(false);
    });

    it('refuses an unknown country or purpose with 422', async () => {
      expectProblem(
        await verify({ token: token('maria-cuidado'), destinationCountry: 'XX' }),
        422,
        'INVALID_REFERENCE',
      );
      expectProblem(
        await verify({
          token: token('maria-cuidado'),
          destinationCountry: 'PE',
          purpose: 'TOURISM',
        }),
        422,
        'INVALID_REFERENCE',
      );
    });

    it('answers unknown tokens with one and the same 404', async () => {
      expectProblem(await verify({ token: 'A'.repeat(32) }), 404, 'NOT_FOUND');
      const page = await t.http.get(`/v/${'A'.repeat(32)}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('No encontramos esta credencial');
      expectProblem(
        await t.http.get(`/v/${'A'.repeat(32)}`).set('Accept', 'application/json'),
        404,
        'NOT_FOUND',
      );
    });
  });

  describe('the page a QR opens', () => {
    it.each([
      ['es', 'Credencial válida'],
      ['pt', 'Credencial válida'],
      ['en', 'Valid credential'],
    ])('renders the verdict in %s, small and with no inline script', async (lang, words) => {
      const res = await t.http.get(
        `/v/${token('maria-cuidado')}?lang=${lang}&country=PE&purpose=EMPLOYMENT`,
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain(`<html lang="${lang}">`);
      expect(res.text).toContain(words);
      expect(res.text).toContain('María Demo Rivas');
      // The page works without JavaScript; its one script (answering without leaving the page)
      // is a file of ours, as the Content-Security-Policy demands.
      expect(res.text.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/verify.js" defer>']);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(Buffer.byteLength(res.text)).toBeLessThan(100 * 1024);
    });

    it('picks the language from Accept-Language', async () => {
      const res = await t.http
        .get(`/v/${token('pedro-cocina')}`)
        .set('Accept-Language', 'pt-BR,pt;q=0.9');
      expect(res.text).toContain('Credencial revogada');
    });

    it('answers a link with a country first, in the destination’s own level, with the decision’s facts', async () => {
      const path = `/v/${token('ana-convalidacion')}?country=PE&purpose=ACADEMIC_CONTINUATION`;
      const page = await t.http.get(path);
      const main = page.text.slice(page.text.indexOf('<main'));
      expect(main.indexOf('data-outcome="RECOGNISED"')).toBeGreaterThan(0);
      expect(main.indexOf('data-outcome="RECOGNISED"')).toBeLessThan(
        main.indexOf('id="verdict-0"'),
      );
      // Peru's answer in Peru's framework, with the regional descriptor; never Colombia's level.
      expect(main).toContain(
        'Nivel 6 del PE-MNC: Profesional (grado) (nivel 6 del marco regional)',
      );
      expect(main).not.toMatch(/CO-MNC[^<]*6/);
      for (const words of [
        'Licenciada en Enfermería',
        'Universidad Nacional de Caribay (ficticia)',
        '<dt>País de origen</dt><dd>Venezuela</dd>',
        'DEMO-RES-2023-0001',
        '12 de septiembre de 2023',
        '<dt>Resultado</dt><dd>Concedida</dd>',
      ]) {
        expect(main).toContain(words);
      }
      const json = await t.http.get(path).set('Accept', 'application/json');
      expect(json.body.recognition.equivalent).toMatchObject({
        basis: 'DECISION',
        framework: 'PE-MNC',
        level: 6,
        metaLevel: 6,
      });
    });

    it('gives a refusal’s figures, and names no agreement beside it', async () => {
      const res = await t.http.get(
        `/v/${token('carlos-electricidad')}?country=CO&purpose=EMPLOYMENT`,
      );
      expect(res.text).toContain('Válida, pero no cubierta por un acuerdo');
      expect(res.text).toContain(
        'Se emitió el 20 de noviembre de 2019; el acuerdo solo admite las emitidas después del 1 de enero de 2021',
      );
      expect(res.text).toMatch(/Tiene \d+ años; el acuerdo admite hasta 5 años/);
      expect(res.text).not.toContain('<dt>Acuerdo</dt>');
    });

    it('dates a revoked credential and gives it no green tick nor expiry', async () => {
      const res = await t.http.get(`/v/${token('pedro-cocina')}`);
      expect(res.text).toContain('Credencial revocada');
      expect(res.text).toMatch(/<dt>Revocada el<\/dt><dd>\d{1,2} de [a-z]+ de \d{4}<\/dd>/);
      expect(res.text).not.toContain('class="check ok"');
      expect(res.text).not.toContain('Sin fecha de vencimiento');
    });

    it('preselects the country of the browser’s locale', async () => {
      const res = await t.http.get(`/v/${token('maria-cuidado')}`).set('Accept-Language', 'es-PE');
      expect(res.text.match(/<option value="PE" selected>/g)).toHaveLength(1);
    });

    it('never shows the holder’s other credentials', async () => {
      const res = await t.http.get(`/v/${token('ana-titulo')}`);
      expect(res.text).toContain('Licenciada en Enfermería');
      expect(res.text).not.toContain('DEMO-RES-2023-0001');
    });

    it('has QR codes that decode to the link', async () => {
      const link = seed.credentials['maria-cuidado'].verifyUrl;
      const png = await t.http
        .get(`/v/${token('maria-cuidado')}/qr.png`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(png.headers['content-type']).toBe('image/png');
      expect(decodeQrPng(png.body as Buffer)).toBe(link);
      const svg = await t.http
        .get(`/v/${token('maria-cuidado')}/qr.svg`)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => done(null, text));
        });
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(svg.body).toContain('<svg');
    });

    it('records each check by link, with no verifier data', async () => {
      const id = seed.credentials['jose-cocina'].id;
      const before = (
        await t.dataSource.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM verification_event WHERE credential_id = $1',
          [id],
        )
      )[0].n;
      await t.http
        .get(`/v/${token('jose-cocina')}?country=CL&purpose=EMPLOYMENT`)
        .set('Accept', 'application/json');
      // Events are written in batches, at the latest a second later.
      const recorded = () =>
        t.dataSource.query<{ country: string; purpose: string; status: string; outcome: string }[]>(
          'SELECT country, purpose, status, outcome FROM verification_event WHERE credential_id = $1 ORDER BY at DESC',
          [id],
        );
      let rows = await recorded();
      for (let i = 0; i < 50 && rows.length === before; i += 1) {
        await new Promise((done) => setTimeout(done, 100));
        rows = await recorded();
      }
      expect(rows).toHaveLength(before + 1);
      expect(rows[0]).toEqual({
        country: 'CL',
        purpose: 'EMPLOYMENT',
        status: 'VALID',
        outcome: 'RECOGNISED',
      });
    });
  });

  describe('W3C VC API', () => {
    it('answers 200 verified or with warnings only, 422 for an error found, 400 for what is not a credential', async () => {
      const vc = (
        await t.dataSource.query<{ document: Json }[]>(
          'SELECT document FROM credential WHERE id = $1',
          [seed.credentials['maria-cuidado'].id],
        )
      )[0].document;
      const ok = await t.http.post('/credentials/verify').send({ verifiableCredential: vc });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ verified: true, registry: { verified: true } });
      expect(ok.body.checks.map((c: Json) => c.id)).toEqual(
        expect.arrayContaining(['proof', 'status', 'validity']),
      );

      const tampered = structuredClone(vc);
      tampered.credentialSubject.isco08 = '9999';
      const bad = await t.http.post('/credentials/verify').send({ verifiableCredential: tampered });
      expectProblem(bad, 422, 'VERIFICATION_FAILED');
      expect(bad.body.verified).toBe(false);
      expect(bad.body.problemDetails.map((p: Json) => p.check)).toContain('proof');

      const revoked = (
        await t.dataSource.query<{ document: object }[]>(
          'SELECT document FROM credential WHERE id = $1',
          [seed.credentials['pedro-cocina'].id],
        )
      )[0].document;
      const revokedAnswer = await t.http
        .post('/credentials/verify')
        .send({ verifiableCredential: revoked });
      expect(revokedAnswer.status).toBe(200);
      expect(revokedAnswer.body.verified).toBe(false);
      expectProblem(
        await t.http.post('/credentials/verify').send({ credential: vc }),
        400,
        'VALIDATION_FAILED',
      );

      const vp = {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        verifiableCredential: [vc],
      };
      // Without a proof, only the proofless {presentation} form verifies (the credentials only).
      expect(
        (await t.http.post('/presentations/verify').send({ verifiablePresentation: vp })).body,
      ).toMatchObject({ verified: false });
      expect(
        (await t.http.post('/presentations/verify').send({ presentation: vp })).body,
      ).toMatchObject({ verified: true });
      expect(
        (
          await t.http
            .post('/presentations/verify')
            .send({ presentation: { ...vp, verifiableCredential: [tampered] } })
        ).body,
      ).toMatchObject({ verified: false });
    });
  });
});

describe('rate limits on public verification', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 RATE_LIMITED with Retry-After past the limit', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await t.http.get(`/v/${'B'.repeat(32)}`)).status).toBe(404);
    const limited = await t.http.get(`/v/${'B'.repeat(32)}`).set('Accept', 'application/json');
    expectProblem(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Without trusted proxies, a client cannot escape the limit by naming another address.
    const spoofed = await t.http
      .get(`/v/${'B'.repeat(32)}`)
      .set('X-Forwarded-For', '203.0.113.9')
      .set('Accept', 'application/json');
    expectProblem(spoofed, 429, 'RATE_LIMITED');
  });
});

describe('rate limits behind a trusted proxy (TRUST_PROXY=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '1' });
  });
  afterAll(() => t.close());

  it('counts each forwarded client on its own', async () => {
    const from = (address: string) =>
      t.http
        .get(`/v/${'C'.repeat(32)}`)
        .set('X-Forwarded-For', address)
        .set('Accept', 'application/json');
    for (let i = 0; i < 2; i += 1) expect((await from('203.0.113.1')).status).toBe(404);
    expectProblem(await from('203.0.113.1'), 429, 'RATE_LIMITED');
    expect((await from('203.0.113.2')).status).toBe(404);
  });
});
