import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import jsigs from 'jsonld-signatures';
import { didKeyFromMultibase } from './did.js';
import { eddsaRdfc2022Cryptosuite } from './cryptosuite.js';
import { createFixtureIssuer, type FixtureIssuer } from './fixtures.js';
import { issueDataIntegrity, type Credential } from './issue.js';
import { verifyCredential, type VerificationResult } from './verify.js';

// Proof sets and chains (Data Integrity §2.1.1–2.1.2, §4.5–4.6) and strict proof values.

type Proof = Record<string, unknown>;

let issuer: FixtureIssuer;
let index = 0;

beforeAll(async () => {
  issuer = await createFixtureIssuer();
});

async function didKeySigner() {
  const key = await Ed25519Multikey.generate();
  const did = didKeyFromMultibase(key.publicKeyMultibase);
  key.id = `${did}#${key.publicKeyMultibase}`;
  key.controller = did;
  return key;
}

/** A proof over `document` (its own `proof` included, for chains) by `key`. */
async function proofBy(
  key: Awaited<ReturnType<typeof didKeySigner>>,
  document: Credential,
  extra: Proof = {},
): Promise<Proof> {
  const suite = new DataIntegrityProof({
    signer: key.signer() as never,
    cryptosuite: eddsaRdfc2022Cryptosuite,
  }) as unknown as {
    proof?: Proof;
    createProof(options: object): Promise<Proof>;
  };
  suite.proof = extra;
  const proof = await suite.createProof({
    document,
    purpose: new (
      jsigs.purposes as unknown as { AssertionProofPurpose: new () => object }
    ).AssertionProofPurpose(),
    proofSet: [],
    documentLoader: issuer.documentLoader,
  });
  delete proof['@context'];
  return proof;
}

async function signed(): Promise<Credential> {
  return issueDataIntegrity({
    credential: issuer.credential(++index),
    signer: issuer.signer,
    documentLoader: issuer.documentLoader,
  });
}

function verify(credential: unknown): Promise<VerificationResult> {
  return verifyCredential({
    credential,
    documentLoader: issuer.documentLoader,
    checkStatus: false,
  });
}

function proofCheck(result: VerificationResult) {
  return result.checks.find((check) => check.id === 'proof');
}

describe('proof sets', () => {
  it('verifies the issuer’s proof with a valid endorsement, reported as its own check', async () => {
    const credential = await signed();
    const { proof, ...unsecured } = credential;
    const endorser = await didKeySigner();
    const endorsed = { ...credential, proof: [proof, await proofBy(endorser, unsecured)] };
    const result = await verify(endorsed);
    expect(result.verified).toBe(true);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'endorsement', status: 'passed', code: 'ENDORSEMENT_VALID' }),
    );
    expect(result.proofs?.map((p) => p.verified)).toEqual([true, true]);
  });

  it('refuses a set with a proof copied from another credential, naming it', async () => {
    const credential = await signed();
    const other = await signed();
    const result = await verify({ ...credential, proof: [credential.proof, other.proof] });
    expect(result.verified).toBe(false);
    expect(proofCheck(result)).toMatchObject({
      status: 'failed',
      code: 'SIGNATURE_INVALID',
      message: expect.stringMatching(/^proof 1: /),
    });
  });

  it('refuses a set with a bogus proof by a foreign did:key', async () => {
    const credential = await signed();
    const { proof, ...unsecured } = credential;
    const stranger = await didKeySigner();
    const bogus = await proofBy(stranger, { ...unsecured, credentialSubject: { id: 'urn:x' } });
    const result = await verify({ ...credential, proof: [proof, bogus] });
    expect(result.verified).toBe(false);
    expect(proofCheck(result)).toMatchObject({ code: 'SIGNATURE_INVALID' });
  });

  it('refuses a set of endorsements alone: no proof by the issuer', async () => {
    const { proof: _proof, ...unsecured } = await signed();
    const endorser = await didKeySigner();
    const result = await verify({ ...unsecured, proof: [await proofBy(endorser, unsecured)] });
    expect(proofCheck(result)).toMatchObject({ status: 'failed', code: 'KEY_NOT_ISSUERS' });
  });

  it('refuses a malformed member of a set', async () => {
    const credential = await signed();
    const result = await verify({ ...credential, proof: [credential.proof, 'not a proof'] });
    expect(proofCheck(result)).toMatchObject({ status: 'failed', code: 'MALFORMED_PROOF' });
  });
});

