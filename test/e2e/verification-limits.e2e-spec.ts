import { DemoSeedService, type DemoSeedResult } from '../../src/modules/demo/demo-seed.service.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- credentials are built freely
type Json = Record<string, any>;

/** A small credential (about 14 KB) whose subject nests `levels` objects deep. */
function deepCredential(levels: number): Json {
  let inner: Json = { leaf: 'x' };
  for (let i = 0; i < levels; i += 1) inner = { a: inner };
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    credentialSubject: inner,
    proof: {
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod:
        'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      proofValue:
        'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UNeNfPu5AB',
    },
  };
}

describe('limits and deadlines on verification', () => {
  let t: TestApp;
  let seed: DemoSeedResult;
  let vc: Json;

  beforeAll(async () => {
    t = await startTestApp();
    seed = await t.app.get(DemoSeedService).seed();
    vc = (
      await t.dataSource.query<{ document: Json }[]>(
        'SELECT document FROM credential WHERE id = $1',
        [seed.credentials['maria-cuidado'].id],
      )
    )[0].document;
  });
  afterAll(() => t.close());

  it.each(['/credentials/verify', '/verifications'])(
    'answers a 2,000-level credential on %s in well under a second, naming the limit',
    async (route) => {
      const started = Date.now();
      // As a JSON object the request body itself is too deep (refused while parsing it)…
      const res = await t.http.post(route).send({ verifiableCredential: deepCredential(2_000) });
      expectProblem(res, 400, 'JSON_TOO_DEEP');
      // …as JSON text or in a JWT it passes the body parser, and the document limits refuse it.
      const text = await t.http
        .post(route)
        .send({ verifiableCredential: JSON.stringify(deepCredential(2_000)) });
      expectProblem(text, 400, 'DOCUMENT_LIMIT_EXCEEDED');
      expect(text.body).toMatchObject({ limit: 'maxDepth' });
      const payload = Buffer.from(JSON.stringify(deepCredential(2_000))).toString('base64url');
      const jwt = await t.http
        .post(route)
        .send({ verifiableCredential: `eyJhbGciOiJFZERTQSJ9.${payload}.c2ln` });
      expectProblem(jwt, 400, 'DOCUMENT_LIMIT_EXCEEDED');
      expect(Date.now() - started).toBeLessThan(1_000);
    },
  );

  it('refuses a deep presentation the same way', async () => {
    // The proofless form: a verifiablePresentation without a proof is refused as MALFORMED_PROOF
    // before its credentials are read.
    const res = await t.http.post('/presentations/verify').send({
      presentation: {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        verifiableCredential: [JSON.stringify(deepCredential(2_000))],
      },
    });
    expectProblem(res, 400, 'DOCUMENT_LIMIT_EXCEEDED');
  });

  it('refuses too wide or too large documents, naming the limit', async () => {
    const wide = structuredClone(vc);
    wide.credentialSubject.many = Array.from({ length: 5_000 }, (_, i) => i);
    const res = await t.http.post('/credentials/verify').send({ verifiableCredential: wide });
    expectProblem(res, 400, 'DOCUMENT_LIMIT_EXCEEDED');
    expect(res.body).toMatchObject({ limit: 'maxArrayLength' });
  });

  it('keeps answering normal verifications while 50 deep documents arrive at once', async () => {
    const deep = Array.from({ length: 50 }, (_, i) =>
      t.http.post('/credentials/verify').send({
        verifiableCredential: i % 2 ? deepCredential(2_000) : JSON.stringify(deepCredential(2_000)),
      }),
    );
    const normal = t.http.post('/credentials/verify').send({ verifiableCredential: vc });
    const [answers, ok] = await Promise.all([Promise.all(deep), normal]);
    expect(answers.every((res) => res.status === 400)).toBe(true);
    expect(ok.status).toBe(200);
    expect(ok.body.verified).toBe(true);
  });
});
