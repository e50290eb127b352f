import jsonld from 'jsonld';
import { join } from 'node:path';
import { buildDidDocument } from './did.js';
import {
  createDocumentLoader,
  DocumentNotAvailableError,
  PINNED_CONTEXTS,
} from './document-loader.js';
import {
  academicTitleSubject,
  competencyCertificationSubject,
  recognitionDecisionSubject,
} from './fixtures.js';
import { generateIssuerKey } from './keys.js';
import { CREDENTIAL_TYPES, loadSchemas, readOurContext } from './schemas.js';

const SCHEMAS_DIR = join(process.cwd(), 'schemas');
const OUR_CONTEXT_URL = 'http://localhost:3000/contexts/v1';
const ourContext = readOurContext(SCHEMAS_DIR);
const DID = 'did:web:localhost%3A3000:issuers:co-ens';

describe('createDocumentLoader', () => {
  it('answers every pinned context and ours, marked static for the jsonld cache', async () => {
    const loader = createDocumentLoader({ ourContextUrl: OUR_CONTEXT_URL, ourContext });
    for (const url of [
      'https://www.w3.org/ns/credentials/v2',
      'https://www.w3.org/2018/credentials/v1',
      'https://w3id.org/security/data-integrity/v2',
      'https://w3id.org/security/multikey/v1',
      'https://www.w3.org/ns/did/v1',
      'https://www.w3.org/ns/credentials/status/v1',
      'https://w3id.org/security/suites/ed25519-2020/v1',
    ]) {
      expect(PINNED_CONTEXTS.has(url)).toBe(true);
      const { document, tag } = await loader(url);
      expect(document['@context']).toBeDefined();
      expect(tag).toBe('static');
    }
    expect((await loader(OUR_CONTEXT_URL)).document).toBe(ourContext);
  });

  it('resolves did:key documents and verification methods offline', async () => {
    const { publicKeyMultibase } = await generateIssuerKey();
    const loader = createDocumentLoader({ ourContextUrl: OUR_CONTEXT_URL, ourContext });
    const vm = `did:key:${publicKeyMultibase}#${publicKeyMultibase}`;
    expect((await loader(`did:key:${publicKeyMultibase}`)).document.id).toBe(
      `did:key:${publicKeyMultibase}`,
    );
    expect((await loader(vm)).document).toMatchObject({ id: vm, type: 'Multikey' });
  });

  it('asks resolveLocal for our documents and answers verification methods from them', async () => {
    const { publicKeyMultibase } = await generateIssuerKey();
    const didDocument = buildDidDocument(DID, [{ id: `${DID}#key-1`, publicKeyMultibase }]);
    const asked: string[] = [];
    const loader = createDocumentLoader({
      ourContextUrl: OUR_CONTEXT_URL,
      ourContext,
      resolveLocal: (url) => {
        asked.push(url);
        return Promise.resolve(url === DID ? didDocument : undefined);
      },
    });
    expect((await loader(DID)).document).toBe(didDocument);
    expect((await loader(`${DID}#key-1`)).document).toEqual({
      '@context': didDocument['@context'],
      id: `${DID}#key-1`,
      type: 'Multikey',
      controller: DID,
      publicKeyMultibase,
    });
    await expect(loader(`${DID}#key-2`)).rejects.toThrow(/is not published/);
    expect(asked).toEqual([DID, DID, DID]);
  });

  it('refuses anything else without fetching it', async () => {
    const loader = createDocumentLoader({
      ourContextUrl: OUR_CONTEXT_URL,
      ourContext,
      resolveLocal: () => Promise.resolve(undefined),
    });
    for (const url of [
      'https://example.org/context.jsonld',
      'did:web:example.org',
      'did:key:zDnae',
    ]) {
      await expect(loader(url)).rejects.toThrow(DocumentNotAvailableError);
    }
    await expect(loader('https://example.org/x')).rejects.toThrow(/never fetched/);
  });

  it('reports a failing resolveLocal as not available, with its cause', async () => {
    const loader = createDocumentLoader({
      ourContextUrl: OUR_CONTEXT_URL,
      ourContext,
      resolveLocal: () => Promise.reject(new Error('database down')),
    });
    await expect(loader(DID)).rejects.toMatchObject({
      name: 'DocumentNotAvailableError',
      cause: { message: 'database down' },
    });
  });

  it('throws TypeError on misuse', () => {
    expect(() => createDocumentLoader({ ourContextUrl: '', ourContext })).toThrow(TypeError);
    expect(() => createDocumentLoader({ ourContextUrl: OUR_CONTEXT_URL, ourContext: {} })).toThrow(
      TypeError,
    );
  });
});

describe('our JSON-LD context', () => {
  const loader = createDocumentLoader({ ourContextUrl: OUR_CONTEXT_URL, ourContext });
  const ISSUER_DEPENDENT = 'https://www.w3.org/ns/credentials/issuer-dependent#';

  function iris(node: unknown, found = new Set<string>()): Set<string> {
    if (Array.isArray(node)) node.forEach((item) => iris(item, found));
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (!key.startsWith('@')) found.add(key);
        if (key === '@type') [value].flat().forEach((type) => found.add(String(type)));
        iris(value, found);
      }
    }
    return found;
  }

  const subjects = {
    AcademicTitleCredential: () => ({
      ...academicTitleSubject(),
      id: 'urn:uuid:1b0c5a0e-9d7a-4d8e-8d15-0c9a1f3e2b11',
      nationalLevel: { framework: 'VE-DEMO', level: 6 },
    }),
    CompetencyCertificationCredential: competencyCertificationSubject,
    RecognitionDecisionCredential: () => ({
      ...recognitionDecisionSubject(),
      conditions: ['Examen de habilitación profesional'],
    }),
  };

  it.each(CREDENTIAL_TYPES)(
    'defines every term of a %s (no issuer-dependent IRIs)',
    async (type) => {
      const credential = {
        '@context': ['https://www.w3.org/ns/credentials/v2', OUR_CONTEXT_URL],
        id: 'urn:uuid:0d6f0d1e-7c1e-4a8a-9a58-4f7f0c2d5e10',
        type: ['VerifiableCredential', type],
        issuer: DID,
        validFrom: '2026-01-01T00:00:00Z',
        credentialSubject: subjects[type](),
      };
      const expanded = await jsonld.expand(credential, { documentLoader: loader, safe: true });
      const used = [...iris(expanded)];
      expect(used.filter((iri) => iri.startsWith(ISSUER_DEPENDENT))).toEqual([]);
      expect(used).toContain(`urn:reconoce:vocab#${type}`);
    },
  );

  it('covers every property named in the JSON Schemas', () => {
    const schemas = loadSchemas(SCHEMAS_DIR);
    const terms = new Set(Object.keys(ourContext['@context'] as object));
    const fromVcV2 = new Set(['id', 'type', 'name', 'digestMultibase']);
    const names = new Set<string>();
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const properties = (node as { properties?: object }).properties;
        if (properties) Object.keys(properties).forEach((key) => names.add(key));
        Object.values(node).forEach(walk);
      }
    };
    for (const type of CREDENTIAL_TYPES) {
      walk(schemas.documents.get(type)?.$defs ?? {});
    }
    const undefinedTerms = [...names].filter((name) => !terms.has(name) && !fromVcV2.has(name));
    expect(undefinedTerms).toEqual([]);
  });
});
