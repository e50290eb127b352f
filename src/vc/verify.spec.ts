import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as vc from '@digitalbazaar/vc';
import { join } from 'node:path';
import { didKeyFromMultibase } from './did.js';
import { createDocumentLoader } from './document-loader.js';
import { createFixtureIssuer, type FixtureIssuer } from './fixtures.js';
import { issueDataIntegrity, issueJwt, type Credential } from './issue.js';
import { generateIssuerKey } from './keys.js';
import { loadSchemas } from './schemas.js';
import { overallStatus, verifyCredential, type Check, type VerificationResult } from './verify.js';

let issuer: FixtureIssuer;
let index = 0;

beforeAll(async () => {
  issuer = await createFixtureIssuer();
});

async function signed(overrides: Parameters<FixtureIssuer['credential']>[1] = {}) {
  const credential = issuer.credential(++index, overrides);
  return issueDataIntegrity({
    credential,
    signer: issuer.signer,
    documentLoader: issuer.documentLoader,
  });
}

function verify(credential: unknown, extra: Partial<Parameters<typeof verifyCredential>[0]> = {}) {
  return verifyCredential({ credential, documentLoader: issuer.documentLoader, ...extra });
}

function check(result: VerificationResult, id: string): Check | undefined {
  return result.checks.find((c) => c.id === id);
}

function codes(result: VerificationResult) {
  return Object.fromEntries(result.checks.map((c) => [c.id, `${c.status}:${c.code}`]));
}

describe('verifyCredential: Data Integrity', () => {
  it('verifies a fresh credential: VALID with every check passed', async () => {
    const credential = await signed();
    const result = await verify(credential);
    expect(result).toMatchObject({
      verified: true,
      status: 'VALID',
      format: 'di',
      issuer: issuer.did,
      verificationMethod: issuer.signer.verificationMethodId,
      credential,
    });
    expect(codes(result)).toEqual({
      structure: 'passed:WELL_FORMED',
      proof: 'passed:PROOF_VALID',
      validity: 'passed:WITHIN_VALIDITY',
      status: 'passed:NOT_REVOKED',
    });
  });

  it('accepts the credential as a JSON string', async () => {
    const result = await verify(JSON.stringify(await signed()));
    expect(result.status).toBe('VALID');
  });

  it('reads revocation and suspension from the signed status lists', async () => {
    const credential = await signed();
    const at = index;
    issuer.setStatus('suspension', at, true);
    expect(await verify(credential)).toMatchObject({ verified: false, status: 'SUSPENDED' });
    issuer.setStatus('suspension', at, false);
    expect(await verify(credential)).toMatchObject({ verified: true, status: 'VALID' });
    issuer.setStatus('revocation', at, true);
    const revoked = await verify(credential);
    expect(revoked).toMatchObject({ verified: false, status: 'REVOKED' });
    expect(check(revoked, 'status')).toMatchObject({ status: 'failed', code: 'REVOKED' });
    issuer.setStatus('suspension', at, true);
    expect((await verify(credential)).status).toBe('REVOKED');
  });

  it('uses an injected status checker, or none', async () => {
    const credential = await signed();
    const asked: string[] = [];
    const result = await verify(credential, {
      checkStatus: (entry) => {
        asked.push(`${entry.statusPurpose}:${entry.statusListIndex}`);
        return Promise.resolve(entry.statusPurpose === 'suspension');
      },
    });
    expect(result.status).toBe('SUSPENDED');
    expect(asked).toEqual([`revocation:${index}`, `suspension:${index}`]);
    const unchecked = await verify(credential, { checkStatus: false });
    expect(check(unchecked, 'status')).toMatchObject({
      status: 'skipped',
      code: 'STATUS_NOT_CHECKED',
    });
    expect(unchecked.status).toBe('VALID');
  });

  it('fails the status check when the list cannot be read', async () => {
    const result = await verify(await signed(), {
      checkStatus: () => Promise.reject(new Error('list offline')),
    });
    expect(result.status).toBe('INVALID');
    expect(check(result, 'status')).toMatchObject({
      code: 'STATUS_UNAVAILABLE',
      message: expect.stringMatching(/list offline/),
    });
  });

  it('judges the validity window at `now`', async () => {
    const credential = await signed({ validUntil: new Date('2027-05-10T00:00:00Z') });
    expect((await verify(credential, { now: new Date('2026-06-01T00:00:00Z') })).status).toBe(
      'VALID',
    );
    const expired = await verify(credential, { now: new Date('2027-05-10T00:00:01Z') });
    expect(expired).toMatchObject({ verified: false, status: 'EXPIRED' });
    expect(check(expired, 'validity')?.code).toBe('EXPIRED');
    const early = await verify(credential, { now: new Date('2022-05-09T23:59:59Z') });
    expect(early.status).toBe('INVALID');
    expect(check(early, 'validity')?.code).toBe('NOT_YET_VALID');
  });

  it('an expired and revoked credential is REVOKED', async () => {
    const credential = await signed({ validUntil: new Date('2023-01-01T00:00:00Z') });
    issuer.setStatus('revocation', index, true);
    expect((await verify(credential)).status).toBe('REVOKED');
  });

  it('validates the subject against our schemas when given', async () => {
    const schemas = loadSchemas(join(process.cwd(), 'schemas'));
    const credential = await signed();
    expect(check(await verify(credential, { schemas }), 'schema')).toMatchObject({
      status: 'passed',
    });
    const subject = (c: Credential) => c.credentialSubject as Record<string, unknown>;
    const odd = issuer.credential(++index);
    delete subject(odd).isco08;
    const result = await verify(
      await issueDataIntegrity({
        credential: odd,
        signer: issuer.signer,
        documentLoader: issuer.documentLoader,
      }),
      { schemas },
    );
    expect(result.status).toBe('INVALID');
    expect(check(result, 'schema')).toMatchObject({
      code: 'SCHEMA_INVALID',
      message: 'isco08: is required',
    });
  });
});

