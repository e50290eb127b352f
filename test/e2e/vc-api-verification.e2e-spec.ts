import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as vc from '@digitalbazaar/vc';
import { VcEnvironmentService } from '../../src/modules/credentials/services/vc-environment.service.js';
import { DemoSeedService, type DemoSeedResult } from '../../src/modules/demo/demo-seed.service.js';
import {
  CREDENTIAL_FAILED_EXAMPLE,
  PRESENTATION_FAILED_EXAMPLE,
} from '../../src/modules/verifiers/controllers/verification-failed.openapi.js';
import { eddsaRdfc2022Cryptosuite } from '../../src/vc/cryptosuite.js';
import { didKeyFromMultibase } from '../../src/vc/did.js';
import type { DocumentLoader } from '../../src/vc/document-loader.js';
import { expectProblem } from '../helpers/problem.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents are tampered with freely
type Json = Record<string, any>;

const V2 = 'https://www.w3.org/ns/credentials/v2';

/** A holder with a did:key, signing presentations as a wallet would. */
async function createHolder() {
  const key = await Ed25519Multikey.generate();
  const did = didKeyFromMultibase(key.publicKeyMultibase);
  key.id = `${did}#${key.publicKeyMultibase}`;
  key.controller = did;
  return {
    did,
    sign: (
      presentation: Json,
      options: { challenge: string; domain?: string },
      documentLoader: DocumentLoader,
    ) =>
      vc.signPresentation({
        presentation,
        suite: new DataIntegrityProof({
          signer: key.signer() as never,
          cryptosuite: eddsaRdfc2022Cryptosuite,
        }),
        documentLoader,
        ...options,
      }) as Promise<Json>,
  };
}

