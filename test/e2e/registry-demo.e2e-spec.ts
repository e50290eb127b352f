import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { didWebDocumentUrl } from '../../src/vc/did.js';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { asAdmin } from '../helpers/admin.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const DEMO_SLUGS = [
  'br-ufn',
  'cl-cec-sur',
  'cl-cvt',
  'co-ens',
  'co-men-demo',
  'ec-scp',
  'ec-sres',
  'pe-ccl-andes',
  'pe-dcl',
  'pe-sru',
  'sandbox',
  've-unc',
];

interface Entry {
  slug: string;
  did: string;
  parent: string | null;
  accreditations: { credentialTypes: string[]; validUntil: string | null; accreditedBy: string }[];
  issuanceProfile: string;
  sandbox: boolean;
}

describe('the demo region', () => {
  let t: TestApp;
  let apiKey: string | undefined;
  beforeAll(async () => {
    t = await startTestApp();
    apiKey = (await t.app.get(DemoSeedService).seed()).apiKey?.key;
  }, 120_000);
  afterAll(() => t.close());

  it('lists the 11 demo issuers with their accreditations, and the sandbox issuer with none', async () => {
    const res = await t.http.get('/registry/issuers?limit=100');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(12);
    const items = res.body.items as Entry[];
    expect(items.map((issuer) => issuer.slug)).toEqual(DEMO_SLUGS);
    for (const issuer of items.filter((i) => i.slug !== 'sandbox')) {
      expect(issuer.accreditations.length).toBeGreaterThan(0);
    }
    expect(items.find((issuer) => issuer.slug === 'sandbox')).toMatchObject({
      accreditations: [],
      issuanceProfile: 'OPEN',
      sandbox: true,
      did: expect.stringMatching(/^did:key:/),
    });
    const andes = items.find((issuer) => issuer.slug === 'pe-ccl-andes');
    expect(andes).toMatchObject({ parent: 'pe-dcl' });
    expect(andes?.accreditations[0]).toMatchObject({
      validUntil: '2027-06-30',
      accreditedBy: 'pe-dcl',
    });
  });

  it('filters the trust list by country, credential type and status, with pages', async () => {
    const peru = await t.http.get('/registry/issuers?country=PE');
    expect(peru.body.items.map((i: Entry) => i.slug)).toEqual(['pe-ccl-andes', 'pe-dcl', 'pe-sru']);
    const titles = await t.http.get('/registry/issuers?credentialType=AcademicTitleCredential');
    expect(titles.body.items.map((i: Entry) => i.slug)).toEqual(['br-ufn', 've-unc']);
    const page2 = await t.http.get('/registry/issuers?limit=4&page=2');
    expect(page2.body).toMatchObject({ page: 2, limit: 4, total: 12 });
    expect(page2.body.items.map((i: Entry) => i.slug)).toEqual(DEMO_SLUGS.slice(4, 8));
    expect((await t.http.get('/registry/issuers?status=SUSPENDED')).body.total).toBe(0);
    expect((await t.http.get('/registry/issuers?limit=1000')).status).toBe(400);
  });

  it('publishes a DID document for each did:web issuer, whose key resolves', async () => {
    const { body } = await t.http.get('/registry/issuers?limit=100');
    // The sandbox issuer's hosted did:key resolves from the DID itself.
    for (const issuer of (body.items as Entry[]).filter((i) => i.did.startsWith('did:web:'))) {
      const path = new URL(didWebDocumentUrl(issuer.did)).pathname;
      expect(path).toBe(`/issuers/${issuer.slug}/did.json`);
      const doc = await t.http.get(path);
      expect(doc.status).toBe(200);
      expect(doc.body.id).toBe(issuer.did);
      const [method] = doc.body.verificationMethod as { id: string; controller: string }[];
      expect(doc.body.assertionMethod).toContain(method.id);
      const key = await Ed25519Multikey.from(method);
      expect(key.id).toBe(method.id);
      expect(key.controller).toBe(issuer.did);
    }
  });

  it('gives the demo issuer an API key that works', async () => {
    expect(apiKey).toMatch(/^rck_/);
    const me = await t.http.get('/issuer/me').set('Authorization', `Bearer ${apiKey}`);
    expect(me.body).toMatchObject({ slug: 'co-ens' });
  });

  it('is idempotent', async () => {
    expect(await t.app.get(DemoSeedService).seed()).toEqual({ issuersCreated: 0, credentials: {} });
    expect((await t.http.get('/registry/issuers')).body.total).toBe(12);
    expect((await asAdmin(t).get('/admin/audit/verify')).body).toMatchObject({ intact: true });
  });
});
