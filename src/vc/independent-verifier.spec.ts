// What an outside verifier sees: it knows only our published context, the issuer's published DID
// document and status lists (as JSON text), and uses the reference libraries directly.
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import * as bitstringStatusList from '@digitalbazaar/vc-bitstring-status-list';
import { importJWK, jwtVerify } from 'jose';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDidDocument } from './did.js';
import { createFixtureIssuer, type FixtureIssuer } from './fixtures.js';
import { issueDataIntegrity, issueJwt, type Credential } from './issue.js';

let issuer: FixtureIssuer;
let published: Map<string, string>;

beforeAll(async () => {
  issuer = await createFixtureIssuer({ baseUrl: 'https://reconoce.example.org' });
  published = new Map([
    [issuer.contextUrl, readFileSync(join(process.cwd(), 'schemas', 'context-v1.jsonld'), 'utf8')],
    [issuer.did, JSON.stringify(buildDidDocument(issuer.did, issuer.publishedKeys))],
  ]);
});

async function publishStatusLists() {
  for (const { url } of Object.values(issuer.lists)) {
    published.set(url, JSON.stringify((await issuer.documentLoader(url)).document));
  }
}

// The outside verifier's loader: the VC contexts bundled with @digitalbazaar/vc, plus what we publish.
async function outsideLoader(url: string) {
  const [base, fragment] = url.split('#') as [string, string | undefined];
  const text = published.get(base);
  if (text === undefined) return vc.defaultDocumentLoader(url);
  const document = JSON.parse(text) as Record<string, unknown>;
  if (fragment === undefined) return { contextUrl: null, documentUrl: url, document };
  const method = (document.verificationMethod as { id: string }[]).find((m) => m.id === url);
  if (!method) throw new Error(`${url} not found`);
  return {
    contextUrl: null,
    documentUrl: url,
    document: { '@context': document['@context'], ...method },
  };
}

const suite = () => new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

function checkStatus({ credential }: { credential: object }) {
  return bitstringStatusList.checkStatus({
    credential,
    documentLoader: outsideLoader,
    suite: suite(),
    verifyBitstringStatusListCredential: true,
    verifyMatchingIssuers: true,
  });
}

async function sign(index: number): Promise<Credential> {
  return issueDataIntegrity({
    credential: issuer.credential(index),
    signer: issuer.signer,
    documentLoader: issuer.documentLoader,
  });
}

describe('an outside verifier with @digitalbazaar/vc', () => {
  it('verifies our Data Integrity credential and reads its status bits', async () => {
    await publishStatusLists();
    const credential = await sign(100);
    const result = await vc.verifyCredential({
      credential: JSON.parse(JSON.stringify(credential)) as object,
      suite: suite(),
      documentLoader: outsideLoader,
      checkStatus,
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    const statuses = (result.statusResult as { results: { status: boolean }[] }).results;
    expect(statuses.map((s) => s.status)).toEqual([false, false]);
  });

  it('sees exactly that credential’s bit flip after revocation and suspension', async () => {
    const credential = await sign(101);
    issuer.setStatus('revocation', 101, true);
    issuer.setStatus('suspension', 102, true);
    await publishStatusLists();
    const result = await vc.verifyCredential({
      credential,
      suite: suite(),
      documentLoader: outsideLoader,
      checkStatus,
    });
    // The library still says verified: the bit is in the status result, for the verifier to read.
    expect(result.verified).toBe(true);
    const statuses = (
      result.statusResult as {
        results: { status: boolean; credentialStatus: { statusPurpose: string } }[];
      }
    ).results;
    expect(statuses.map((s) => [s.credentialStatus.statusPurpose, s.status])).toEqual([
      ['revocation', true],
      ['suspension', false],
    ]);
    const list = await bitstringStatusList.decodeList({
      encodedList: (
        JSON.parse(published.get(issuer.lists.revocation.url)!) as {
          credentialSubject: { encodedList: string };
        }
      ).credentialSubject.encodedList,
    });
    expect([100, 101, 102].map((i) => list.getStatus(i))).toEqual([false, true, false]);
  });

  it.each<[string, (c: Credential) => void]>([
    [
      'subject',
      (c) => ((c.credentialSubject as { result: string }).result = 'PARTIALLY_COMPETENT'),
    ],
    ['validFrom', (c) => (c.validFrom = '2020-01-01T00:00:00Z')],
    ['issuer', (c) => (c.issuer = 'did:web:reconoce.example.org:issuers:pe-dcl')],
    ['proof', (c) => ((c.proof as { verificationMethod: string }).verificationMethod += 'x')],
    ['proofValue', (c) => ((c.proof as { proofValue: string }).proofValue = 'z' + '1'.repeat(86))],
  ])('rejects a credential whose %s changed', async (_name, tamper) => {
    await publishStatusLists();
    const credential = structuredClone(await sign(103));
    tamper(credential);
    const result = await vc.verifyCredential({
      credential,
      suite: suite(),
      documentLoader: outsideLoader,
      checkStatus,
    });
    expect(result.verified).toBe(false);
  });
});

describe('an outside verifier with jose', () => {
  async function keyFromDidDocument(kid: string) {
    const document = JSON.parse(published.get(issuer.did)!) as {
      verificationMethod: { id: string; publicKeyMultibase: string }[];
    };
    const method = document.verificationMethod.find((m) => m.id === kid)!;
    const keyPair = await Ed25519Multikey.from({ publicKeyMultibase: method.publicKeyMultibase });
    return importJWK(await Ed25519Multikey.toJwk({ keyPair }), 'EdDSA');
  }

  it('verifies our vc+jwt with the key published in the DID document', async () => {
    const credential = issuer.credential(104);
    const jwt = await issueJwt({ credential, signer: issuer.signer });
    const { payload, protectedHeader } = await jwtVerify(
      jwt,
      (header) => keyFromDidDocument(header.kid!),
      {
        typ: 'vc+jwt',
        algorithms: ['EdDSA'],
      },
    );
    expect(protectedHeader).toMatchObject({
      typ: 'vc+jwt',
      kid: issuer.signer.verificationMethodId,
    });
    expect(payload).toEqual(credential);
  });

  it('rejects a vc+jwt whose payload changed', async () => {
    const jwt = await issueJwt({ credential: issuer.credential(105), signer: issuer.signer });
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Credential;
    claims.validFrom = '2020-01-01T00:00:00Z';
    const changed = [
      header,
      Buffer.from(JSON.stringify(claims)).toString('base64url'),
      signature,
    ].join('.');
    await expect(
      jwtVerify(changed, (h) => keyFromDidDocument(h.kid!), { typ: 'vc+jwt' }),
    ).rejects.toThrow(/signature verification failed/);
  });
});
