import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import didContext from 'did-context';
import ed25519Signature2020Context from 'ed25519-signature-2020-context';
import { FOREIGN_CONTEXTS } from './contexts/index.js';
import { resolveDidKey } from './did.js';

/** What a JSON-LD document loader answers (the jsonld.js RemoteDocument shape). */
export interface RemoteDocument {
  contextUrl: null;
  documentUrl: string;
  document: Record<string, unknown>;
  /** `static`: jsonld.js may cache the processed context across operations. */
  tag?: 'static';
}

/** A jsonld.js / jsonld-signatures document loader. */
export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

export interface DocumentLoaderOptions {
  /** The URL under which our own context is published (e.g. `<PUBLIC_BASE_URL>/contexts/v1`). */
  ourContextUrl: string;
  /** Our context document (`schemas/context-v1.jsonld`). */
  ourContext: object;
  /**
   * Answers our own documents — DID documents of our issuers and status list credentials — or
   * `undefined` when the URL is not ours. Called with URLs without a fragment; verification
   * method URLs (`did…#key-1`) are answered from the DID document it returns.
   */
  resolveLocal?: (url: string) => Promise<object | undefined>;
}

/** Thrown by the document loader for a URL it will not load. */
export class DocumentNotAvailableError extends Error {
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DocumentNotAvailableError';
  }
}

/**
 * The JSON-LD contexts this registry loads, pinned from npm packages: VC v1/v2 (v2 includes the
 * Bitstring Status List terms), Data Integrity v1/v2, Multikey v1, DID v1, Bitstring Status List v1
 * and Ed25519Signature2020 (for credentials from older issuers); and, for foreign credentials,
 * copies kept in `contexts/`: the W3C examples v1 (with ODRL) and v2, StatusList2021 and Open
 * Badges 3.0.
 */
export const PINNED_CONTEXTS: ReadonlyMap<string, object> = new Map<string, object>([
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...didContext.contexts,
  ...statusListContexts,
  ...ed25519Signature2020Context.contexts,
  ...FOREIGN_CONTEXTS,
]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The node with this id inside a DID document: a verification method, listed or embedded.
function findNode(
  document: Record<string, unknown>,
  id: string,
): Record<string, unknown> | undefined {
  const relations = [
    'verificationMethod',
    'assertionMethod',
    'authentication',
    'capabilityInvocation',
    'capabilityDelegation',
    'keyAgreement',
  ];
  for (const relation of relations) {
    const values = document[relation];
    if (!Array.isArray(values)) continue;
    const node: unknown = values.find((value) => isRecord(value) && value.id === id);
    if (isRecord(node)) return node;
  }
  return undefined;
}

/**
 * Creates an offline JSON-LD document loader. It answers pinned contexts (see
 * {@link PINNED_CONTEXTS}) and our own context, resolves did:key DIDs locally, and asks
 * `resolveLocal` for anything else (our DID documents and status lists). Every other URL is
 * refused with a {@link DocumentNotAvailableError}: this loader never fetches from the network
 * (with network resolution on, the caller fetches foreign DID documents beforehand and hands
 * them in through `resolveLocal`).
 *
 * @throws TypeError when the options are incomplete.
 */
export function createDocumentLoader(options: DocumentLoaderOptions): DocumentLoader {
  const { ourContextUrl, ourContext, resolveLocal } = options ?? {};
  if (typeof ourContextUrl !== 'string' || ourContextUrl === '') {
    throw new TypeError('ourContextUrl must be a non-empty string');
  }
  if (!isRecord(ourContext) || !isRecord(ourContext['@context'])) {
    throw new TypeError('ourContext must be a JSON-LD context document with an "@context" object');
  }
  if (resolveLocal !== undefined && typeof resolveLocal !== 'function') {
    throw new TypeError('resolveLocal must be a function when given');
  }
  const contexts = new Map<string, object>(PINNED_CONTEXTS);
  contexts.set(ourContextUrl, ourContext);

  return async function documentLoader(url: string): Promise<RemoteDocument> {
    if (typeof url !== 'string') {
      throw new DocumentNotAvailableError(String(url), 'A document URL must be a string');
    }
    const context = contexts.get(url);
    if (context !== undefined) {
      return {
        contextUrl: null,
        documentUrl: url,
        document: context as Record<string, unknown>,
        tag: 'static',
      };
    }
    if (url.startsWith('did:key:')) {
      try {
        return { contextUrl: null, documentUrl: url, document: await resolveDidKey(url) };
      } catch (error) {
        throw new DocumentNotAvailableError(
          url,
          `Cannot resolve "${url}": not an Ed25519 did:key`,
          {
            cause: error,
          },
        );
      }
    }
    const hash = url.indexOf('#');
    const base = hash === -1 ? url : url.slice(0, hash);
    let local: object | undefined;
    try {
      local = resolveLocal ? await resolveLocal(base) : undefined;
    } catch (error) {
      throw new DocumentNotAvailableError(url, `Could not load "${url}" from the registry`, {
        cause: error,
      });
    }
    if (!isRecord(local)) {
      throw new DocumentNotAvailableError(
        url,
        `Refused to load "${url}": it is neither a pinned context nor a document of this registry, and documents are never fetched from the network`,
      );
    }
    if (hash === -1) return { contextUrl: null, documentUrl: url, document: local };
    const node = findNode(local, url);
    if (!node) {
      throw new DocumentNotAvailableError(
        url,
        `"${url}" is not published in the document "${base}"`,
      );
    }
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': local['@context'], ...node },
    };
  };
}
