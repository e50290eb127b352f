import * as vc from '@digitalbazaar/vc';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from './document-loader.js';
import { publicKeyMultibaseToJwk } from './keys.js';
import { asArray, isRecord, issuerOf, type Check } from './verify-checks.js';
import { verifyProofSet, type ProofOutcome, type ProofPurpose } from './verify-proof-set.js';

// The proof check: Data Integrity (eddsa-rdfc-2022, Ed25519Signature2020) and VC-JWT.

/** The purposes a credential's proofs are held to (see {@link verifyDataIntegrity}). */
function credentialPurposeFor(issuer: unknown) {
  return (proof: Record<string, unknown>): ProofPurpose => {
    const method = String(proof.verificationMethod);
    if (method.split('#')[0] === issuer) {
      return new vc.CredentialIssuancePurpose() as unknown as ProofPurpose;
    }
    return new jsigs.purposes.ControllerProofPurpose({
      term: String(proof.proofPurpose),
    }) as unknown as ProofPurpose;
  };
}

/**
 * The `proof` check of a Data Integrity credential, over every proof it carries (a set, a chain):
 * each must verify (Data Integrity §4.5–4.6, adopted as policy). The issuer's proof — by a key of
 * the issuer, listed as its assertion method — is required; any other proof is an endorsement,
 * verified with its own purpose and reported as its own `endorsement` check. One failing proof
 * fails the check, naming it.
 */
export async function verifyDataIntegrity(
  credential: Record<string, unknown>,
  documentLoader: DocumentLoader,
): Promise<{
  check: Check;
  verificationMethod?: string;
  proofs: ProofOutcome[];
  endorsements: Check[];
}> {
  if (!('proof' in credential) || asArray(credential.proof).length === 0) {
    return {
      check: {
        id: 'proof',
        status: 'failed',
        code: 'PROOF_MISSING',
        message: 'The credential is not signed',
      },
      proofs: [],
      endorsements: [],
    };
  }
  const issuer = issuerOf(credential);
  const proofs = await verifyProofSet({
    document: credential,
    documentLoader,
    purposeFor: credentialPurposeFor(issuer),
  });
  const many = proofs.length > 1;
  const name = (outcome: ProofOutcome) => (many ? `proof ${outcome.index}: ` : '');
  const byIssuer = (outcome: ProofOutcome) => outcome.verificationMethod?.split('#')[0] === issuer;
  const endorsements: Check[] = proofs
    .filter((outcome) => outcome.verified && !byIssuer(outcome))
    .map((outcome) => ({
      id: 'endorsement',
      status: 'passed',
      code: 'ENDORSEMENT_VALID',
      message: `${name(outcome)}${outcome.message}, endorsing the credential`,
    }));
  const failed = proofs.find((outcome) => !outcome.verified);
  if (failed) {
    return {
      check: {
        id: 'proof',
        status: 'failed',
        code: failed.code,
        message: `${name(failed)}${failed.message}`,
      },
      proofs,
      endorsements,
    };
  }
  const issuers = proofs.filter(byIssuer);
  if (issuers.length === 0) {
    return {
      check: {
        id: 'proof',
        status: 'failed',
        code: 'KEY_NOT_ISSUERS',
        message: `No proof is by a key of the issuer ${String(issuer)}`,
      },
      proofs,
      endorsements,
    };
  }
  return {
    check: {
      id: 'proof',
      status: 'passed',
      code: 'PROOF_VALID',
      message: issuers.map((outcome) => outcome.message).join('; '),
    },
    verificationMethod: issuers[0].verificationMethod,
    proofs,
    endorsements,
  };
}

function failedProof(code: string, message: string): { check: Check } {
  return { check: { id: 'proof', status: 'failed', code, message } };
}

/** The Ed25519 public key of a verification method (Multikey or JWK) as a JWK. */
export async function publicJwkOf(method: Record<string, unknown>): Promise<JWK> {
  if (typeof method.publicKeyMultibase === 'string')
    return publicKeyMultibaseToJwk(method.publicKeyMultibase);
  if (isRecord(method.publicKeyJwk)) {
    const { kty, crv, x } = method.publicKeyJwk;
    if (kty === 'OKP' && crv === 'Ed25519' && typeof x === 'string') return { kty, crv, x };
  }
  throw new TypeError(`Verification method ${String(method.id)} has no Ed25519 public key`);
}

/**
 * The `proof` check of a VC-JWT: `typ` vc+jwt, EdDSA, `kid` a verification method controlled by
 * the issuer and listed as its assertion method, and the signature under that key.
 */
export async function verifyJwt(
  jwt: string,
  credential: Record<string, unknown>,
  documentLoader: DocumentLoader,
): Promise<{ check: Check; verificationMethod?: string }> {
  const header = decodeProtectedHeader(jwt);
  if (header.typ !== 'vc+jwt' && header.typ !== 'vc+ld+json+jwt') {
    return failedProof(
      'PROOF_INVALID',
      `The JWT "typ" must be "vc+jwt", not "${String(header.typ)}"`,
    );
  }
  if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') {
    return failedProof(
      'UNSUPPORTED_PROOF',
      `JWT algorithm "${String(header.alg)}" is not supported (EdDSA only)`,
    );
  }
  const issuer = issuerOf(credential) as string;
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  if (!kid) return failedProof('PROOF_INVALID', 'The JWT header has no "kid"');
  // A relative kid (`#key-1`) is relative to the issuer's DID.
  const methodId = kid.startsWith('#') ? `${issuer}${kid}` : kid;
  let method: Record<string, unknown>;
  let controller: Record<string, unknown>;
  try {
    method = (await documentLoader(methodId)).document;
    if (method.controller !== issuer) {
      return failedProof(
        'KEY_NOT_ISSUERS',
        `The signing key ${methodId} is not controlled by the issuer ${issuer}`,
      );
    }
    controller = (await documentLoader(issuer)).document;
  } catch (error) {
    return failedProof(
      'VERIFICATION_METHOD_UNAVAILABLE',
      error instanceof Error ? error.message : String(error),
    );
  }
  const authorised = asArray(controller.assertionMethod).some(
    (entry) => entry === methodId || (isRecord(entry) && entry.id === methodId),
  );
  if (!authorised) {
    return failedProof('KEY_NOT_AUTHORISED', `${methodId} is not an assertion method of ${issuer}`);
  }
  try {
    const key = await importJWK(await publicJwkOf(method), 'EdDSA');
    await compactVerify(jwt, key, { algorithms: ['EdDSA', 'Ed25519'] });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return /signature verification failed/i.test(message)
      ? failedProof('SIGNATURE_INVALID', 'The signature does not match the credential')
      : failedProof('PROOF_INVALID', message);
  }
  return {
    check: {
      id: 'proof',
      status: 'passed',
      code: 'PROOF_VALID',
      message: `VC-JWT (EdDSA) by ${methodId}`,
    },
    verificationMethod: methodId,
  };
}
