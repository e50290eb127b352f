// Sample credential subjects of each type, as functions returning fresh copies, and an in-memory
// issuer, for specs, scripts and the demo seed. Everything here is fictional (DOMAIN.md, "The demo
// region").
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { join } from 'node:path';
import { buildDidDocument, didWeb } from './did.js';
import { createDocumentLoader, type DocumentLoader } from './document-loader.js';
import {
  buildCredential,
  issueDataIntegrity,
  type BuildCredentialOptions,
  type Credential,
} from './issue.js';
import { generateIssuerKey, type SignerKey } from './keys.js';
import { readOurContext } from './schemas.js';
import {
  buildStatusListCredential,
  createBitstring,
  encodeList,
  setBit,
  statusEntry,
  type Bitstring,
  type StatusPurpose,
} from './status-list.js';

/** Ana Demo Salas's academic title (ve-unc). */
export function academicTitleSubject() {
  return {
    name: { givenNames: 'Ana', familyNames: 'Demo Salas' },
    identityDocument: { type: 'CEDULA', country: 'VE', last4: '0003' },
    institution: { name: 'Universidad Nacional de Caribay (ficticia)', country: 'VE' },
    programme: 'Enfermería',
    titleAsIssued: 'Licenciada en Enfermería',
    iscedLevel: 6,
    iscedField: '0913',
    dateAwarded: '2015-07-15',
    legalisation: 'ALT_MECHANISM',
  };
}

/** María Demo Rivas's competency certificate (co-ens, std-co-cuid). */
export function competencyCertificationSubject() {
  return {
    name: { givenNames: 'María', familyNames: 'Demo Rivas' },
    identityDocument: { type: 'PPT', country: 'CO', last4: '0001' },
    standards: [
      { code: '299903010', version: '1', title: 'Cuidado de personas mayores (ficticia)' },
    ],
    unitsAchieved: ['299903010-01', '299903010-02'],
    result: 'COMPETENT',
    assessmentCentre: { name: 'Entidad Nacional de Saberes (ficticia)', country: 'CO' },
    assessmentDate: '2022-05-10',
    isco08: '5322',
    nationalLevel: { framework: 'CO-MNC', level: 3 },
  };
}

/** co-men-demo's recognition decision on Ana Demo Salas's title. */
export function recognitionDecisionSubject() {
  return {
    name: { givenNames: 'Ana', familyNames: 'Demo Salas' },
    identityDocument: { type: 'PPT', country: 'CO', last4: '0003' },
    authority: {
      name: 'Oficina de Convalidaciones – Ministerio de Educación (ficticia)',
      country: 'CO',
    },
    procedure: 'Convalidación',
    criterion: 'ACADEMIC_EVALUATION',
    decisionNumber: 'DEMO-RES-2023-0001',
    decisionDate: '2023-09-12',
    outcome: 'GRANTED',
    equivalentTitle: 'Profesional en Enfermería',
    equivalentLevel: { framework: 'CO-MNC', level: 6 },
    effects: ['ACADEMIC', 'PROFESSIONAL_PRACTICE'],
    conditions: [],
    recognisedCredential: {
      summary: {
        institution: { name: 'Universidad Nacional de Caribay (ficticia)', country: 'VE' },
        programme: 'Enfermería',
        titleAsIssued: 'Licenciada en Enfermería',
        iscedLevel: 6,
        iscedField: '0913',
        dateAwarded: '2015-07-15',
        legalisation: 'ALT_MECHANISM',
      },
      reference: { id: 'urn:uuid:6f1c9c3e-0f43-4d36-9f0e-2a3d3c0b9a01' },
    },
  };
}

