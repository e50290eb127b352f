import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { asAdmin } from '../helpers/admin.js';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../helpers/databases.js';
import { startTestApp, testSecrets, type TestApp } from '../helpers/test-app.js';

// A new user pointing the service at an empty PostgreSQL database with SEED_DEMO=true gets what
// the embedded start gives: the demo region, under identifiers of PUBLIC_BASE_URL.
const PUBLIC_BASE_URL = 'https://reconoce.example.org';

interface TrustList {
  total: number;
  items: { slug: string; did: string }[];
}

describe('the demo region on a PostgreSQL server (DATABASE_URL)', () => {
  let database: ThrowawayDatabase;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string>) => {
    const t = await startTestApp({ DATABASE_URL: database.url, PUBLIC_BASE_URL, ...env });
    apps.push(t);
    return t;
  };
  const trustList = async (t: TestApp) =>
    (await t.http.get('/registry/issuers?limit=100')).body as TrustList;

  beforeEach(async () => {
    database = await createThrowawayDatabase();
  });
  afterEach(async () => {
    for (const t of apps.splice(0)) await t.close();
    await database.drop();
  });

  it('seeds an empty database once, with DIDs of PUBLIC_BASE_URL, even with two replicas starting together', async () => {
    const secrets = testSecrets();
    const replicas = await Promise.all([
      start({ ...secrets, SEED_DEMO: 'true' }),
      start({ ...secrets, SEED_DEMO: 'true' }),
    ]);
    const list = await trustList(replicas[0]);
    expect(list.total).toBe(12);
    for (const issuer of list.items) {
      // The sandbox issuer's DID is a hosted did:key, the same on any host.
      if (issuer.slug === 'sandbox') expect(issuer.did).toMatch(/^did:key:z6Mk/);
      else expect(issuer.did).toBe(`did:web:reconoce.example.org:issuers:${issuer.slug}`);
    }
    // One of them seeded, and has the demo issuer's API key for its first-start message.
    const results = replicas.map((t) => t.app.get(DemoSeedService).lastResult);
    const seeded = results.filter((result) => result !== undefined);
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toMatchObject({
      issuersCreated: 12,
      apiKey: { issuer: 'co-ens' },
      sandboxApiKey: { issuer: 'sandbox' },
    });
    const works = await replicas[1].http
      .get('/issuer/credentials?limit=1')
      .set('Authorization', `Bearer ${seeded[0].apiKey!.key}`);
    expect(works.status).toBe(200);
    expect(works.body.total).toBeGreaterThan(0);
  });

  it('seeds nothing without SEED_DEMO=true', async () => {
    const t = await start(testSecrets());
    expect(t.config.seedDemo).toBe(false);
    expect((await trustList(t)).total).toBe(0);
  });

  it('does not seed a database that already has an issuer', async () => {
    const secrets = testSecrets();
    const first = await start(secrets);
    const created = await asAdmin(first).post('/admin/issuers', {
      slug: 'ar-own',
      legalName: 'Own issuer of an operator',
      country: 'AR',
      kinds: ['HEI'],
    });
    expect(created.status).toBe(201);
    const again = await start({ ...secrets, SEED_DEMO: 'true' });
    expect(again.app.get(DemoSeedService).lastResult).toBeUndefined();
    expect((await trustList(again)).items.map((issuer) => issuer.slug)).toEqual(['ar-own']);
  });
});
