import { seedIssuerKeys } from '../helpers/admin.js';
import { registerHolder } from '../helpers/holders.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const PASSWORD = 'la llave está bajo la maceta 2026';

interface Operation {
  summary: string;
  security?: Record<string, string[]>[];
  requestBody?: {
    content: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }>;
  };
  responses: Record<string, unknown>;
}

/** One documented request example: where it goes, what it is, what it must get. */
interface Example {
  operation: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  contentType: string;
  name: string;
  value: unknown;
  success: number;
  scheme: string | undefined;
}

function examplesOf(paths: Record<string, Record<string, Operation>>): Example[] {
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).flatMap(([method, op]) =>
      Object.entries(op.requestBody?.content ?? {}).flatMap(([contentType, media]) => {
        const named = Object.entries(media.examples ?? {}).map(([name, e]) => [name, e.value]);
        const all = media.example === undefined ? named : [['example', media.example], ...named];
        const success = Number(Object.keys(op.responses).find((status) => /^2\d\d$/.test(status)));
        return all.map(([name, value]) => ({
          operation: `${method.toUpperCase()} ${path}`,
          method: method as Example['method'],
          path,
          contentType,
          name: String(name),
          value,
          success,
          scheme: Object.keys(op.security?.[0] ?? {})[0],
        }));
      }),
    ),
  );
}

/**
 * Sends the documented request example of every operation that has one, as documented, to the
 * app with the demo region seeded, and expects the documented success. Path parameters come
 * from the demo data, or from what earlier documented calls made.
 */
describe('the documented request examples', () => {
  let t: TestApp;
  let key: string;
  let holderToken: string;
  let examples: Example[];
  const issuerAuth = () => ({ Authorization: `Bearer ${key}` });

  /** A new credential, issued with the documented example of POST /issuer/credentials. */
  const freshCredential = async (): Promise<{ id: string; claimCode: string }> => {
    const issue = examples.find((e) => e.operation === 'POST /issuer/credentials')!;
    const res = await t.http
      .post('/issuer/credentials')
      .set(issuerAuth())
      .send(issue.value as object);
    expect(res.status).toBe(201);
    return res.body;
  };

  /** How to fill each operation's path: adding an example without a way to send it fails. */
  const PATH_PARAMS: Record<
    string,
    () => Record<string, string> | Promise<Record<string, string>>
  > = {
    'POST /issuer/credentials': () => ({}),
    'POST /issuer/credentials/batch': () => ({}),
    'POST /issuer/credentials/{id}/revoke': async () => ({ id: (await freshCredential()).id }),
    'POST /issuer/credentials/{id}/suspend': async () => ({ id: (await freshCredential()).id }),
    'POST /issuer/credentials/{id}/reinstate': async () => {
      const { id } = await freshCredential();
      const suspended = await t.http
        .post(`/issuer/credentials/${id}/suspend`)
        .set(issuerAuth())
        .send({ reason: 'Revisión' });
      expect(suspended.status).toBe(200);
      return { id };
    },
    'POST /issuer/credentials/{id}/claim-code': async () => ({ id: (await freshCredential()).id }),
    'POST /issuer/credentials/batch/{jobId}/claim-codes': async () => {
      const batch = examples.find((e) => e.operation === 'POST /issuer/credentials/batch')!;
      const res = await t.http
        .post('/issuer/credentials/batch')
        .set(issuerAuth())
        .send(batch.value as object);
      expect(res.status).toBe(202);
      return { jobId: res.body.jobId };
    },
    'POST /issuer/credentials/{id}/recovery-code': async () => ({
      id: (await freshCredential()).id,
    }),
    'POST /admin/credentials/{id}/recovery-code': async () => ({
      id: (await freshCredential()).id,
    }),
    'PUT /holder/consents': () => ({}),
    'POST /admin/issuers': () => ({}),
    'POST /admin/issuers/{slug}/accreditations': () => ({ slug: 'co-ens' }),
    'POST /admin/issuers/{slug}/api-keys': () => ({ slug: 'co-ens' }),
    'POST /admin/issuers/{slug}/oauth-clients': () => ({ slug: 'co-ens' }),
  };

  beforeAll(async () => {
    t = await startTestApp();
    ({ key } = await seedIssuerKeys(t));
    const served = await t.http.get('/docs/openapi.json');
    examples = examplesOf(served.body.paths);
    const { claimCode } = await freshCredential();
    const registered = await registerHolder(
      t,
      { type: 'PPT', country: 'CO', number: 'DEMO-PPT-0001' },
      claimCode,
      PASSWORD,
    );
    expect(registered.status).toBe(201);
    holderToken = registered.body.accessToken;
  }, 120_000);
  afterAll(() => t.close());

  it('are known to this test, each with a way to fill its path', () => {
    expect([...new Set(examples.map((e) => e.operation))].sort()).toEqual(
      Object.keys(PATH_PARAMS).sort(),
    );
  });

  it('the main call, issuing, documents a real demo credential of co-ens', () => {
    const issue = examples.find((e) => e.operation === 'POST /issuer/credentials')!;
    expect(issue.value).toMatchObject({
      type: 'CompetencyCertificationCredential',
      holder: { givenNames: 'María', familyNames: 'Demo Rivas' },
      subject: { standards: [{ code: '299903010' }], nationalLevel: { framework: 'CO-MNC' } },
    });
    expect(JSON.stringify(issue.value)).not.toContain('additionalProp');
  });

  it('each gets its documented success when sent as documented', async () => {
    const tokens: Record<string, string> = {
      issuerApiKey: key,
      oauth2: key,
      adminToken: t.config.secrets.ADMIN_TOKEN,
      holderSession: holderToken,
    };
    const failures: string[] = [];
    for (const example of examples) {
      const params = await PATH_PARAMS[example.operation]();
      const url = example.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]);
      let request = t.http[example.method](url).set('Content-Type', example.contentType);
      if (example.scheme)
        request = request.set('Authorization', `Bearer ${tokens[example.scheme]}`);
      const res = await request.send(example.value as string | object);
      if (res.status !== example.success) {
        failures.push(
          `${example.operation} (${example.contentType}, ${example.name}): ${res.status} ${res.text.slice(0, 300)}`,
        );
      }
    }
    expect(failures).toEqual([]);
    expect(examples.length).toBeGreaterThanOrEqual(Object.keys(PATH_PARAMS).length);
  }, 300_000);
});
