import { IssuanceService } from '../../src/modules/credentials/services/issuance.service.js';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { asAdmin } from '../helpers/admin.js';
import { outsideVerifier } from '../helpers/outside-verifier.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const credential = (issuer: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer,
  credentialSubject: { id: 'did:example:alice', name: 'Alice' },
});

/** What `@digitalbazaar/vc-bitstring-status-list`'s checkStatus answered, one result per entry. */
const statusOf = (result: { statusResult?: unknown }) =>
  result.statusResult as {
    verified: boolean;
    error?: Error;
    results?: { verified: boolean; status: boolean }[];
  };

describe('an issuer with a registry-hosted did:key', () => {
  let t: TestApp;
  let key: string;
  const issue = (issuer: string) =>
    t.http
      .post('/credentials/issue')
      .set('Authorization', `Bearer ${key}`)
      .send({ credential: credential(issuer) });
  const verify = async (vc: object) =>
    (await t.http.post('/verifications').send({ verifiableCredential: vc })).body as {
      status: string;
      checks: { id: string; code: string }[];
    };
  const codes = (result: { checks: { id: string; code: string }[] }) =>
    Object.fromEntries(result.checks.map((c) => [c.id, c.code]));

  beforeAll(async () => {
    // Network resolution stays off (the default): nothing may be fetched to verify.
    t = await startTestApp({ VERIFY_NETWORK_RESOLUTION: 'off' });
    await t.app.get(DemoSeedService).seed();
  }, 120_000);
  afterAll(() => t.close());

  it('is registered with didMethod "key", never together with a did of its own', async () => {
    const admin = asAdmin(t);
    const both = await admin.post('/admin/issuers', {
      slug: 'dk-both',
      legalName: 'Both (ficticio)',
      country: 'CO',
      kinds: ['CERTIFYING_BODY'],
      did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      didMethod: 'key',
    });
    expectProblem(both, 400, 'VALIDATION_FAILED');
    const created = await admin.post('/admin/issuers', {
      slug: 'dk-test',
      legalName: 'Certificadora con did:key (ficticia)',
      country: 'CO',
      kinds: ['CERTIFYING_BODY'],
      didMethod: 'key',
      issuanceProfile: 'OPEN',
    });
    expect(created.status).toBe(201);
    expect(created.body.did).toMatch(/^did:key:z6Mk/);
    expect(created.body.keys).toEqual([
      expect.objectContaining({
        did: created.body.did,
        verificationMethodId: `${created.body.did}#${created.body.did.slice('did:key:'.length)}`,
        status: 'ACTIVE',
      }),
    ]);
    key = (await admin.post('/admin/issuers/dk-test/api-keys')).body.apiKey;
  });

  it('issues credentials that verify with no network, before and after a rotation', async () => {
    const admin = asAdmin(t);
    const firstDid: string = (await t.http.get('/registry/issuers/dk-test')).body.did;
    const first = await issue(firstDid);
    expect(first.status).toBe(201);
    const before = await verify(first.body.verifiableCredential);
    expect(before.status).toBe('VALID');
    expect(codes(before)).toMatchObject({
      proof: 'PROOF_VALID',
      issuer: 'ISSUER_KNOWN',
      key: 'KEY_VALID',
    });

    const rotated = await admin.post('/admin/issuers/dk-test/keys/rotate');
    expect(rotated.status).toBe(201);
    expect(rotated.body.did).toMatch(/^did:key:z6Mk/);
    expect(rotated.body.did).not.toBe(firstDid);
    const entry = (await t.http.get('/registry/issuers/dk-test')).body;
    expect(entry.did).toBe(rotated.body.did);
    expect(entry.dids).toEqual([
      { did: firstDid, since: expect.any(String), until: expect.any(String) },
      { did: rotated.body.did, since: expect.any(String), until: null },
    ]);
    const audit = await t.dataSource.query<{ data: { did: string } }[]>(
      `SELECT data FROM audit_event WHERE subject = 'issuer:dk-test' AND action = 'key.rotated'`,
    );
    expect(audit.map((a) => a.data.did)).toEqual([rotated.body.did]);

    // The old credential still resolves to the issuer by its old DID.
    const after = await verify(first.body.verifiableCredential);
    expect(after.status).toBe('VALID');
    expect(codes(after)).toMatchObject({ issuer: 'ISSUER_KNOWN', key: 'KEY_VALID' });
    const token = t.app
      .get(IssuanceService)
      .verifyToken(
        (
          await t.dataSource.query<{ id: string }[]>(
            `SELECT id FROM credential WHERE document->>'id' = $1`,
            [first.body.verifiableCredential.id],
          )
        )[0].id,
      );
    const page = await t.http.get(`/v/${token}?lang=en`);
    expect(page.text).toContain('Certificadora con did:key (ficticia)');

    // New credentials name the new DID; the old one is no longer the issuer's to sign with.
    expectProblem(await issue(firstDid), 400, 'VALIDATION_FAILED');
    const second = await issue(rotated.body.did);
    expect(second.status).toBe(201);
    expect(second.body.verifiableCredential.proof.verificationMethod).toMatch(
      new RegExp(`^${rotated.body.did}#`),
    );
    expect((await verify(second.body.verifiableCredential)).status).toBe('VALID');
    expect((await outsideVerifier(t).verify(second.body.verifiableCredential)).verified).toBe(true);
  });

  it('keeps each DID’s status lists signed as that DID, so an outside verifier reads a revocation made after a rotation', async () => {
    const admin = asAdmin(t);
    await admin.post('/admin/issuers', {
      slug: 'dk-lists',
      legalName: 'Listas por DID (ficticia)',
      country: 'CO',
      kinds: ['CERTIFYING_BODY'],
      didMethod: 'key',
      issuanceProfile: 'OPEN',
    });
    const listsKey: string = (await admin.post('/admin/issuers/dk-lists/api-keys')).body.apiKey;
    const issueAs = async (did: string) => {
      const res = await t.http
        .post('/credentials/issue')
        .set('Authorization', `Bearer ${listsKey}`)
        .send({ credential: credential(did) });
      expect(res.status).toBe(201);
      return res.body.verifiableCredential as {
        id: string;
        issuer: string;
        credentialStatus: { statusListCredential: string; statusListIndex: string }[];
      };
    };
    const listsOf = (vc: { credentialStatus: { statusListCredential: string }[] }) =>
      vc.credentialStatus.map((entry) => entry.statusListCredential);
    const outside = outsideVerifier(t);

    const firstDid: string = (await t.http.get('/registry/issuers/dk-lists')).body.did;
    const old = await issueAs(firstDid);
    const rotated = await admin.post('/admin/issuers/dk-lists/keys/rotate');
    const newDid: string = rotated.body.did;
    const fresh = await issueAs(newDid);
    // New credentials take slots in new lists, of the new DID; the old lists stay the old DID's.
    expect(listsOf(fresh).some((url) => listsOf(old).includes(url))).toBe(false);

    const revoked = await t.http
      .post('/credentials/status')
      .set('Authorization', `Bearer ${listsKey}`)
      .send({
        credentialId: old.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        status: true,
      });
    expect(revoked.status).toBe(200);

    for (const [vc, did] of [
      [old, firstDid],
      [fresh, newDid],
    ] as const) {
      for (const url of listsOf(vc)) {
        const list = (await t.http.get(new URL(url).pathname)).body as {
          issuer: string;
          proof: { verificationMethod: string };
        };
        expect(list.issuer).toBe(did);
        expect(list.proof.verificationMethod.startsWith(`${did}#`)).toBe(true);
      }
    }
    // @digitalbazaar/vc with its bitstring status checker, issuers required to match.
    const oldResult = await outside.verify(old);
    expect(oldResult.verified).toBe(true);
    expect(statusOf(oldResult).results?.map((r) => [r.verified, r.status])).toEqual([
      [true, true],
      [true, false],
    ]);
    const freshResult = await outside.verify(fresh);
    expect(freshResult.verified).toBe(true);
    expect(statusOf(freshResult).results?.map((r) => r.status)).toEqual([false, false]);
  });

  it('signs a compromised did:key’s lists with the issuer’s current key, so their status no longer confirms', async () => {
    const admin = asAdmin(t);
    const firstDid: string = (await t.http.get('/registry/issuers/dk-lists')).body.dids[0].did;
    const [oldRow] = await t.dataSource.query<{ document: object }[]>(
      `SELECT c.document FROM credential c JOIN issuer i ON i.id = c.issuer_id
       WHERE i.slug = 'dk-lists' AND c.document->>'issuer' = $1`,
      [firstDid],
    );
    const oldKey = firstDid.slice('did:key:'.length);
    const compromised = await admin.post(`/admin/issuers/dk-lists/keys/${oldKey}/compromised`, {
      reason: 'Clave expuesta (prueba)',
    });
    expect(compromised.status).toBe(200);
    const currentDid: string = (await t.http.get('/registry/issuers/dk-lists')).body.did;
    const url = (oldRow.document as { credentialStatus: { statusListCredential: string }[] })
      .credentialStatus[0].statusListCredential;
    const list = (await t.http.get(new URL(url).pathname)).body as { issuer: string };
    expect(list.issuer).toBe(currentDid);
    const result = await outsideVerifier(t).verify(oldRow.document);
    expect(result.verified).toBe(false);
    expect(String(statusOf(result).error)).toContain('do not match');
  });

  it('an issuer holding its own did:key still cannot have it rotated here', async () => {
    const admin = asAdmin(t);
    await admin.post('/admin/issuers', {
      slug: 'dk-own',
      legalName: 'Con clave propia (ficticia)',
      country: 'CO',
      kinds: ['CERTIFYING_BODY'],
      did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    });
    expectProblem(await admin.post('/admin/issuers/dk-own/keys/rotate'), 409, 'KEY_NOT_MANAGED');
  });
});
