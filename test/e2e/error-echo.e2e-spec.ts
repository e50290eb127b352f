import { asAdmin, seedIssuerKeys } from '../helpers/admin.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// A value that reads like personal data, sent in paths, queries and bodies: no error answer may
// repeat it (issue 16: error messages outside the database layer do not echo request values).
const NAME = 'Rosa-Quispe-Mamani-7731';
const V2 = 'https://www.w3.org/ns/credentials/v2';

describe('error answers never echo request values', () => {
  let t: TestApp;
  let issuerKey: string;
  beforeAll(async () => {
    t = await startTestApp();
    issuerKey = (await seedIssuerKeys(t)).key;
  });
  afterAll(() => t.close());

  it('in a path, a query or a body, public or authenticated, whatever the status', async () => {
    const admin = asAdmin(t);
    const asIssuer = { Authorization: `Bearer ${issuerKey}` };
    const requests = [
      () => t.http.get(`/no-such-route/${NAME}`),
      () => t.http.post(`/no-such-route/${NAME}`).send({}),
      () => t.http.get(`/registry/issuers/${NAME}`),
      () => t.http.get(`/issuers/${NAME}/did.json`),
      () => t.http.get(`/frameworks/${NAME}`),
      () => t.http.get(`/reference/standards/${NAME}`),
      () => t.http.get(`/schemas/${NAME}.json`),
      () => t.http.get(`/status-lists/${NAME}`),
      () => t.http.get(`/recognition/agreements/${NAME}`),
      () => admin.patch(`/admin/issuers/${NAME}`, { legalName: 'Instituto' }),
      () => admin.post(`/admin/issuers/co-ens/keys/${NAME}/compromised`, { reason: 'leak' }),
      () =>
        admin.post('/admin/issuers', {
          slug: 'co-ens',
          legalName: NAME,
          country: 'CO',
          kinds: ['CERTIFYING_BODY'],
        }),
      () =>
        admin.post('/admin/issuers', {
          slug: 'pe-echo',
          legalName: 'Instituto',
          country: 'PE',
          kinds: ['CERTIFYING_BODY'],
          parent: NAME,
        }),
      () => t.http.get(`/issuer/jobs/${NAME}`).set(asIssuer),
      () => t.http.get(`/issuer/credentials/${NAME}`).set(asIssuer),
      () =>
        t.http
          .post('/issuer/credentials')
          .set(asIssuer)
          .send({ type: NAME, subject: {}, validFrom: '2025-01-01' }),
      () =>
        t.http.post('/credentials/verify').send({
          verifiableCredential: {
            '@context': [V2, 7731, NAME],
            type: ['VerifiableCredential'],
            issuer: 'did:example:x',
            credentialSubject: { name: NAME },
          },
        }),
      () =>
        t.http
          .post('/credentials/verify')
          .set('Content-Type', 'application/json')
          .send(`{"verifiableCredential": "${NAME}`),
    ];
    for (const [index, send] of requests.entries()) {
      const res = await send().timeout(30_000);
      const where = `request ${index} → ${res.status}`;
      expect({ where, error: res.status >= 400 }).toEqual({ where, error: true });
      expect({ where, echoed: res.text.includes(NAME) }).toEqual({ where, echoed: false });
    }
  });
});
