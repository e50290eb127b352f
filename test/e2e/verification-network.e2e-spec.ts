import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as vc from '@digitalbazaar/vc';
import { CompactSign } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VcEnvironmentService } from '../../src/modules/credentials/services/vc-environment.service.js';
import { eddsaRdfc2022Cryptosuite } from '../../src/vc/cryptosuite.js';
import type { DocumentLoader } from '../../src/vc/document-loader.js';
import { createFixtureIssuer, type FixtureIssuer } from '../../src/vc/fixtures.js';
import { issueDataIntegrity } from '../../src/vc/issue.js';
import { importSigningKey } from '../../src/vc/keys.js';
import { statusEntry } from '../../src/vc/status-list.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read freely
type Json = Record<string, any>;

const V2 = 'https://www.w3.org/ns/credentials/v2';

/**
 * VERIFY_NETWORK_RESOLUTION: a foreign issuer and holder on did:web, their DID documents and
 * status lists served by a local server (http on loopback, allowed by the test-only override).
 */
describe('verification with network resolution (VERIFY_NETWORK_RESOLUTION)', () => {
  let server: Server;
  let base: string;
  const hits: Record<string, number> = {};
  let issuer: FixtureIssuer;
  let holder: FixtureIssuer;
  let on: TestApp;
  let off: TestApp;
  let loader: DocumentLoader;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      hits[path] = (hits[path] ?? 0) + 1;
      const send = (document: object) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(document));
      };
      if (path === '/issuers/slow/did.json') return; // never answers
      if (path === '/issuers/huge/did.json') {
        const did = `did:web:${new URL(base).host.replace(':', '%3A')}:issuers:huge`;
        return send({ id: did, padding: 'x'.repeat(200_000) });
      }
      for (const f of [issuer, holder]) {
        const didPath = `/issuers/${f === issuer ? 'abroad' : 'holder'}/did.json`;
        if (path === didPath) return void f.documentLoader(f.did).then((r) => send(r.document));
        for (const list of Object.values(f.lists)) {
          if (`${base}${path}` === list.url) {
            return void f.documentLoader(list.url).then((r) => send(r.document));
          }
        }
      }
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    issuer = await createFixtureIssuer({ baseUrl: base, slug: 'abroad' });
    holder = await createFixtureIssuer({ baseUrl: base, slug: 'holder' });
    issuer.setStatus('revocation', 5, true);
    on = await startTestApp({
      SEED_DEMO: 'false',
      VERIFY_NETWORK_RESOLUTION: 'on',
      VERIFY_NETWORK_TEST_ALLOW_LOOPBACK: 'true',
      // Long enough for the fixture server on a loaded machine; the silent one still runs out.
      VERIFY_NETWORK_TIMEOUT_MS: '2000',
      VERIFY_NETWORK_MAX_BYTES: '65536',
    });
    off = await startTestApp({ SEED_DEMO: 'false' });
    loader = on.app.get(VcEnvironmentService).documentLoader;
  });
  afterAll(async () => {
    await Promise.all([on?.close(), off?.close()]);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  /** A VC 2.0 credential of the foreign issuer, with its revocation and suspension bits at index. */
  const credentialOf = (index: number, signer = issuer.signer, did = issuer.did) =>
    issueDataIntegrity({
      credential: {
        '@context': [V2],
        id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        type: ['VerifiableCredential'],
        issuer: did,
        validFrom: '2024-01-01T00:00:00Z',
        credentialSubject: { id: 'did:example:someone', name: 'Ana' },
        credentialStatus: (['revocation', 'suspension'] as const).map((purpose) =>
          statusEntry({ listCredentialUrl: issuer.lists[purpose].url, index, purpose }),
        ),
      },
      signer,
      documentLoader: issuer.documentLoader,
    });

  const verifyOn = (app: TestApp, credential: object) =>
    app.http.post('/credentials/verify').send({ verifiableCredential: credential });

  it('off (the default): nothing is fetched, the key is unavailable', async () => {
    expect(off.config.verifyNetwork.enabled).toBe(false);
    const res = await verifyOn(off, await credentialOf(1));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'VERIFICATION_FAILED', verified: false });
    expect(res.body.problemDetails[0]).toMatchObject({ code: 'VERIFICATION_METHOD_UNAVAILABLE' });
    expect(res.body.problemDetails[0].detail).toMatch(/network resolution is off/);
    expect(Object.keys(hits)).toEqual([]);
  });

  it('on: resolves the foreign did:web issuer and reads its status lists, cached', async () => {
    const credential = await credentialOf(1);
    const res = await verifyOn(on, credential);
    expect(res.status).toBe(200);
    expect(res.body.verified).toBe(true);
    expect(res.body.problemDetails.filter((p: Json) => p.severity === 'error')).toEqual([]);
    expect(res.body.checks).toContainEqual(
      expect.objectContaining({ id: 'status', status: 'passed', code: 'NOT_REVOKED' }),
    );
    expect(hits['/issuers/abroad/did.json']).toBe(1);
    expect(hits['/status-lists/abroad-revocation']).toBe(1);
    expect(hits['/status-lists/abroad-suspension']).toBe(1);
    // Again: the DID document and the lists come from the cache.
    expect((await verifyOn(on, credential)).body.verified).toBe(true);
    expect(hits['/issuers/abroad/did.json']).toBe(1);
    expect(hits['/status-lists/abroad-revocation']).toBe(1);
  });

  it('on: a credential revoked in its foreign list is not verified', async () => {
    const res = await verifyOn(on, await credentialOf(5));
    expect(res.body.verified).toBe(false);
    expect(res.body.problemDetails).toContainEqual(
      expect.objectContaining({ code: 'REVOKED', severity: 'error' }),
    );
  });

  it('on: a status list by another issuer than the credential’s is not believed', async () => {
    // The holder's fixture signs a credential pointing at the issuer's lists.
    const res = await verifyOn(on, await credentialOf(2, holder.signer, holder.did));
    expect(res.body.verified).toBe(false);
    expect(res.body.problemDetails).toContainEqual(
      expect.objectContaining({ code: 'STATUS_UNAVAILABLE' }),
    );
    expect(
      res.body.problemDetails.find((p: Json) => p.code === 'STATUS_UNAVAILABLE').detail,
    ).toMatch(/not by the credential's issuer/);
  });

  it('on: a DID host past the deadline or the size cap → key unavailable, answered promptly', async () => {
    for (const slug of ['slow', 'huge']) {
      const credential: Json = structuredClone(await credentialOf(1));
      const did = `did:web:${new URL(base).host.replace(':', '%3A')}:issuers:${slug}`;
      credential.issuer = did;
      credential.proof.verificationMethod = `${did}#key-1`;
      const started = Date.now();
      const res = await verifyOn(on, credential);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(res.status).toBe(422);
      expect(res.body.verified).toBe(false);
      expect(res.body.problemDetails[0]).toMatchObject({
        code: 'VERIFICATION_METHOD_UNAVAILABLE',
      });
      expect(res.body.problemDetails[0].detail).toMatch(
        slug === 'slow' ? /did not answer within 2000 ms/ : /larger than 65536 bytes/,
      );
      expect(hits[`/issuers/${slug}/did.json`]).toBe(1);
    }
  });

  it('on: a presentation by a foreign did:web holder is verified against its DID document', async () => {
    const challenge = (await on.http.post('/challenges').send()).body.challenge as string;
    const key = await importSigningKey(holder.signer);
    const presentation = await vc.signPresentation({
      presentation: {
        '@context': [V2],
        type: ['VerifiablePresentation'],
        holder: holder.did,
        verifiableCredential: [await credentialOf(1)],
      },
      suite: new DataIntegrityProof({
        signer: key.signer,
        cryptosuite: eddsaRdfc2022Cryptosuite,
      }),
      challenge,
      documentLoader: loader,
    });
    const res = await on.http
      .post('/presentations/verify')
      .send({ verifiablePresentation: presentation, options: { challenge } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      verified: true,
      results: { presentation: { proof: [{ verified: true }] }, credentials: [{ verified: true }] },
    });
    expect(hits['/issuers/holder/did.json']).toBe(1);
    // The same presentation to the service with resolution off: the holder's key is unavailable.
    const offRes = await off.http
      .post('/presentations/verify')
      .send({ verifiablePresentation: presentation, options: { challenge } });
    expect(offRes.status).toBe(422);
    expect(offRes.body.verified).toBe(false);
  });

  it('on: a vp+jwt by a foreign did:web holder is verified against its DID document', async () => {
    const challenge = (await on.http.post('/challenges').send()).body.challenge as string;
    const { privateKey } = await importSigningKey(holder.signer);
    const payload = {
      '@context': [V2],
      type: ['VerifiablePresentation'],
      holder: holder.did,
      nonce: challenge,
    };
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'EdDSA', typ: 'vp+jwt', kid: '#key-1' })
      .sign(privateKey);
    const offRes = await off.http
      .post('/presentations/verify')
      .send({ verifiablePresentation: jwt, options: { challenge } });
    expect(offRes.status).toBe(422);
    expect(offRes.body.verified).toBe(false);
    expect(offRes.body.problemDetails[0]).toMatchObject({
      code: 'VERIFICATION_METHOD_UNAVAILABLE',
    });
    const res = await on.http
      .post('/presentations/verify')
      .send({ verifiablePresentation: jwt, options: { challenge } });
    expect(res.body).toMatchObject({
      verified: true,
      results: { presentation: { proof: [{ verified: true }], holder: { verified: true } } },
    });
  });

  it('on: a presentation whose proofs name more foreign DIDs than the cap fetches only 4', async () => {
    const host = new URL(base).host.replace(':', '%3A');
    const presentation = {
      '@context': [V2],
      type: ['VerifiablePresentation'],
      proof: [1, 2, 3, 4, 5, 6].map((n) => ({
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'authentication',
        verificationMethod: `did:web:${host}:issuers:cap-${n}#key-1`,
        created: '2025-01-01T00:00:00Z',
        challenge: 'c',
        proofValue:
          'z5vgFc9ZGJMQ5UcmKPWKCwLyvq6MyMRVXu1vMDSNdA6DhsENbUWJe3ETJkxzQmCcptzk3dWRKvbhV4hqnzEGWsXJ',
      })),
    };
    const res = await on.http
      .post('/presentations/verify')
      .send({ verifiablePresentation: presentation, options: { challenge: 'c' } });
    expect(res.status).toBeLessThan(500);
    expect(res.body.verified).not.toBe(true);
    const fetched = Object.keys(hits).filter((path) => /^\/issuers\/cap-\d\/did\.json$/.test(path));
    expect(fetched.sort()).toEqual([1, 2, 3, 4].map((n) => `/issuers/cap-${n}/did.json`));
  });

  it('on: a credential naming more foreign status lists than the cap fetches none of them', async () => {
    const credential = await issueDataIntegrity({
      credential: {
        '@context': [V2],
        type: ['VerifiableCredential'],
        issuer: issuer.did,
        validFrom: '2024-01-01T00:00:00Z',
        credentialSubject: { id: 'did:example:someone', name: 'Ana' },
        credentialStatus: [1, 2, 3, 4, 5].map((n) =>
          statusEntry({
            listCredentialUrl: `${base}/lists/many-${n}`,
            index: 1,
            purpose: 'revocation',
          }),
        ),
      },
      signer: issuer.signer,
      documentLoader: issuer.documentLoader,
    });
    const res = await verifyOn(on, credential);
    expect(res.body.verified).toBe(false);
    expect(res.body.problemDetails).toContainEqual(
      expect.objectContaining({ code: 'STATUS_UNAVAILABLE', severity: 'error' }),
    );
    expect(Object.keys(hits).filter((path) => path.startsWith('/lists/many-'))).toEqual([]);
  });
});
