import { decodeProtectedHeader, importJWK, compactVerify } from 'jose';
import { join } from 'node:path';
import { buildDidDocument, didWeb } from './did.js';
import { createDocumentLoader } from './document-loader.js';
import { competencyCertificationSubject } from './fixtures.js';
import { buildCredential, issueDataIntegrity, issueJwt, xsdDateTime } from './issue.js';
import { generateIssuerKey, publicKeyMultibaseToJwk, type SignerKey } from './keys.js';
import { readOurContext } from './schemas.js';

const BASE = 'http://localhost:3000';
const CONTEXT_URL = `${BASE}/contexts/v1`;
const DID = didWeb(BASE, ['issuers', 'co-ens']);

let signer: SignerKey;
const documentLoader = () =>
  createDocumentLoader({
    ourContextUrl: CONTEXT_URL,
    ourContext: readOurContext(join(process.cwd(), 'schemas')),
    resolveLocal: (url) =>
      Promise.resolve(
        url === DID
          ? buildDidDocument(DID, [
              { id: signer.verificationMethodId, publicKeyMultibase: signer.publicKeyMultibase },
            ])
          : undefined,
      ),
  });

function credential() {
  return buildCredential({
    id: 'urn:uuid:2f1d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b',
    type: 'CompetencyCertificationCredential',
    issuer: { id: DID, name: 'Entidad Nacional de Saberes (ficticia)' },
    validFrom: new Date('2022-05-10T00:00:00Z'),
    credentialSubject: competencyCertificationSubject(),
    contextUrl: CONTEXT_URL,
    schemaUrl: `${BASE}/schemas/CompetencyCertificationCredential.json`,
  });
}

beforeAll(async () => {
  signer = { verificationMethodId: `${DID}#key-1`, ...(await generateIssuerKey()) };
});

describe('buildCredential', () => {
  it('composes a VC 2.0 credential with our context, schema and status', () => {
    const status = {
      id: `${BASE}/status-lists/abc#7`,
      type: 'BitstringStatusListEntry' as const,
      statusPurpose: 'revocation' as const,
      statusListIndex: '7',
      statusListCredential: `${BASE}/status-lists/abc`,
    };
    const built = buildCredential({
      id: 'urn:uuid:x',
      type: 'AcademicTitleCredential',
      issuer: DID,
      validFrom: new Date('2026-01-01T10:00:00.123Z'),
      validUntil: new Date('2031-01-01T00:00:00Z'),
      credentialSubject: { a: 1 },
      contextUrl: CONTEXT_URL,
      schemaUrl: 'https://s/x.json',
      credentialStatus: [status],
    });
    expect(built).toEqual({
      '@context': ['https://www.w3.org/ns/credentials/v2', CONTEXT_URL],
      id: 'urn:uuid:x',
      type: ['VerifiableCredential', 'AcademicTitleCredential'],
      issuer: DID,
      validFrom: '2026-01-01T10:00:00Z',
      validUntil: '2031-01-01T00:00:00Z',
      credentialSubject: { a: 1 },
      credentialSchema: { id: 'https://s/x.json', type: 'JsonSchema' },
      credentialStatus: [status],
    });
  });

  it('throws TypeError when validUntil is not after validFrom', () => {
    const date = new Date('2026-01-01T00:00:00Z');
    expect(() =>
      buildCredential({
        id: 'urn:uuid:x',
        type: 'AcademicTitleCredential',
        issuer: DID,
        validFrom: date,
        validUntil: date,
        credentialSubject: {},
        contextUrl: CONTEXT_URL,
        schemaUrl: 'https://s/x.json',
      }),
    ).toThrow(TypeError);
    expect(() => xsdDateTime(new Date('nope'))).toThrow(TypeError);
  });
});

describe('issueDataIntegrity', () => {
  it('adds an eddsa-rdfc-2022 DataIntegrityProof and leaves the input untouched', async () => {
    const input = credential();
    const copy = structuredClone(input);
    const now = new Date('2026-02-03T04:05:06.789Z');
    const signed = await issueDataIntegrity({
      credential: input,
      signer,
      documentLoader: documentLoader(),
      now,
    });
    expect(input).toEqual(copy);
    expect(signed['@context']).toEqual(input['@context']);
    expect(signed.proof).toEqual({
      type: 'DataIntegrityProof',
      created: '2026-02-03T04:05:06Z',
      verificationMethod: signer.verificationMethodId,
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/),
    });
  });

  it('runs JSON-LD safe mode: a term that no context defines is refused', async () => {
    const input = credential();
    input['@context'] = ['https://www.w3.org/ns/credentials/v2', { '@vocab': null }, CONTEXT_URL];
    (input.credentialSubject as Record<string, unknown>).favouriteColour = 'blue';
    await expect(
      issueDataIntegrity({ credential: input, signer, documentLoader: documentLoader() }),
    ).rejects.toThrow(/Safe mode/);
  });

  it('throws TypeError on misuse', async () => {
    const loader = documentLoader();
    const v1 = { ...credential(), '@context': ['https://www.w3.org/2018/credentials/v1'] };
    await expect(
      issueDataIntegrity({ credential: v1, signer, documentLoader: loader }),
    ).rejects.toThrow(TypeError);
    const foreign = { ...credential(), issuer: 'did:web:elsewhere' };
    await expect(
      issueDataIntegrity({ credential: foreign, signer, documentLoader: loader }),
    ).rejects.toThrow(/must be the DID of the signing key/);
    const signed = await issueDataIntegrity({
      credential: credential(),
      signer,
      documentLoader: loader,
    });
    await expect(
      issueDataIntegrity({ credential: signed, signer, documentLoader: loader }),
    ).rejects.toThrow(TypeError);
  });
});

describe('issueJwt', () => {
  it('signs the credential as a vc+jwt compact JWS with the same Ed25519 key', async () => {
    const input = credential();
    const jwt = await issueJwt({ credential: input, signer });
    expect(decodeProtectedHeader(jwt)).toEqual({
      alg: 'EdDSA',
      typ: 'vc+jwt',
      kid: signer.verificationMethodId,
    });
    const key = await importJWK(await publicKeyMultibaseToJwk(signer.publicKeyMultibase), 'EdDSA');
    const { payload } = await compactVerify(jwt, key);
    expect(JSON.parse(new TextDecoder().decode(payload))).toEqual(input);
  });

  it('throws TypeError on misuse', async () => {
    await expect(
      issueJwt({ credential: { ...credential(), issuer: 'did:web:other' }, signer }),
    ).rejects.toThrow(TypeError);
  });
});