describe('W3C VC API verification (VCALM)', () => {
  let t: TestApp;
  let seed: DemoSeedResult;
  let loader: DocumentLoader;
  let vcOf: (name: string) => Promise<Json>;

  beforeAll(async () => {
    t = await startTestApp();
    seed = await t.app.get(DemoSeedService).seed();
    loader = t.app.get(VcEnvironmentService).documentLoader;
    vcOf = async (name) =>
      (
        await t.dataSource.query<{ document: Json }[]>(
          'SELECT document FROM credential WHERE id = $1',
          [seed.credentials[name].id],
        )
      )[0].document;
  });
  afterAll(() => t.close());

  const challenge = async () => {
    const res = await t.http.post('/challenges').send();
    expect(res.status).toBe(200);
    return res.body.challenge as string;
  };

  describe('POST /credentials/verify', () => {
    it('answers 200 with verified, problemDetails and results, the registry beside', async () => {
      const res = await t.http.post('/credentials/verify').send({
        verifiableCredential: await vcOf('maria-cuidado'),
        options: { checks: ['proof'] },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        verified: true,
        results: { proof: [{ verified: true, problemDetails: [] }] },
        registry: { verified: true, required: false },
      });
      expect(res.body.problemDetails.filter((p: Json) => p.severity === 'error')).toEqual([]);
      expect(res.body.registry.checks.map((c: Json) => c.id)).toEqual([
        'issuer',
        'key',
        'accreditation',
      ]);
      // checks: ['proof'] leaves status and validity out, reported as not requested.
      expect(res.body.checks).toContainEqual(
        expect.objectContaining({ id: 'status', status: 'skipped', code: 'NOT_REQUESTED' }),
      );
      expect(res.body.results.validFrom).toBeUndefined();
      const all = await t.http
        .post('/credentials/verify')
        .send({ verifiableCredential: await vcOf('maria-cuidado') });
      expect(all.body).toMatchObject({
        verified: true,
        results: {
          validFrom: { verified: true },
          credentialStatus: [
            { verified: true, value: 0 },
            { verified: true, value: 0 },
          ],
        },
      });
    });

    it('answers 422 VERIFICATION_FAILED carrying the whole result for a tampered credential, 200 verified:false for a revoked one', async () => {
      const tampered = await vcOf('maria-cuidado');
      tampered.credentialSubject.isco08 = '9999';
      const bad = await t.http
        .post('/credentials/verify')
        .send({ verifiableCredential: tampered, options: { returnCredential: true } });
      expectProblem(bad, 422, 'VERIFICATION_FAILED');
      expect(bad.body).toMatchObject({
        verified: false,
        credential: { credentialSubject: { isco08: '9999' } },
        results: { proof: [{ verified: false }] },
        registry: { required: false },
      });
      expect(bad.body.detail).toBe(
        'The credential did not verify: The signature does not match the document.',
      );
      expect(bad.body.problemDetails[0]).toMatchObject({
        type: 'https://www.w3.org/TR/vc-data-model#CRYPTOGRAPHIC_SECURITY_ERROR',
        code: 'SIGNATURE_INVALID',
        severity: 'error',
      });
      expect(bad.body.checks).toContainEqual(
        expect.objectContaining({ id: 'proof', status: 'failed', code: 'SIGNATURE_INVALID' }),
      );
      // Without the problem list, the status still says it.
      const quiet = await t.http
        .post('/credentials/verify')
        .send({ verifiableCredential: tampered, options: { returnProblemDetails: false } });
      expectProblem(quiet, 422, 'VERIFICATION_FAILED');
      expect(quiet.body.problemDetails).toEqual([]);
      // Revocation is a warning in VCALM's sense: a result, verified false, at 200.
      const revoked = await t.http
        .post('/credentials/verify')
        .send({ verifiableCredential: await vcOf('pedro-cocina') });
      expect(revoked.status).toBe(200);
      expect(revoked.body.verified).toBe(false);
      expect(revoked.body.results.credentialStatus[0]).toMatchObject({ verified: false });
      expect(revoked.body.problemDetails).toContainEqual(
        expect.objectContaining({ code: 'REVOKED', type: 'urn:reconoce:problem:revoked' }),
      );
    });

    it('answers 400 for what is not a credential', async () => {
      const vcDoc = await vcOf('maria-cuidado');
      delete vcDoc.credentialSubject;
      expectProblem(
        await t.http.post('/credentials/verify').send({ verifiableCredential: vcDoc }),
        400,
        'VALIDATION_FAILED',
      );
      const badContext = await vcOf('maria-cuidado');
      badContext['@context'].push(42);
      expectProblem(
        await t.http.post('/credentials/verify').send({ verifiableCredential: badContext }),
        400,
        'VALIDATION_FAILED',
      );
      // A credential as JSON text is not a map (Data Integrity §4.5): only a VC-JWT may be a string.
      expectProblem(
        await t.http
          .post('/credentials/verify')
          .send({ verifiableCredential: JSON.stringify(await vcOf('maria-cuidado')) }),
        400,
        'VALIDATION_FAILED',
      );
      expectProblem(
        await t.http
          .post('/credentials/verify')
          .send({ verifiableCredential: { a: 1 }, options: 3 }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('answers 400 MALFORMED_PROOF, with verified:false and Data Integrity problem types, for an absent or malformed proof', async () => {
      const signed = await vcOf('maria-cuidado');
      const withProof = (change: (proof: Json) => unknown) => {
        const doc = structuredClone(signed);
        doc.proof = change(doc.proof);
        return doc;
      };
      const without = (name: string) =>
        withProof((proof) => {
          delete proof[name];
          return proof;
        });
      const { proof: _proof, ...unsigned } = structuredClone(signed);
      const malformed = 'https://w3id.org/security#MALFORMED_PROOF_ERROR';
      const unsupported = 'https://w3id.org/security#PROOF_VERIFICATION_ERROR';
      const cases: [string, Json, string, string][] = [
        ['no proof', unsigned, 'proof', unsupported],
        ['null proof', withProof(() => null), 'proof', unsupported],
        ['empty proof set', withProof(() => []), 'proof', unsupported],
        ['proof a string', withProof(() => 'proof'), 'proof', malformed],
        ['proof a number', withProof(() => 10), 'proof', malformed],
        ['proof a boolean', withProof(() => true), 'proof', malformed],
        ['no type', without('type'), 'proof.type', malformed],
        ['no cryptosuite', without('cryptosuite'), 'proof.cryptosuite', malformed],
        [
          'no verificationMethod',
          without('verificationMethod'),
          'proof.verificationMethod',
          malformed,
        ],
        ['no proofPurpose', without('proofPurpose'), 'proof.proofPurpose', malformed],
        ['no proofValue', without('proofValue'), 'proof.proofValue', malformed],
        [
          'proofValue not base58-btc',
          withProof((proof) => ({ ...proof, proofValue: `u${proof.proofValue.slice(1)}` })),
          'proof.proofValue',
          malformed,
        ],
        [
          'proofValue with a space',
          withProof((proof) => ({ ...proof, proofValue: `${proof.proofValue} ` })),
          'proof.proofValue',
          malformed,
        ],
        [
          'created not a dateTime',
          withProof((proof) => ({ ...proof, created: 'yesterday' })),
          'proof.created',
          malformed,
        ],
        [
          'unknown type',
          withProof((proof) => ({ ...proof, type: 'UnknownProof2099' })),
          'proof.type',
          unsupported,
        ],
        [
          'unknown cryptosuite',
          withProof((proof) => ({ ...proof, cryptosuite: 'eddsa-unknown-2099' })),
          'proof.cryptosuite',
          unsupported,
        ],
        [
          'a malformed second proof of a set',
          withProof((proof) => [proof, { ...proof, proofPurpose: undefined }]),
          'proof.1.proofPurpose',
          malformed,
        ],
      ];
      for (const [name, doc, path, type] of cases) {
        const res = await t.http.post('/credentials/verify').send({ verifiableCredential: doc });
        expect({ name, status: res.status, code: res.body.code }).toEqual({
          name,
          status: 400,
          code: 'MALFORMED_PROOF',
        });
        expectProblem(res, 400, 'MALFORMED_PROOF');
        expect(res.body).toMatchObject({
          verified: false,
          problemDetails: [{ type, check: 'proof', severity: 'error' }],
          errors: [{ path: `verifiableCredential.${path}` }],
        });
      }
      // A well-formed proof whose signature fails is a verification that failed, not malformed
      // input: 422 with the result.
      const forged = withProof((proof) => ({
        ...proof,
        proofValue: `${proof.proofValue.slice(0, -3)}abc`,
      }));
      const res = await t.http.post('/credentials/verify').send({ verifiableCredential: forged });
      expectProblem(res, 422, 'VERIFICATION_FAILED');
      expect(res.body.verified).toBe(false);
      // The members the OpenAPI example shows, no more, no fewer.
      expect(Object.keys(res.body).sort()).toEqual(Object.keys(CREDENTIAL_FAILED_EXAMPLE).sort());
      // Nothing was verified through /verifications differently: it keeps the registry verdict.
      const legacy = await t.http.post('/verifications').send({ verifiableCredential: unsigned });
      expect(legacy.status).toBe(200);
      expect(legacy.body).toMatchObject({ verified: false, status: 'INVALID' });
    });

    it('keeps the registry apart: a signed credential from outside the list verifies, unless the policy is required', async () => {
      const outsider = await Ed25519Multikey.generate();
      const did = didKeyFromMultibase(outsider.publicKeyMultibase);
      outsider.id = `${did}#${outsider.publicKeyMultibase}`;
      outsider.controller = did;
      const credential = await vc.issue({
        credential: {
          '@context': [V2],
          type: ['VerifiableCredential'],
          issuer: did,
          validFrom: '2026-01-01T00:00:00Z',
          credentialSubject: { id: 'did:example:someone' },
        },
        suite: new DataIntegrityProof({
          signer: outsider.signer() as never,
          cryptosuite: eddsaRdfc2022Cryptosuite,
        }),
        documentLoader: loader,
      });
      const reported = await t.http
        .post('/credentials/verify')
        .send({ verifiableCredential: credential });
      expect(reported.body).toMatchObject({ verified: true, registry: { verified: false } });
      expect(reported.body.problemDetails).toContainEqual(
        expect.objectContaining({ code: 'ISSUER_UNKNOWN', severity: 'warning' }),
      );
      expect(reported.status).toBe(200);
      // Required, the registry's checks decide `verified`: their failure is an error.
      const required = await t.http.post('/credentials/verify').send({
        verifiableCredential: credential,
        options: { registryPolicy: 'require' },
      });
      expectProblem(required, 422, 'VERIFICATION_FAILED');
      expect(required.body).toMatchObject({ verified: false, registry: { required: true } });
      // POST /verifications keeps the registry's full verdict.
      const registry = await t.http
        .post('/verifications')
        .send({ verifiableCredential: credential });
      expect(registry.body).toMatchObject({ verified: false, status: 'INVALID' });
    });
    it('verifies a foreign VC 1.1 Ed25519Signature2020 credential on the examples context, its foreign status skipped with a warning', async () => {
      const outsider = await Ed25519Multikey.generate();
      const did = didKeyFromMultibase(outsider.publicKeyMultibase);
      outsider.id = `${did}#${outsider.publicKeyMultibase}`;
      outsider.controller = did;
      const credential = await vc.issue({
        credential: {
          '@context': [
            'https://www.w3.org/2018/credentials/v1',
            'https://www.w3.org/2018/credentials/examples/v1',
            'https://w3id.org/vc/status-list/2021/v1',
            'https://w3id.org/security/suites/ed25519-2020/v1',
          ],
          type: ['VerifiableCredential', 'UniversityDegreeCredential'],
          issuer: did,
          issuanceDate: '2020-01-01T00:00:00Z',
          credentialSubject: {
            id: 'did:example:someone',
            degree: { type: 'BachelorDegree', name: 'B.Sc.' },
          },
          credentialStatus: {
            id: 'https://status.example/lists/3#94567',
            type: 'StatusList2021Entry',
            statusPurpose: 'revocation',
            statusListIndex: '94567',
            statusListCredential: 'https://status.example/lists/3',
          },
        },
        suite: new Ed25519Signature2020({ key: outsider }),
        documentLoader: loader,
      });
      const res = await t.http
        .post('/credentials/verify')
        .send({ verifiableCredential: credential });
      expect(res.status).toBe(200);
      expect(res.body.verified).toBe(true);
      expect(res.body.problemDetails).toContainEqual(
        expect.objectContaining({ code: 'STATUS_NOT_CHECKED', severity: 'warning' }),
      );
      const unknown: Json = structuredClone(credential);
      unknown['@context'][1] = 'https://contexts.example/mine/v1';
      const refused = await t.http
        .post('/credentials/verify')
        .send({ verifiableCredential: unknown });
      expectProblem(refused, 422, 'VERIFICATION_FAILED');
      expect(refused.body.verified).toBe(false);
      expect(refused.body.problemDetails[0]).toMatchObject({ code: 'CONTEXT_UNKNOWN' });
    });
  });

  describe('POST /presentations/verify', () => {
    const presentationOf = (holder: string, credentials: Json[]) => ({
      '@context': [V2],
      type: ['VerifiablePresentation'],
      holder,
      verifiableCredential: credentials,
    });

    it('verifies a did:key holder’s presentation bound to a challenge of ours, once', async () => {
      const holder = await createHolder();
      const c = await challenge();
      const vp = await holder.sign(
        presentationOf(holder.did, [await vcOf('maria-cuidado')]),
        { challenge: c, domain: 'empleos.example' },
        loader,
      );
      const first = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c, domain: 'empleos.example' } });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({
        verified: true,
        results: {
          presentation: {
            proof: [{ verified: true }],
            challenge: { verified: true, input: c },
            domain: { verified: true, input: 'empleos.example' },
            holder: { verified: true, input: holder.did },
          },
          credentials: [{ verified: true }],
        },
      });
      // The same presentation again: a replay.
      const replay = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c, domain: 'empleos.example' } });
      expectProblem(replay, 422, 'VERIFICATION_FAILED');
      expect(replay.body.verified).toBe(false);
      expect(replay.body.problemDetails).toContainEqual(
        expect.objectContaining({ code: 'CHALLENGE_ALREADY_USED', severity: 'error' }),
      );
      // Without repeating the challenge in options, the proof's own challenge is still spent.
      const sneaky = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp });
      expect(sneaky.body.verified).toBe(false);
    });

    it('never verifies a presentation with a corrupted, missing or mismatched proof', async () => {
      const holder = await createHolder();
      const c = await challenge();
      const vp = await holder.sign(
        presentationOf(holder.did, [await vcOf('maria-cuidado')]),
        { challenge: c },
        loader,
      );

      const corrupted = structuredClone(vp);
      corrupted.proof.proofValue = `${corrupted.proof.proofValue.slice(0, -3)}abc`;
      const wrongChallenge = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: 'another-challenge' } });
      const wrongDomain = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c, domain: 'other.example' } });
      const { proof: _proof, ...unsigned } = vp;
      const missing = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: unsigned });
      const bad = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: corrupted, options: { challenge: c } });
      const other = await createHolder();
      const notHolder = await t.http.post('/presentations/verify').send({
        verifiablePresentation: { ...vp, holder: other.did },
        options: { challenge: c },
      });

      for (const res of [wrongChallenge, wrongDomain, bad, notHolder]) {
        expectProblem(res, 422, 'VERIFICATION_FAILED');
        expect(res.body.verified).toBe(false);
        expect(Object.keys(res.body).sort()).toEqual(
          Object.keys(PRESENTATION_FAILED_EXAMPLE).sort(),
        );
      }
      // No proof at all is malformed input: 400, still saying verified:false.
      expectProblem(missing, 400, 'MALFORMED_PROOF');
      expect(missing.body.verified).toBe(false);
      const codes = (res: { body: Json }) => res.body.problemDetails.map((p: Json) => p.code);
      expect(codes(wrongChallenge)).toContain('INVALID_CHALLENGE_ERROR');
      expect(wrongChallenge.body.problemDetails).toContainEqual(
        expect.objectContaining({ type: 'https://w3id.org/security#INVALID_CHALLENGE_ERROR' }),
      );
      expect(codes(wrongDomain)).toContain('INVALID_DOMAIN_ERROR');
      expect(codes(missing)).toContain('PROOF_MISSING');
      expect(codes(bad)).toEqual(
        expect.arrayContaining([expect.stringMatching(/SIGNATURE_INVALID|MALFORMED_PROOF/)]),
      );
      expect(codes(notHolder)).toContain('SIGNATURE_INVALID');
      // None of these spent the challenge: the genuine presentation still verifies.
      const genuine = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c } });
      expect(genuine.body.verified).toBe(true);
    });

    it('answers 400 MALFORMED_PROOF, with verified:false, for a presentation whose own proof is malformed', async () => {
      const holder = await createHolder();
      const c = await challenge();
      const vp = await holder.sign(
        presentationOf(holder.did, [await vcOf('maria-cuidado')]),
        { challenge: c },
        loader,
      );
      const withProof = (proof: unknown) => ({ ...structuredClone(vp), proof });
      const cases: [string, Json, string][] = [
        ['proof a string', withProof('proof'), 'proof'],
        ['proof null', withProof(null), 'proof'],
        ['no type', withProof({ ...vp.proof, type: undefined }), 'proof.type'],
        [
          'no verificationMethod',
          withProof({ ...vp.proof, verificationMethod: undefined }),
          'proof.verificationMethod',
        ],
        [
          'no proofPurpose',
          withProof({ ...vp.proof, proofPurpose: undefined }),
          'proof.proofPurpose',
        ],
        [
          'proofValue with a tab',
          withProof({
            ...vp.proof,
            proofValue: `${vp.proof.proofValue.slice(0, 9)}\t${vp.proof.proofValue.slice(9)}`,
          }),
          'proof.proofValue',
        ],
        [
          'unknown cryptosuite',
          withProof({ ...vp.proof, cryptosuite: 'eddsa-unknown-2099' }),
          'proof.cryptosuite',
        ],
      ];
      for (const [name, presentation, path] of cases) {
        const res = await t.http
          .post('/presentations/verify')
          .send({ verifiablePresentation: presentation, options: { challenge: c } });
        expect({ name, status: res.status, code: res.body.code }).toEqual({
          name,
          status: 400,
          code: 'MALFORMED_PROOF',
        });
        expectProblem(res, 400, 'MALFORMED_PROOF');
        expect(res.body).toMatchObject({
          verified: false,
          problemDetails: [{ check: 'proof', severity: 'error' }],
          errors: [{ path: `verifiablePresentation.${path}` }],
        });
      }
      // None of them spent the challenge: the genuine presentation still verifies.
      const genuine = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c } });
      expect(genuine.status).toBe(200);
      expect(genuine.body.verified).toBe(true);
    });

    it('verifies a presentation signed with Ed25519Signature2020, and refuses it tampered or bound elsewhere', async () => {
      const key = await Ed25519Multikey.generate();
      const did = didKeyFromMultibase(key.publicKeyMultibase);
      key.id = `${did}#${key.publicKeyMultibase}`;
      key.controller = did;
      const c = await challenge();
      const vp: Json = await vc.signPresentation({
        presentation: {
          '@context': [V2, 'https://w3id.org/security/suites/ed25519-2020/v1'],
          type: ['VerifiablePresentation'],
          holder: did,
          verifiableCredential: [await vcOf('maria-cuidado')],
        },
        suite: new Ed25519Signature2020({ key }),
        challenge: c,
        domain: 'empleos.example',
        documentLoader: loader,
      });
      expect(vp.proof).toMatchObject({ type: 'Ed25519Signature2020', challenge: c });

      const tampered = structuredClone(vp);
      tampered.verifiableCredential[0].credentialSubject.name = 'Someone Else';
      const badTamper = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: tampered, options: { challenge: c } });
      expectProblem(badTamper, 422, 'VERIFICATION_FAILED');
      expect(badTamper.body.verified).toBe(false);
      expect(badTamper.body.results.presentation.proof[0]).toMatchObject({ verified: false });
      const wrong = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c, domain: 'other.example' } });
      expectProblem(wrong, 422, 'VERIFICATION_FAILED');
      expect(wrong.body.verified).toBe(false);
      expect(wrong.body.problemDetails.map((p: Json) => p.code)).toContain('INVALID_DOMAIN_ERROR');

      const res = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c, domain: 'empleos.example' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        verified: true,
        results: {
          presentation: {
            proof: [{ verified: true, input: { type: 'Ed25519Signature2020' } }],
            challenge: { verified: true },
            domain: { verified: true },
            holder: { verified: true, input: did },
          },
          credentials: [{ verified: true }],
        },
      });
      // Single use, as for eddsa-rdfc-2022.
      const replay = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c, domain: 'empleos.example' } });
      expect(replay.body.problemDetails.map((p: Json) => p.code)).toContain(
        'CHALLENGE_ALREADY_USED',
      );
    });

    it('refuses an expired challenge of ours', async () => {
      const holder = await createHolder();
      const c = await challenge();
      await t.dataSource.query(
        "UPDATE verification_challenge SET expires_at = now() - interval '1 minute'",
      );
      const vp = await holder.sign(presentationOf(holder.did, []), { challenge: c }, loader);
      const res = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c } });
      expectProblem(res, 422, 'VERIFICATION_FAILED');
      expect(res.body.verified).toBe(false);
      expect(res.body.problemDetails).toContainEqual(
        expect.objectContaining({ code: 'CHALLENGE_EXPIRED' }),
      );
    });

    it('verifies a presentation with no credentials when its proof verifies', async () => {
      const holder = await createHolder();
      const c = await challenge();
      const vp = await holder.sign(presentationOf(holder.did, []), { challenge: c }, loader);
      const res = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c } });
      expect(res.body).toMatchObject({ verified: true, results: { credentials: [] } });
    });

    it('is not verified when a credential inside is not: 422 for an error, 200 for a revocation', async () => {
      const holder = await createHolder();
      const c = await challenge();
      const tampered = await vcOf('maria-cuidado');
      tampered.credentialSubject.isco08 = '9999';
      const vp = await holder.sign(
        presentationOf(holder.did, [tampered]),
        { challenge: c },
        loader,
      );
      const res = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: vp, options: { challenge: c } });
      expectProblem(res, 422, 'VERIFICATION_FAILED');
      expect(res.body.detail).toMatch(
        /^The presentation did not verify: Credential 0 did not verify/,
      );
      expect(res.body).toMatchObject({
        verified: false,
        results: {
          presentation: { proof: [{ verified: true }] },
          credentials: [{ verified: false }],
        },
      });
      expect(res.body.problemDetails).toContainEqual(
        expect.objectContaining({ code: 'CREDENTIAL_NOT_VERIFIED' }),
      );
      // A revoked credential inside a genuine presentation: only a warning, so 200.
      const c2 = await challenge();
      const withRevoked = await holder.sign(
        presentationOf(holder.did, [await vcOf('pedro-cocina')]),
        { challenge: c2 },
        loader,
      );
      const revoked = await t.http
        .post('/presentations/verify')
        .send({ verifiablePresentation: withRevoked, options: { challenge: c2 } });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({
        verified: false,
        results: {
          presentation: { proof: [{ verified: true }] },
          credentials: [{ verified: false }],
        },
      });
      expect(revoked.body.results.credentials[0].problemDetails).toContainEqual(
        expect.objectContaining({ code: 'REVOKED' }),
      );
    });

    it('verifies only the credentials of a proofless {presentation}, and says so', async () => {
      const res = await t.http.post('/presentations/verify').send({
        presentation: {
          '@context': [V2],
          type: ['VerifiablePresentation'],
          verifiableCredential: [await vcOf('maria-cuidado')],
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        verified: true,
        results: { credentials: [{ verified: true }] },
      });
      expect(res.body.problemDetails).toContainEqual(
        expect.objectContaining({ code: 'HOLDER_BINDING_NOT_CHECKED', severity: 'warning' }),
      );
    });

    it('answers 400 for what is not a presentation', async () => {
      for (const body of [
        {},
        { verifiablePresentation: { '@context': [V2], type: ['VerifiableCredential'] } },
        { verifiablePresentation: 'eyJ.e30.x' },
        {
          verifiablePresentation: { '@context': [V2, 123192875], type: ['VerifiablePresentation'] },
        },
        {
          verifiablePresentation: {
            '@context': [V2, 'https ://not-a-url/contexts/example/v1'],
            type: ['VerifiablePresentation'],
          },
        },
        {
          presentation: { '@context': [V2], type: ['VerifiablePresentation'] },
          options: { challenge: 'x' },
        },
      ]) {
        expectProblem(
          await t.http.post('/presentations/verify').send(body),
          400,
          'VALIDATION_FAILED',
        );
      }
    });
  });

  it('POST /challenges answers a fresh challenge each time', async () => {
    const [a, b] = [await challenge(), await challenge()];
    expect(a).not.toBe(b);
    expect(a).toMatch(/^u[A-Za-z0-9_-]{22}$/);
  });
});
