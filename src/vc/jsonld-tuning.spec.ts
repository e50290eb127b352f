import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createDocumentLoader } from './document-loader.js';
import {
  academicTitleSubject,
  createFixtureIssuer,
  recognitionDecisionSubject,
  type FixtureIssuer,
} from './fixtures.js';
import { issueDataIntegrity, type Credential } from './issue.js';
import jsonldContext from 'jsonld/lib/context.js';
import ResolvedContext from 'jsonld/lib/ResolvedContext.js';
import { readFileSync } from 'node:fs';
import {
  CHECKED_JSONLD_VERSION,
  installedJsonLdVersion,
  shareJsonLdTermDefinitions,
} from './jsonld-tuning.js';
import { buildStatusListCredential, createBitstring, encodeList } from './status-list.js';
import { verifyCredential } from './verify.js';

let issuer: FixtureIssuer;
let documents: Credential[];

const canonize = (document: object) => issuer.canonize(document);

beforeAll(async () => {
  issuer = await createFixtureIssuer();
  const signed = await issueDataIntegrity({
    credential: issuer.credential(1),
    signer: issuer.signer,
    documentLoader: issuer.documentLoader,
  });
  documents = [
    signed,
    { '@context': signed['@context'], ...(signed.proof as object) },
    issuer.credential(2, {
      type: 'AcademicTitleCredential',
      credentialSubject: academicTitleSubject(),
    }),
    issuer.credential(3, {
      type: 'RecognitionDecisionCredential',
      credentialSubject: recognitionDecisionSubject(),
      issuer: { id: issuer.did, name: 'Oficina (ficticia)' },
    }),
    buildStatusListCredential({
      id: issuer.lists.revocation.url,
      issuer: issuer.did,
      purpose: 'revocation',
      encodedList: await encodeList(createBitstring()),
      validFrom: new Date('2026-01-01T00:00:00Z'),
    }),
    // Type-scoped contexts do not propagate: entering and leaving them, nested, must map each
    // `inner` by the context in force at its node.
    {
      '@context': {
        '@version': 1.1,
        ex: 'https://example.org/',
        Outer: { '@id': 'ex:Outer', '@context': { inner: 'ex:innerScoped' } },
        child: { '@id': 'ex:child', '@type': '@id' },
        inner: 'ex:innerDefault',
      },
      '@id': 'https://example.org/a',
      '@type': 'Outer',
      inner: 'a',
      child: {
        '@id': 'https://example.org/b',
        inner: 'b',
        child: {
          '@id': 'https://example.org/c',
          '@type': 'Outer',
          inner: 'c',
          child: { '@id': 'https://example.org/d', inner: 'd' },
        },
      },
    },
  ];
});

describe('shareJsonLdTermDefinitions', () => {
  it('is for exactly the jsonld.js version package.json pins and npm installed', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { dependencies: Record<string, string> };
    expect(manifest.dependencies.jsonld).toBe(CHECKED_JSONLD_VERSION);
    expect(installedJsonLdVersion()).toBe(CHECKED_JSONLD_VERSION);
  });

  it('refuses any other jsonld.js version and patches nothing', () => {
    const initial = jsonldContext.getInitialContext({}) as { clone: unknown };
    const { clone } = initial;
    const { getProcessed, setProcessed } = ResolvedContext.prototype;
    for (const jsonldVersion of ['9.0.1', '9.1.0', '10.0.0', '9.0.0-rc.1', '8.3.3']) {
      expect(shareJsonLdTermDefinitions({ jsonldVersion })).toBe(false);
    }
    expect(initial.clone).toBe(clone);
    expect(ResolvedContext.prototype.getProcessed).toBe(getProcessed);
    expect(ResolvedContext.prototype.setProcessed).toBe(setProcessed);
  });

  it('leaves canonical N-Quads, signatures and protected-term errors unchanged', async () => {
    const before = await Promise.all(documents.map(canonize));
    for (const [node, term] of [
      ['a', 'innerScoped'],
      ['b', 'innerDefault'],
      ['c', 'innerScoped'],
      ['d', 'innerDefault'],
    ]) {
      expect(before.at(-1)).toContain(
        `<https://example.org/${node}> <https://example.org/${term}> "${node}"`,
      );
    }
    const redefinition = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        issuer.contextUrl,
        { institution: 'https://example.org/x' },
      ],
      type: ['VerifiableCredential'],
      issuer: issuer.did,
      credentialSubject: { institution: 'x' },
    };
    await expect(canonize(redefinition)).rejects.toThrow(/protected term/);

    expect(shareJsonLdTermDefinitions()).toBe(true);
    expect(shareJsonLdTermDefinitions()).toBe(true);
    // Twice, so the second pass runs on contexts processed and cached under the shared maps.
    for (let pass = 0; pass < 2; pass++) {
      expect(await Promise.all(documents.map(canonize))).toEqual(before);
    }
    await expect(canonize(redefinition)).rejects.toThrow(/protected term/);
    const result = await verifyCredential({
      credential: documents[0],
      documentLoader: issuer.documentLoader,
    });
    expect(result.status).toBe('VALID');
  });

  it('keeps scoped redefinitions local to their scope', async () => {
    // identityDocument's property-scoped context redefines `type`; outside it `type` is @type again.
    const loader = createDocumentLoader({
      ourContextUrl: issuer.contextUrl,
      ourContext: issuer.ourContext,
    });
    const credential = issuer.credential(4, {
      type: 'AcademicTitleCredential',
      credentialSubject: academicTitleSubject(),
    });
    const nquads = await eddsaRdfc2022.canonize(credential, {
      documentLoader: loader,
      safe: true,
      base: null,
    });
    expect(nquads).toContain('<urn:reconoce:vocab#documentType> "CEDULA"');
    expect(nquads).toContain(
      '<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <urn:reconoce:vocab#AcademicTitleCredential>',
    );
  });
});
