import type { Response } from 'supertest';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { asAdmin } from '../helpers/admin.js';
import { competencySubject } from '../helpers/bodies.js';
import { outsideVerifier } from '../helpers/outside-verifier.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const DID = 'did:web:localhost%3A3000:issuers:co-ens';

// María Demo Rivas's certificate, composed by co-ens itself as a VC API client would.
const composed = (overrides: Record<string, unknown> = {}) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential', 'CompetencyCertificationCredential'],
  issuer: DID,
  validFrom: '2022-05-10T00:00:00Z',
  credentialSubject: {
    name: { givenNames: 'María', familyNames: 'Demo Rivas' },
    identityDocument: { type: 'PPT', country: 'CO', last4: '0001' },
    ...competencySubject(),
  },
  ...overrides,
});

describe('W3C VC API: POST /credentials/issue', () => {
  let t: TestApp;
  let key: string;
  const issue = (body: unknown, token?: string) =>
    t.http
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${token ?? key}`)
      .send(body as object);
  const count = async () =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM credential'))[0].n;

  beforeAll(async () => {
    t = await startTestApp();
    key = (await t.app.get(DemoSeedService).seed()).apiKey!.key;
  }, 120_000);
  afterAll(() => t.close());

  it('signs the composed credential with our status entries and schema, and stores it with no holder', async () => {
    const res = await issue({ credential: composed(), options: {} });
    expect(res.status).toBe(201);
    const vc = res.body.verifiableCredential;
    expect(vc).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'http://localhost:3000/contexts/v1'],
      id: expect.stringMatching(/^urn:uuid:/),
      issuer: DID,
      credentialSchema: {
        id: 'http://localhost:3000/schemas/CompetencyCertificationCredential.json',
        type: 'JsonSchema',
      },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
    });
    expect(vc.credentialStatus.map((s: { statusPurpose: string }) => s.statusPurpose)).toEqual([
      'revocation',
      'suspension',
    ]);
    const result = await outsideVerifier(t).verify(vc);
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);

    const [stored] = await t.dataSource.query(
      `SELECT id, holder_id, identity_document_id, claim_code_hash, document->>'id' AS vc_id
       FROM credential WHERE document->>'id' = $1`,
      [vc.id],
    );
    expect(stored).toMatchObject({
      holder_id: null,
      identity_document_id: null,
      claim_code_hash: null,
    });
    const listed = await t.http
      .get(`/issuer/credentials/${stored.id}`)
      .set('Authorization', `Bearer ${key}`);
    expect(listed.body.verifiableCredential).toEqual(vc);
    // No holder, so no claim code to replace either.
    const reissued = await t.http
      .post(`/issuer/credentials/${stored.id}/claim-code`)
      .set('Authorization', `Bearer ${key}`)
      .send({ reason: 'lost' });
    expectProblem(reissued, 409, 'NO_CLAIM_CODE');
  });

  it('accepts the issuer as an object, keeps a given id and applies options.created', async () => {
    const res = await issue({
      credential: composed({
        '@context': ['https://www.w3.org/ns/credentials/v2', 'http://localhost:3000/contexts/v1'],
        id: 'urn:uuid:0d3c6c9a-64a4-4b44-9d38-6c8e3b6a2f10',
        issuer: { id: DID, name: 'Entidad Nacional de Saberes (ficticia)' },
      }),
      options: {
        created: '2024-01-02T03:04:05Z',
        credentialStatus: { type: 'BitstringStatusListEntry' },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.verifiableCredential).toMatchObject({
      id: 'urn:uuid:0d3c6c9a-64a4-4b44-9d38-6c8e3b6a2f10',
      issuer: { id: DID },
      proof: { created: '2024-01-02T03:04:05Z' },
    });
    expect((await outsideVerifier(t).verify(res.body.verifiableCredential)).verified).toBe(true);
  });

  describe('checks the key first, then the body, and stores nothing when it refuses', () => {
    const subject = composed().credentialSubject;
    const cases: [string, () => Promise<Response>, number, string, string[]][] = [
      [
        'no API key',
        () => t.http.post('/credentials/issue').send({ credential: composed() }),
        401,
        'UNAUTHORIZED',
        [],
      ],
      [
        'a bad key with a bad body',
        () => issue({ nonsense: true }, 'rck_nope'),
        401,
        'UNAUTHORIZED',
        [],
      ],
      [
        'the admin token',
        () => asAdmin(t).post('/credentials/issue', { credential: composed() }),
        403,
        'FORBIDDEN',
        [],
      ],
      ['no credential', () => issue({ options: {} }), 400, 'VALIDATION_FAILED', ['credential']],
      [
        'an unknown option',
        () => issue({ credential: composed(), options: { mandatoryPointers: [] } }),
        400,
        'VALIDATION_FAILED',
        ['options.mandatoryPointers'],
      ],
      [
        'a credential with no context',
        () => issue({ credential: composed({ '@context': undefined }) }),
        400,
        'VALIDATION_FAILED',
        ['credential.@context'],
      ],
      [
        'a date that is not a dateTime',
        () => issue({ credential: composed({ validFrom: 'yesterday' }) }),
        400,
        'VALIDATION_FAILED',
        ['credential.validFrom'],
      ],
      [
        'a credential already signed',
        () => issue({ credential: composed({ proof: {} }) }),
        400,
        'VALIDATION_FAILED',
        ['credential.proof'],
      ],
      [
        'another issuer’s DID',
        () =>
          issue({ credential: composed({ issuer: 'did:web:localhost%3A3000:issuers:pe-dcl' }) }),
        422,
        'INVALID_CREDENTIAL',
        ['credential.issuer'],
      ],
      [
        'a context we do not pin',
        () =>
          issue({
            credential: composed({
              '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.org/ctx'],
            }),
          }),
        422,
        'INVALID_CREDENTIAL',
        ['credential.@context.1'],
      ],
      [
        'its own status entries',
        () => issue({ credential: composed({ credentialStatus: [] }) }),
        422,
        'INVALID_CREDENTIAL',
        ['credential.credentialStatus'],
      ],
      [
        'a property we do not define',
        () => issue({ credential: composed({ evidence: [] }) }),
        422,
        'INVALID_CREDENTIAL',
        ['credential.evidence'],
      ],
      [
        'a type that is not ours',
        () => issue({ credential: composed({ type: ['VerifiableCredential', 'DriverLicence'] }) }),
        422,
        'UNKNOWN_CREDENTIAL_TYPE',
        ['credential.type'],
      ],
      [
        'schema violations',
        () =>
          issue({ credential: composed({ credentialSubject: { ...subject, isco08: 'cook' } }) }),
        422,
        'INVALID_SUBJECT',
        ['credential.credentialSubject.isco08'],
      ],
      [
        'validUntil before validFrom',
        () => issue({ credential: composed({ validUntil: '2021-01-01T00:00:00Z' }) }),
        422,
        'INVALID_DATE_RANGE',
        ['credential.validUntil'],
      ],
      [
        'a level it is not accredited for',
        () =>
          issue({
            credential: composed({
              credentialSubject: { ...subject, nationalLevel: { framework: 'CO-MNC', level: 7 } },
            }),
          }),
        403,
        'NOT_ACCREDITED',
        [],
      ],
    ];
    it.each(cases)('refuses %s', async (_name, call, status, code, paths) => {
      const before = await count();
      const res = await call();
      expectProblem(res, status, code);
      const named = (res.body.errors ?? []).map((e: { path: string }) => e.path);
      for (const path of paths) expect(named).toContain(path);
      expect(await count()).toBe(before);
    });
  });
});
