import { IssuanceService } from '../../src/modules/credentials/services/issuance.service.js';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { asAdmin } from '../helpers/admin.js';
import { competencySubject } from '../helpers/bodies.js';
import { outsideVerifier } from '../helpers/outside-verifier.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// A minimal VC 2.0 credential of no type of ours, as any VC API client would send it.
const generic = (issuer: string, overrides: Record<string, unknown> = {}) => ({
  '@context': [
    'https://www.w3.org/ns/credentials/v2',
    { ExampleAchievementCredential: 'https://example.org/vocab#ExampleAchievementCredential' },
  ],
  type: ['VerifiableCredential', 'ExampleAchievementCredential'],
  issuer,
  name: 'Taller de prueba',
  credentialSubject: [
    { id: 'did:example:alice', name: 'Alice' },
    { id: 'did:example:bob', name: 'Bob' },
  ],
  ...overrides,
});

describe('the OPEN issuance profile and the sandbox issuer', () => {
  let t: TestApp;
  let sandboxKey: string;
  let accreditedKey: string;
  let sandboxDid: string;
  const issue = (key: string, credential: object, options?: object) =>
    t.http
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${key}`)
      .send({ credential, ...(options ? { options } : {}) });
  const count = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM credential'))[0].n;
  const recordOf = async (vcId: string) =>
    (
      await t.dataSource.query<{ id: string; issuance_profile: string; type: string }[]>(
        `SELECT id, issuance_profile, type FROM credential WHERE document->>'id' = $1`,
        [vcId],
      )
    )[0];

  beforeAll(async () => {
    t = await startTestApp();
    const seeded = await t.app.get(DemoSeedService).seed();
    sandboxKey = seeded.sandboxApiKey!.key;
    accreditedKey = seeded.apiKey!.key;
    sandboxDid = (await t.http.get('/registry/issuers/sandbox')).body.did;
  }, 120_000);
  afterAll(() => t.close());

  it('lists the sandbox issuer in the trust list as OPEN, a sandbox, with a hosted did:key', async () => {
    const res = await t.http.get('/registry/issuers/sandbox');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      issuanceProfile: 'OPEN',
      sandbox: true,
      did: expect.stringMatching(/^did:key:z6Mk/),
      dids: [{ did: res.body.did, until: null }],
      accreditations: [],
    });
    const coEns = (await t.http.get('/registry/issuers/co-ens')).body;
    expect(coEns).toMatchObject({ issuanceProfile: 'ACCREDITED', sandbox: false });
  });

  describe('an OPEN credential', () => {
    let vc: Record<string, unknown>;
    let recordId: string;

    beforeAll(async () => {
      const res = await issue(sandboxKey, generic(sandboxDid));
      expect(res.status).toBe(201);
      vc = res.body.verifiableCredential;
      recordId = (await recordOf(vc.id as string)).id;
    });

    it('is signed eddsa-rdfc-2022 with our status entries, its subjects kept, and recorded as OPEN', async () => {
      expect(vc).toMatchObject({
        id: expect.stringMatching(/^urn:uuid:/),
        issuer: sandboxDid,
        credentialSubject: [{ id: 'did:example:alice' }, { id: 'did:example:bob' }],
        proof: {
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          verificationMethod: expect.stringMatching(new RegExp(`^${sandboxDid}#z6Mk`)),
        },
      });
      expect(vc).not.toHaveProperty('credentialSchema');
      expect(
        (vc.credentialStatus as { statusPurpose: string }[]).map((s) => s.statusPurpose),
      ).toEqual(['revocation', 'suspension']);
      expect(await recordOf(vc.id as string)).toMatchObject({
        issuance_profile: 'OPEN',
        type: 'ExampleAchievementCredential',
      });
      const outside = await outsideVerifier(t).verify(vc);
      expect(outside.verified).toBe(true);
    });

    it('verifies through the VC API with the accreditation check saying it is outside accreditation', async () => {
      const res = await t.http.post('/credentials/verify').send({ verifiableCredential: vc });
      expect(res.status).toBe(200);
      expect(res.body.verified).toBe(true);
      const accreditation = res.body.registry.checks.find(
        (c: { id: string }) => c.id === 'accreditation',
      );
      expect(accreditation).toMatchObject({ status: 'skipped', code: 'OUTSIDE_ACCREDITATION' });
      expect(JSON.stringify(res.body)).not.toContain('ACCREDITED_AT_ISSUANCE');
    });

    it('is valid but never covered by recognition on /verifications', async () => {
      const res = await t.http
        .post('/verifications')
        .send({ verifiableCredential: vc, destinationCountry: 'PE', purpose: 'EMPLOYMENT' });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('VALID');
      expect(res.body.recognition).toMatchObject({
        outcome: 'VALID_NOT_COVERED',
        reasons: ['OUTSIDE_ACCREDITATION'],
      });
      expect(JSON.stringify(res.body)).not.toContain('ACCREDITED_AT_ISSUANCE');
    });

    it('is never shown as accredited on /v/', async () => {
      const token = t.app.get(IssuanceService).verifyToken(recordId);
      const page = await t.http.get(`/v/${token}?lang=en&country=PE`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Issued outside accreditation');
      expect(page.text).toContain('it is not an accredited certification');
      expect(page.text).not.toContain('Accredited to issue it');
      expect(page.text).not.toContain('its issuer was accredited');
      expect(page.text).toContain('no agreement covers it');
      const es = await t.http.get(`/v/${token}?lang=es`);
      expect(es.text).toContain('Emitida fuera de acreditación');
      const json = await t.http.get(`/v/${token}?country=PE`).set('Accept', 'application/json');
      expect(json.body.recognition).toMatchObject({ outcome: 'VALID_NOT_COVERED' });
    });

    it('a registry type issued under OPEN is still outside accreditation', async () => {
      const res = await issue(sandboxKey, {
        '@context': ['https://www.w3.org/ns/credentials/v2', 'http://localhost:3000/contexts/v1'],
        type: ['VerifiableCredential', 'CompetencyCertificationCredential'],
        issuer: sandboxDid,
        validFrom: '2022-05-10T00:00:00Z',
        credentialSubject: {
          name: { givenNames: 'María', familyNames: 'Demo Rivas' },
          identityDocument: { type: 'PPT', country: 'CO', last4: '0001' },
          ...competencySubject(),
        },
      });
      expect(res.status).toBe(201);
      const verified = await t.http
        .post('/verifications')
        .send({ verifiableCredential: res.body.verifiableCredential, destinationCountry: 'PE' });
      expect(verified.body.status).toBe('VALID');
      expect(verified.body.recognition.outcome).toBe('VALID_NOT_COVERED');
      expect(verified.body.recognition.reasons).toEqual(['OUTSIDE_ACCREDITATION']);
    });
  });

  describe('refuses, writing nothing', () => {
    const v1 = (issuer: string) => ({
      '@context': ['https://www.w3.org/2018/credentials/v1'],
      type: ['VerifiableCredential'],
      issuer,
      issuanceDate: '2024-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:alice' },
    });

    it('a VC 1.1 credential, for an OPEN and an ACCREDITED issuer alike', async () => {
      const before = await count();
      for (const [key, did] of [
        [sandboxKey, sandboxDid],
        [accreditedKey, 'did:web:localhost%3A3000:issuers:co-ens'],
      ]) {
        const res = await issue(key, v1(did));
        expectProblem(res, 400, 'VC_V1_NOT_SUPPORTED');
        expect(res.body.detail).toContain('VC Data Model 2.0 only');
      }
      expect(await count()).toBe(before);
    });

    it('a statistical annex, which is for our credential types only', async () => {
      const before = await count();
      const res = await t.http
        .post('/credentials/issue')
        .set('Authorization', `Bearer ${sandboxKey}`)
        .send({ credential: generic(sandboxDid), statistics: { sex: 'FEMALE' } });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(await count()).toBe(before);
    });

    it.each([
      [
        'a context we do not hold',
        { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.org/ctx'] },
        'UNSUPPORTED_CONTEXT',
      ],
      [
        'a term no context defines',
        { '@context': ['https://www.w3.org/ns/credentials/v2'], undefinedTerm: 'x' },
        'INVALID_JSON_LD',
      ],
      ['another issuer’s DID', { issuer: 'did:example:someone' }, 'VALIDATION_FAILED'],
      ['an empty subject', { credentialSubject: {} }, 'VALIDATION_FAILED'],
      ['an id that is not a URL', { id: 'not a url' }, 'VALIDATION_FAILED'],
      [
        'validUntil before validFrom',
        {
          validFrom: '2024-01-02T00:00:00Z',
          validUntil: '2024-01-01T00:00:00Z',
        },
        'VALIDATION_FAILED',
      ],
      [
        'a status entry without type',
        { credentialStatus: { id: 'https://example.org/s' } },
        'VALIDATION_FAILED',
      ],
    ])('%s', async (_, overrides, code) => {
      const before = await count();
      const res = await issue(sandboxKey, generic(sandboxDid, overrides));
      expectProblem(res, 400, code);
      expect(await count()).toBe(before);
    });
  });

  it('the registry operator sets the profile through the admin API, audited', async () => {
    const admin = asAdmin(t);
    const changed = await admin.patch('/admin/issuers/pe-dcl', { issuanceProfile: 'OPEN' });
    expect(changed.status).toBe(200);
    expect(changed.body.issuanceProfile).toBe('OPEN');
    const audit = await t.dataSource.query<{ data: Record<string, unknown> }[]>(
      `SELECT data FROM audit_event WHERE subject = 'issuer:pe-dcl' AND action = 'issuer.updated' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit[0].data).toMatchObject({ issuanceProfile: 'OPEN' });
    const bad = await admin.patch('/admin/issuers/pe-dcl', { issuanceProfile: 'ANYTHING' });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    const back = await admin.patch('/admin/issuers/pe-dcl', { issuanceProfile: 'ACCREDITED' });
    expect(back.body.issuanceProfile).toBe('ACCREDITED');
  });
});