describe('verifyCredential: failures are results', () => {
  it.each([
    ['not JSON', 'hello'],
    ['a number', 42],
    ['null', null],
    ['an array', []],
    ['an empty object', {}],
    ['a JWT of garbage', 'a.b.c'],
  ])('%s → INVALID, structure failed', async (_name, input) => {
    const result = await verify(input);
    expect(result).toMatchObject({ verified: false, status: 'INVALID' });
    expect(check(result, 'structure')).toMatchObject({
      status: 'failed',
      code: 'MALFORMED_CREDENTIAL',
    });
    expect(check(result, 'proof')?.status).toBe('skipped');
  });

  it('an unsigned credential → PROOF_MISSING', async () => {
    const result = await verify(issuer.credential(++index));
    expect(result.status).toBe('INVALID');
    expect(check(result, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_MISSING' });
    expect(check(result, 'status')?.status).toBe('skipped');
  });

  it('a VC 2.0 rule broken → MALFORMED_CREDENTIAL naming it', async () => {
    const credential = await signed();
    const result = await verify({ ...credential, validFrom: '10 May 2022' });
    expect(check(result, 'structure')?.message).toMatch(
      /"validFrom" must be an XML Schema dateTime/,
    );
  });

  it.each<[string, (c: Credential) => void]>([
    ['subject', (c) => ((c.credentialSubject as Record<string, unknown>).isco08 = '9999')],
    [
      'holder name',
      (c) => ((c.credentialSubject as { name: { givenNames: string } }).name.givenNames = 'Eve'),
    ],
    ['validFrom', (c) => (c.validFrom = '2021-05-10T00:00:00Z')],
    ['validUntil added', (c) => (c.validUntil = '2099-01-01T00:00:00Z')],
    ['type', (c) => (c.type = ['VerifiableCredential', 'AcademicTitleCredential'])],
    [
      'status index',
      (c) => ((c.credentialStatus as { statusListIndex: string }[])[0].statusListIndex = '1'),
    ],
    [
      'proof value',
      (c) => {
        const proof = c.proof as { proofValue: string };
        proof.proofValue = `${proof.proofValue.slice(0, -2)}${proof.proofValue.endsWith('1') ? '22' : '11'}`;
      },
    ],
    ['proof created', (c) => ((c.proof as { created: string }).created = '2020-01-01T00:00:00Z')],
  ])('a changed %s → SIGNATURE_INVALID', async (_name, tamper) => {
    const credential = structuredClone(await signed());
    tamper(credential);
    const result = await verify(credential);
    expect(result).toMatchObject({ verified: false, status: 'INVALID' });
    expect(check(result, 'proof')).toMatchObject({ status: 'failed', code: 'SIGNATURE_INVALID' });
  });

  it('a changed issuer → the key is not the issuer’s', async () => {
    const other = await createFixtureIssuer({ slug: 'pe-dcl' });
    const credential = { ...(await signed()), issuer: other.did };
    // A loader that knows both issuers, so only the proof can object.
    const documentLoader = createDocumentLoader({
      ourContextUrl: issuer.contextUrl,
      ourContext: issuer.ourContext,
      resolveLocal: async (url) =>
        (await issuer.documentLoader(url).catch(() => undefined))?.document ??
        (await other.documentLoader(url).catch(() => undefined))?.document,
    });
    const result = await verifyCredential({ credential, documentLoader, checkStatus: false });
    expect(result.status).toBe('INVALID');
    expect(check(result, 'proof')?.code).toBe('SIGNATURE_INVALID');
  });

  it('a key that is not the issuer’s → KEY_NOT_ISSUERS', async () => {
    const stranger = await Ed25519Multikey.generate();
    const strangerDid = didKeyFromMultibase(stranger.publicKeyMultibase);
    stranger.id = `${strangerDid}#${stranger.publicKeyMultibase}`;
    const suite = new DataIntegrityProof({
      signer: stranger.signer() as never,
      cryptosuite: eddsaRdfc2022,
    });
    const credential = await vc.issue({
      credential: issuer.credential(++index),
      suite,
      documentLoader: issuer.documentLoader,
    });
    const result = await verify(credential);
    expect(result.status).toBe('INVALID');
    expect(check(result, 'proof')).toMatchObject({ code: 'KEY_NOT_ISSUERS' });
  });

  it('a key no longer in the DID document (compromised) → VERIFICATION_METHOD_UNAVAILABLE', async () => {
    const local = await createFixtureIssuer({ slug: 'ec-scp' });
    const credential = await issueDataIntegrity({
      credential: local.credential(1),
      signer: local.signer,
      documentLoader: local.documentLoader,
    });
    expect(
      (await verifyCredential({ credential, documentLoader: local.documentLoader })).status,
    ).toBe('VALID');
    local.publishedKeys.splice(0);
    const result = await verifyCredential({ credential, documentLoader: local.documentLoader });
    expect(result.status).toBe('INVALID');
    expect(check(result, 'proof')).toMatchObject({
      code: 'VERIFICATION_METHOD_UNAVAILABLE',
      message: expect.stringContaining('is not published'),
    });
  });

  it('a registry this verifier does not know → its context refused, not fetched', async () => {
    const credential = await signed();
    const foreign = await verifyCredential({
      credential,
      documentLoader: (await createFixtureIssuer({ baseUrl: 'https://elsewhere.example' }))
        .documentLoader,
    });
    expect(foreign.status).toBe('INVALID');
    expect(check(foreign, 'proof')).toMatchObject({
      code: 'CONTEXT_UNKNOWN',
      message: expect.stringMatching(/never fetched/),
    });
  });

  it('throws TypeError on misuse', async () => {
    await expect(
      verifyCredential({ credential: {}, documentLoader: undefined as never }),
    ).rejects.toThrow(TypeError);
    await expect(verify({}, { now: new Date('x') })).rejects.toThrow(TypeError);
  });
});

describe('verifyCredential: foreign and older issuers', () => {
  it('verifies a did:key issuer offline', async () => {
    const key = await generateIssuerKey();
    const did = didKeyFromMultibase(key.publicKeyMultibase);
    const signer = { verificationMethodId: `${did}#${key.publicKeyMultibase}`, ...key };
    const credential = await issueDataIntegrity({
      credential: issuer.credential(++index, { issuer: did, credentialStatus: [] }),
      signer,
      documentLoader: issuer.documentLoader,
    });
    const result = await verify(credential);
    expect(result).toMatchObject({ status: 'VALID', issuer: did });
    expect(check(result, 'status')?.code).toBe('NO_STATUS');
    const jwt = await verify(
      await issueJwt({
        credential: issuer.credential(++index, { issuer: did, credentialStatus: [] }),
        signer,
      }),
    );
    expect(jwt.status).toBe('VALID');
  });

  it('verifies an Ed25519Signature2020 credential (VC 1.1) from an older issuer', async () => {
    const keyPair = await Ed25519Multikey.generate();
    const did = didKeyFromMultibase(keyPair.publicKeyMultibase);
    keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
    keyPair.controller = did;
    const credential = await vc.issue({
      credential: {
        '@context': [
          'https://www.w3.org/2018/credentials/v1',
          'https://w3id.org/security/suites/ed25519-2020/v1',
          issuer.contextUrl,
        ],
        id: 'urn:uuid:6c1a3b52-8f0e-4b61-9d1e-0b5f0a0c2d11',
        type: ['VerifiableCredential', 'AcademicTitleCredential'],
        issuer: did,
        issuanceDate: '2019-03-01T00:00:00Z',
        credentialSubject: { titleAsIssued: 'Licenciada en Contaduría', iscedField: '0411' },
      },
      suite: new Ed25519Signature2020({ key: keyPair }),
      documentLoader: issuer.documentLoader,
    });
    expect((credential.proof as { type: string }).type).toBe('Ed25519Signature2020');
    const result = await verify(credential);
    expect(result).toMatchObject({ verified: true, status: 'VALID' });
    expect(check(result, 'proof')?.message).toMatch(/Ed25519Signature2020/);
    const tampered = structuredClone(credential);
    (tampered.credentialSubject as Record<string, unknown>).iscedField = '0913';
    expect(check(await verify(tampered), 'proof')?.code).toBe('SIGNATURE_INVALID');
  });
});

describe('verifyCredential: VC-JWT', () => {
  it('verifies a vc+jwt against the key in the DID document, status included', async () => {
    const credential = issuer.credential(++index);
    const jwt = await issueJwt({ credential, signer: issuer.signer });
    const result = await verify(jwt);
    expect(result).toMatchObject({
      verified: true,
      status: 'VALID',
      format: 'jwt',
      credential,
      verificationMethod: issuer.signer.verificationMethodId,
    });
    issuer.setStatus('revocation', index, true);
    expect((await verify(jwt)).status).toBe('REVOKED');
  });

  it('refuses a changed payload, a changed header or another key', async () => {
    const jwt = await issueJwt({ credential: issuer.credential(++index), signer: issuer.signer });
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Credential;
    (claims.credentialSubject as Record<string, unknown>).isco08 = '9999';
    const changed = [
      header,
      Buffer.from(JSON.stringify(claims)).toString('base64url'),
      signature,
    ].join('.');
    expect(check(await verify(changed), 'proof')?.code).toBe('SIGNATURE_INVALID');

    const typ = Buffer.from(
      JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: issuer.signer.verificationMethodId }),
    ).toString('base64url');
    expect(check(await verify([typ, payload, signature].join('.')), 'proof')?.code).toBe(
      'PROOF_INVALID',
    );

    const other = await createFixtureIssuer({ slug: 'pe-sru' });
    const foreignKid = Buffer.from(
      JSON.stringify({ alg: 'EdDSA', typ: 'vc+jwt', kid: other.signer.verificationMethodId }),
    ).toString('base64url');
    expect((await verify([foreignKid, payload, signature].join('.'))).status).toBe('INVALID');
  });

  it('judges exp/nbf and validUntil of a JWT', async () => {
    const jwt = await issueJwt({
      credential: issuer.credential(++index, { validUntil: new Date('2024-01-01T00:00:00Z') }),
      signer: issuer.signer,
    });
    expect((await verify(jwt)).status).toBe('EXPIRED');
  });
});

describe('overallStatus', () => {
  const failed = (id: string, code: string): Check => ({ id, status: 'failed', code, message: '' });
  it('ranks INVALID, then REVOKED, SUSPENDED, EXPIRED', () => {
    expect(overallStatus([])).toBe('VALID');
    expect(overallStatus([failed('validity', 'EXPIRED'), failed('status', 'SUSPENDED')])).toBe(
      'SUSPENDED',
    );
    expect(
      overallStatus([failed('status', 'REVOKED'), failed('accreditation', 'NOT_ACCREDITED')]),
    ).toBe('INVALID');
    expect(overallStatus([failed('validity', 'EXPIRED')])).toBe('EXPIRED');
  });
});