describe('proof chains', () => {
  // A foreign credential issued by a did:key (A), its proof endorsed in a chain by another (B).
  async function chain() {
    const a = await didKeySigner();
    const b = await didKeySigner();
    const unsecured: Credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: a.controller,
      credentialSubject: { id: 'did:example:holder' },
    };
    const first = await proofBy(a, unsecured, { id: 'urn:uuid:proof-1' });
    const second = await proofBy(
      b,
      { ...unsecured, proof: [first] },
      { id: 'urn:uuid:proof-2', previousProof: 'urn:uuid:proof-1' },
    );
    return { a, b, unsecured, first, second };
  }

  it('follows previousProof and verifies each link', async () => {
    const { unsecured, first, second } = await chain();
    const result = await verify({ ...unsecured, proof: [first, second] });
    expect(result.verified).toBe(true);
    expect(result.proofs?.map((p) => [p.index, p.verified])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect(result.checks).toContainEqual(expect.objectContaining({ id: 'endorsement' }));
  });

  it('refuses a chain whose previousProof is missing from the set', async () => {
    const { unsecured, second } = await chain();
    const alone = await verify({ ...unsecured, proof: [second] });
    expect(alone.verified).toBe(false);
    expect(proofCheck(alone)).toMatchObject({ code: 'PROOF_CHAIN_BROKEN' });
  });

  it('refuses a link re-pointed at another proof, or a previous proof changed', async () => {
    const { a, unsecured, first, second } = await chain();
    const another = await proofBy(a, unsecured, { id: 'urn:uuid:proof-3' });
    const repointed = await verify({
      ...unsecured,
      proof: [first, another, { ...second, previousProof: 'urn:uuid:proof-3' }],
    });
    expect(repointed.verified).toBe(false);
    expect(proofCheck(repointed)).toMatchObject({ code: 'SIGNATURE_INVALID' });
    const swapped = await verify({
      ...unsecured,
      proof: [{ ...another, id: 'urn:uuid:proof-1' }, second],
    });
    expect(swapped.verified).toBe(false);
  });
});

describe('strict proof values', () => {
  it.each([
    ['a trailing space', (v: string) => `${v} `],
    ['an inner tab', (v: string) => `${v.slice(0, 10)}\t${v.slice(10)}`],
    ['a leading newline', (v: string) => `\n${v}`],
    ['a character outside base58-btc', (v: string) => `${v.slice(0, -1)}0`],
  ])('refuses a proofValue with %s', async (_name, change) => {
    const credential = await signed();
    const proof = credential.proof as Proof;
    const result = await verify({
      ...credential,
      proof: { ...proof, proofValue: change(proof.proofValue as string) },
    });
    expect(result.verified).toBe(false);
    expect(proofCheck(result)).toMatchObject({ code: 'MALFORMED_PROOF' });
  });

  it('refuses a VC-JWT with whitespace around or inside it', async () => {
    const result = await verify(' eyJhbGciOiJFZERTQSJ9.e30.c2ln');
    expect(result.verified).toBe(false);
    expect(result.checks[0]).toMatchObject({ id: 'structure', code: 'MALFORMED_CREDENTIAL' });
  });
});

describe('foreign credentials', () => {
  async function foreign(context: string[], extra: Credential = {}) {
    const key = await didKeySigner();
    const unsecured: Credential = {
      '@context': context,
      type: ['VerifiableCredential', 'AlumniCredential'],
      issuer: key.controller,
      validFrom: '2023-01-01T00:00:00Z',
      credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
      ...extra,
    };
    return {
      ...unsecured,
      proof: await proofBy(key, unsecured, { proofPurpose: 'assertionMethod' }),
    };
  }

  it('verifies a credential using the W3C examples v2 context, pinned', async () => {
    const credential = await foreign([
      'https://www.w3.org/ns/credentials/v2',
      'https://www.w3.org/ns/credentials/examples/v2',
    ]);
    expect((await verify(credential)).verified).toBe(true);
  });

  it('refuses an unknown context as CONTEXT_UNKNOWN, never fetching it', async () => {
    const credential = await foreign([
      'https://www.w3.org/ns/credentials/v2',
      'https://www.w3.org/ns/credentials/examples/v2',
    ]);
    const changed = {
      ...credential,
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://contexts.example/unknown/v1'],
    };
    const result = await verify(changed);
    expect(result.verified).toBe(false);
    expect(proofCheck(result)).toMatchObject({
      code: 'CONTEXT_UNKNOWN',
      message: expect.stringContaining('https://contexts.example/unknown/v1'),
    });
  });
});
