import { decodeProtectedHeader, decodeJwt } from 'jose';
import { DemoSeedService } from '../../src/modules/demo/demo-seed.service.js';
import { outsideVerifier } from '../helpers/outside-verifier.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const credential = (issuer: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer,
  credentialSubject: { id: 'did:example:alice', name: 'Alice' },
});

describe('W3C VC API: status update, get and delete, and the VC-JOSE issuer instance', () => {
  let t: TestApp;
  let key: string;
  let otherKey: string;
  let did: string;
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });
  const issue = async () => {
    const res = await t.http
      .post('/credentials/issue')
      .set(as(key))
      .send({ credential: credential(did) });
    expect(res.status).toBe(201);
    return res.body.verifiableCredential as { id: string; credentialStatus: object[] };
  };
  const setStatus = (token: string, credentialId: string, statusPurpose: string, status: boolean) =>
    t.http
      .post('/credentials/status')
      .set(as(token))
      .send({
        credentialId,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose },
        status,
      });
  const statusOf = async (vc: object) =>
    (await t.http.post('/verifications').send({ verifiableCredential: vc })).body.status;

  beforeAll(async () => {
    t = await startTestApp();
    const seeded = await t.app.get(DemoSeedService).seed();
    key = seeded.sandboxApiKey!.key;
    otherKey = seeded.apiKey!.key;
    did = (await t.http.get('/registry/issuers/sandbox')).body.did;
  }, 120_000);
  afterAll(() => t.close());

  it('suspends, reinstates and revokes; a revocation cannot be undone', async () => {
    const vc = await issue();
    expect((await setStatus(key, vc.id, 'suspension', true)).status).toBe(200);
    expect(await statusOf(vc)).toBe('SUSPENDED');
    expect(await outsideVerifier(t).statusBits(vc as never)).toEqual([false, true]);
    // Setting what is set changes nothing.
    expect((await setStatus(key, vc.id, 'suspension', true)).status).toBe(200);
    expect((await setStatus(key, vc.id, 'suspension', false)).status).toBe(200);
    expect(await statusOf(vc)).toBe('VALID');
    expect((await setStatus(key, vc.id, 'revocation', true)).status).toBe(200);
    expect(await statusOf(vc)).toBe('REVOKED');
    expectProblem(await setStatus(key, vc.id, 'revocation', false), 409, 'ALREADY_REVOKED');
    expect(await statusOf(vc)).toBe('REVOKED');
  });

  it('refuses another issuer (404), unknown ids (404) and malformed requests (400)', async () => {
    const vc = await issue();
    expectProblem(await setStatus(otherKey, vc.id, 'revocation', true), 404, 'NOT_FOUND');
    expect(await statusOf(vc)).toBe('VALID');
    expectProblem(await setStatus(key, 'urn:uuid:nope', 'revocation', true), 404, 'NOT_FOUND');
    // A bare uuid is matched as the credential's id and as its record id.
    const unknown = '00000000-0000-0000-0000-000000000000';
    expectProblem(await t.http.get(`/credentials/${unknown}`).set(as(key)), 404, 'NOT_FOUND');
    expectProblem(await setStatus(key, vc.id, 'refresh', true), 400, 'VALIDATION_FAILED');
    const extra = await t.http
      .post('/credentials/status')
      .set(as(key))
      .send({
        credentialId: vc.id,
        credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
        status: true,
        more: 1,
      });
    expectProblem(extra, 400, 'VALIDATION_FAILED');
    expect(await statusOf(vc)).toBe('VALID');
  });

  it('GET answers the caller its own credential only; DELETE withdraws it (202)', async () => {
    const vc = await issue();
    const path = `/credentials/${encodeURIComponent(vc.id)}`;
    const got = await t.http.get(path).set(as(key));
    expect(got.status).toBe(200);
    expect(got.body).toEqual({ verifiableCredential: vc });
    expectProblem(await t.http.get(path).set(as(otherKey)), 404, 'NOT_FOUND');
    expectProblem(await t.http.delete(path).set(as(otherKey)), 404, 'NOT_FOUND');
    expect(await statusOf(vc)).toBe('VALID');
    expectProblem(await t.http.get(path), 401, 'UNAUTHORIZED');

    expect((await t.http.delete(path).set(as(key))).status).toBe(202);
    expect(await statusOf(vc)).toBe('REVOKED');
    expectProblem(await t.http.get(path).set(as(key)), 404, 'NOT_FOUND');
    expectProblem(await t.http.delete(path).set(as(key)), 404, 'NOT_FOUND');
    const audit = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_event WHERE action IN ('credential.revoked', 'credential.withdrawn') ORDER BY seq`,
    );
    expect(audit.map((a) => a.action).slice(-2)).toEqual([
      'credential.revoked',
      'credential.withdrawn',
    ]);
  });

  it('the VC-JOSE instance answers an enveloped vc+jwt that our verifier verifies', async () => {
    const res = await t.http
      .post('/jose/credentials/issue')
      .set(as(key))
      .send({ credential: credential(did) });
    expect(res.status).toBe(201);
    const enveloped = res.body.verifiableCredential;
    expect(enveloped).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: 'EnvelopedVerifiableCredential',
      id: expect.stringMatching(/^data:application\/vc\+jwt,ey/),
    });
    const jwt = enveloped.id.slice('data:application/vc+jwt,'.length);
    expect(decodeProtectedHeader(jwt)).toMatchObject({
      alg: 'EdDSA',
      typ: 'vc+jwt',
      kid: expect.stringMatching(new RegExp(`^${did}#`)),
    });
    const payload = decodeJwt(jwt);
    expect(payload).toMatchObject({ issuer: did, type: ['VerifiableCredential'] });
    expect(payload).not.toHaveProperty('proof');
    expect((payload.credentialStatus as unknown[]).length).toBe(2);

    const verified = await t.http.post('/verifications').send({ verifiableCredential: jwt });
    expect(verified.status).toBe(200);
    expect(verified.body.status).toBe('VALID');
    // GET gives it back enveloped, and status updates work on it as on any other.
    const got = await t.http
      .get(`/credentials/${encodeURIComponent(String(payload.id))}`)
      .set(as(key));
    expect(got.body.verifiableCredential).toEqual(enveloped);
    expect((await setStatus(key, String(payload.id), 'revocation', true)).status).toBe(200);
    expect(
      (await t.http.post('/verifications').send({ verifiableCredential: jwt })).body.status,
    ).toBe('REVOKED');
  });

  it('refuses options that VCALM does not define', async () => {
    const res = await t.http
      .post('/credentials/issue')
      .set(as(key))
      .send({ credential: credential(did), options: { format: 'jwt' } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
  });
});
