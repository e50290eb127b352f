import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { driver as didKeyDriver } from '@digitalbazaar/did-method-key';
import { assertEd25519PublicMultibase } from './keys.js';

export const DID_CONTEXT_V1_URL = 'https://www.w3.org/ns/did/v1';
export const MULTIKEY_CONTEXT_V1_URL = 'https://w3id.org/security/multikey/v1';

/** A Multikey verification method in a DID document. */
export interface MultikeyVerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

/** The DID documents we publish for our did:web issuers. */
export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: MultikeyVerificationMethod[];
  assertionMethod: string[];
  authentication: string[];
}

// Hosts served over plain http so that a local deployment (PUBLIC_BASE_URL=http://localhost:3000)
// resolves its own DIDs; the did:web spec otherwise mandates https.
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Builds a did:web DID for a path under the public base URL, per the did:web spec: the host, its
 * port percent-encoded (`%3A`), then each path segment (the base URL's own path first), joined by
 * `:`.
 *
 * @example didWeb('http://localhost:3000', ['issuers', 'co-ens'])
 *   // 'did:web:localhost%3A3000:issuers:co-ens'
 * @throws TypeError for a base URL that is not http(s) or an empty path segment.
 */
export function didWeb(publicBaseUrl: string, path: string[]): string {
  let url: URL;
  try {
    url = new URL(publicBaseUrl);
  } catch (error) {
    throw new TypeError(`"${publicBaseUrl}" is not a URL`, { cause: error });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`"${publicBaseUrl}" must be an http(s) URL`);
  }
  const basePath = url.pathname.split('/').filter((segment) => segment !== '');
  const segments = [...basePath.map((segment) => decodeURIComponent(segment)), ...path];
  for (const segment of segments) {
    if (typeof segment !== 'string' || segment === '') {
      throw new TypeError('did:web path segments must be non-empty strings');
    }
  }
  const authority = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  return ['did:web', authority, ...segments.map((segment) => encodeURIComponent(segment))].join(
    ':',
  );
}

/**
 * The URL of a did:web DID's document: `https://<host>/<path…>/did.json`, or
 * `/.well-known/did.json` when the DID has no path. Local hosts (`localhost`, `127.0.0.1`, `[::1]`)
 * use http so that a development deployment resolves its own DIDs.
 *
 * @throws TypeError when the value is not a did:web DID.
 */
export function didWebDocumentUrl(did: string): string {
  if (typeof did !== 'string' || !did.startsWith('did:web:')) {
    throw new TypeError(`"${String(did)}" is not a did:web DID`);
  }
  const [authority, ...segments] = did.slice('did:web:'.length).split('#')[0].split(':');
  if (!authority || segments.some((segment) => segment === '')) {
    throw new TypeError(`"${did}" is not a valid did:web DID`);
  }
  const host = decodeURIComponent(authority).toLowerCase();
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  const scheme = LOCAL_HOSTS.has(hostname) ? 'http' : 'https';
  const path =
    segments.length === 0
      ? '/.well-known/did.json'
      : `/${segments.map((segment) => encodeURIComponent(decodeURIComponent(segment))).join('/')}/did.json`;
  return `${scheme}://${host}${path}`;
}

/**
 * Builds the DID Core document of one of our issuers: each key a `Multikey` verification method
 * controlled by the DID and listed in `assertionMethod` and `authentication`.
 *
 * @param keys the published keys, each with its full verification method id (`${did}#key-1`).
 * @throws TypeError when a key id is not under the DID or a key is not an Ed25519 Multikey.
 */
export function buildDidDocument(
  did: string,
  keys: { id: string; publicKeyMultibase: string }[],
): DidDocument {
  if (typeof did !== 'string' || !did.startsWith('did:')) {
    throw new TypeError(`"${String(did)}" is not a DID`);
  }
  const verificationMethod = keys.map(({ id, publicKeyMultibase }) => {
    if (typeof id !== 'string' || !id.startsWith(`${did}#`) || id.length === did.length + 1) {
      throw new TypeError(`Verification method id "${String(id)}" must be "${did}#<fragment>"`);
    }
    assertEd25519PublicMultibase(publicKeyMultibase);
    return { id, type: 'Multikey' as const, controller: did, publicKeyMultibase };
  });
  const ids = verificationMethod.map((method) => method.id);
  return {
    '@context': [DID_CONTEXT_V1_URL, MULTIKEY_CONTEXT_V1_URL],
    id: did,
    verificationMethod,
    assertionMethod: ids,
    authentication: [...ids],
  };
}

/**
 * The did:key DID of an Ed25519 Multikey public key.
 *
 * @throws TypeError when the value is not an Ed25519 Multikey public key (`z6Mk…`).
 */
export function didKeyFromMultibase(publicKeyMultibase: string): string {
  assertEd25519PublicMultibase(publicKeyMultibase);
  return `did:key:${publicKeyMultibase}`;
}

const didKeys = didKeyDriver();
didKeys.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

/**
 * Resolves an Ed25519 did:key DID (or one of its verification method URLs) offline, with
 * `@digitalbazaar/did-method-key`: the DID document with a `Multikey` verification method, or that
 * verification method alone when the URL has a fragment.
 *
 * @throws TypeError when the value is not an Ed25519 did:key.
 */
export async function resolveDidKey(did: string): Promise<Record<string, unknown>> {
  if (typeof did !== 'string' || !did.startsWith('did:key:')) {
    throw new TypeError(`"${String(did)}" is not a did:key DID`);
  }
  const [authority, fragment] = did.split('#');
  assertEd25519PublicMultibase(authority.slice('did:key:'.length));
  if (fragment !== undefined && fragment !== authority.slice('did:key:'.length)) {
    throw new TypeError(`"${did}" names no verification method of its did:key document`);
  }
  return didKeys.get({ url: did });
}
