import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as vc from '@digitalbazaar/vc';
import { CompactSign } from 'jose';
import { eddsaRdfc2022Cryptosuite } from './cryptosuite.js';
import type { DocumentLoader } from './document-loader.js';
import { importSigningKey, type SignerKey } from './keys.js';

export const VC_V2_CONTEXT_URL = 'https://www.w3.org/ns/credentials/v2';

/** A credential as JSON: the unsigned input or the signed output. */
export type Credential = Record<string, unknown>;

/** A `BitstringStatusListEntry` (see status-list.ts). */
export interface StatusEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: 'revocation' | 'suspension';
  statusListIndex: string;
  statusListCredential: string;
}

export interface BuildCredentialOptions {
  /** `urn:uuid:…` or a URL. */
  id: string;
  /** One of our credential types, e.g. `CompetencyCertificationCredential`. */
  type: string;
  /** The issuer's DID, or `{id, name}` to show the issuer's name. */
  issuer: string | { id: string; name?: string };
  validFrom: Date;
  validUntil?: Date;
  credentialSubject: Record<string, unknown>;
  /** Our published JSON-LD context. */
  contextUrl: string;
  /** Where the JSON Schema of this type is published. */
  schemaUrl: string;
  credentialStatus?: StatusEntry[];
}

/** Formats a date as an XML Schema dateTimeStamp in UTC without milliseconds. */
export function xsdDateTime(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new TypeError(`"${String(date)}" is not a valid date`);
  }
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Composes an unsigned VC Data Model 2.0 credential of one of our types: contexts (VC v2, then
 * ours), types, issuer, validity window, subject, `credentialSchema` and `credentialStatus`.
 *
 * @throws TypeError when `validUntil` is not after `validFrom` or a date is invalid.
 */
export function buildCredential(options: BuildCredentialOptions): Credential {
  const { id, type, issuer, validFrom, validUntil, credentialSubject } = options;
  if (validUntil && validUntil.getTime() <= validFrom.getTime()) {
    throw new TypeError('validUntil must be after validFrom');
  }
  const credential: Credential = {
    '@context': [VC_V2_CONTEXT_URL, options.contextUrl],
    id,
    type: ['VerifiableCredential', type],
    issuer,
    validFrom: xsdDateTime(validFrom),
    ...(validUntil ? { validUntil: xsdDateTime(validUntil) } : {}),
    credentialSubject,
    credentialSchema: { id: options.schemaUrl, type: 'JsonSchema' },
  };
  if (options.credentialStatus?.length) credential.credentialStatus = options.credentialStatus;
  return credential;
}

function issuerId(credential: Credential): unknown {
  const { issuer } = credential;
  return typeof issuer === 'object' && issuer !== null ? (issuer as { id?: unknown }).id : issuer;
}

// Misuse checks shared by both formats: a VC 2.0 credential, unsigned, issued by the signer's DID.
function assertSignable(credential: Credential, signer: SignerKey): void {
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    throw new TypeError('credential must be an object');
  }
  const context = credential['@context'];
  if (!Array.isArray(context) || context[0] !== VC_V2_CONTEXT_URL) {
    throw new TypeError(
      `credential["@context"] must be an array starting with "${VC_V2_CONTEXT_URL}"`,
    );
  }
  if ('proof' in credential) throw new TypeError('credential is already signed (it has a proof)');
  if (!signer || typeof signer.verificationMethodId !== 'string') {
    throw new TypeError('signer.verificationMethodId is required');
  }
  const controller = signer.verificationMethodId.split('#')[0];
  if (issuerId(credential) !== controller) {
    throw new TypeError(
      `credential.issuer must be the DID of the signing key (${controller}), not ${JSON.stringify(issuerId(credential))}`,
    );
  }
}

export interface IssueDataIntegrityOptions {
  credential: Credential;
  signer: SignerKey;
  documentLoader: DocumentLoader;
  /** The proof's `created` time; the current time when omitted. */
  now?: Date;
}

/**
 * Signs a VC Data Model 2.0 credential with a Data Integrity proof, cryptosuite
 * `eddsa-rdfc-2022`, using `@digitalbazaar/vc`. The imported key is cached per verification
 * method, pinned contexts are cached by jsonld.js across calls (the loader marks them static) and
 * so is the canonical form of repeated proof options.
 *
 * @returns a new object: the credential with its `proof`; the input is not modified.
 * @throws TypeError on misuse (not VC 2.0, already signed, issuer not the key's DID); an Error when
 *   the credential cannot be signed (e.g. a term undefined in safe mode, a context not available).
 */
export async function issueDataIntegrity(options: IssueDataIntegrityOptions): Promise<Credential> {
  const { credential, signer, documentLoader, now } = options;
  assertSignable(credential, signer);
  if (typeof documentLoader !== 'function') throw new TypeError('documentLoader is required');
  const key = await importSigningKey(signer);
  const suite = new DataIntegrityProof({
    signer: key.signer,
    cryptosuite: eddsaRdfc2022Cryptosuite,
    date: now ? xsdDateTime(now) : undefined,
  });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader, now });
}

export interface IssueJwtOptions {
  credential: Credential;
  signer: SignerKey;
}

/**
 * Secures a VC Data Model 2.0 credential as a compact JWS per VC-JOSE-COSE: protected header
 * `{alg: 'EdDSA', typ: 'vc+jwt', kid: <verification method id>}`, payload the credential itself
 * (no `vc` wrapper, no proof), signed with the same Ed25519 key through `jose`.
 *
 * @throws TypeError on misuse (not VC 2.0, already signed, issuer not the key's DID).
 */
export async function issueJwt(options: IssueJwtOptions): Promise<string> {
  const { credential, signer } = options;
  assertSignable(credential, signer);
  const key = await importSigningKey(signer);
  return new CompactSign(new TextEncoder().encode(JSON.stringify(credential)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: key.verificationMethodId })
    .sign(key.privateKey);
}