/** An issuer with its DID document, keys and status lists kept in memory (specs and scripts). */
export interface FixtureIssuer {
  baseUrl: string;
  did: string;
  signer: SignerKey;
  contextUrl: string;
  ourContext: Record<string, unknown>;
  /** Published keys; remove one to simulate a key that left the DID document. */
  publishedKeys: { id: string; publicKeyMultibase: string }[];
  lists: Record<StatusPurpose, { url: string; bits: Bitstring }>;
  /** Loader answering this issuer's DID document and signed status lists. */
  documentLoader: DocumentLoader;
  /** A fresh unsigned credential of this issuer with status entries at `index`. */
  credential(index?: number, overrides?: Partial<BuildCredentialOptions>): Credential;
  /** The canonical N-Quads of a document as `eddsa-rdfc-2022` hashes them, with this loader. */
  canonize(document: object): Promise<string>;
  /** Sets a status bit; the list credential is re-signed on the next load. */
  setStatus(purpose: StatusPurpose, index: number, value: boolean): void;
}

/**
 * Creates an in-memory issuer under `baseUrl` (did:web, one Ed25519 key, revocation and
 * suspension lists) for specs and scripts that need the whole signing/verifying loop offline.
 */
export async function createFixtureIssuer(
  options: { baseUrl?: string; slug?: string; schemasDir?: string } = {},
): Promise<FixtureIssuer> {
  const baseUrl = options.baseUrl ?? 'http://localhost:3000';
  const did = didWeb(baseUrl, ['issuers', options.slug ?? 'co-ens']);
  const signer: SignerKey = {
    verificationMethodId: `${did}#key-1`,
    ...(await generateIssuerKey()),
  };
  const contextUrl = `${baseUrl}/contexts/v1`;
  const ourContext = readOurContext(options.schemasDir ?? join(process.cwd(), 'schemas'));
  const publishedKeys = [
    { id: signer.verificationMethodId, publicKeyMultibase: signer.publicKeyMultibase },
  ];
  const lists = {
    revocation: {
      url: `${baseUrl}/status-lists/${options.slug ?? 'co-ens'}-revocation`,
      bits: createBitstring(),
    },
    suspension: {
      url: `${baseUrl}/status-lists/${options.slug ?? 'co-ens'}-suspension`,
      bits: createBitstring(),
    },
  };
  const signed = new Map<string, Promise<Credential>>();
  const documentLoader: DocumentLoader = createDocumentLoader({
    ourContextUrl: contextUrl,
    ourContext,
    resolveLocal: async (url) => {
      if (url === did) return buildDidDocument(did, publishedKeys);
      const purpose = (Object.keys(lists) as StatusPurpose[]).find((p) => lists[p].url === url);
      if (!purpose) return undefined;
      let list = signed.get(purpose);
      if (!list) {
        list = encodeList(lists[purpose].bits).then((encodedList) =>
          issueDataIntegrity({
            credential: buildStatusListCredential({
              id: url,
              issuer: did,
              purpose,
              encodedList,
              validFrom: new Date('2020-01-01T00:00:00Z'),
            }),
            signer,
            documentLoader,
          }),
        );
        signed.set(purpose, list);
      }
      return list;
    },
  });
  return {
    baseUrl,
    did,
    signer,
    contextUrl,
    ourContext,
    publishedKeys,
    lists,
    documentLoader,
    credential: (index = 0, overrides = {}) =>
      buildCredential({
        id: `urn:uuid:00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        type: 'CompetencyCertificationCredential',
        issuer: did,
        validFrom: new Date('2022-05-10T00:00:00Z'),
        credentialSubject: competencyCertificationSubject(),
        contextUrl,
        schemaUrl: `${baseUrl}/schemas/CompetencyCertificationCredential.json`,
        credentialStatus: (['revocation', 'suspension'] as const).map((purpose) =>
          statusEntry({ listCredentialUrl: lists[purpose].url, index, purpose }),
        ),
        ...overrides,
      }),
    canonize: (document) =>
      eddsaRdfc2022.canonize(document, { documentLoader, safe: true, base: null }),
    setStatus: (purpose, index, value) => {
      setBit(lists[purpose].bits, index, value);
      signed.delete(purpose);
    },
  };
}
