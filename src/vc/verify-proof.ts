import * as vc from '@digitalbazaar/vc';
import { compactVerify, decodeProtectedHeader, importJWK, type JWK } from 'jose';
import jsigs, { type ProofResult } from 'jsonld-signatures';
import { verificationSuites } from './cryptosuite.js';
import { DocumentNotAvailableError, type DocumentLoader } from './document-loader.js';
import { publicKeyMultibaseToJwk } from './keys.js';
import { asArray, isRecord, issuerOf, type Check } from './verify-checks.js';

// The proof check: Data Integrity (eddsa-rdfc-2022, Ed25519Signature2020) and VC-JWT.

/** Whether a failure was caused by a document that the offline loader would not load. */
function unavailable(error: unknown, depth = 0): DocumentNotAvailableError | undefined {
  if (!error || typeof error !== 'object' || depth > 8) return undefined;
  if (error instanceof DocumentNotAvailableError) return error;
  const { cause, details } = error as { cause?: unknown; details?: { cause?: unknown } };
  return unavailable(cause, depth + 1) ?? unavailable(details?.cause, depth + 1);
}

function describeProofFailure(result: {
  results?: ProofResult[];
  error?: Error | Error[];
}): Pick<Check, 'code' | 'message'> {
  const proofResult = result.results?.[0];
  const purposeError =
    proofResult?.purposeResult?.valid === false ? proofResult.purposeResult.error : undefined;
  const error = purposeError ?? proofResult?.error ?? asArray(result.error)[0];
  const message = error instanceof Error ? error.message : 'The proof did not verify';
  const missing = unavailable(error);
  if (missing) {
    return { code: 'VERIFICATION_METHOD_UNAVAILABLE', message: `${missing.message}` };
  }
  if (purposeError) {
    if (/issuer must match/i.test(message)) {
      return {
        code: 'KEY_NOT_ISSUERS',
        message: `The signing key is not the issuer's: ${message}`,
      };
    }
    return { code: 'KEY_NOT_AUTHORISED', message };
  }
  if (/invalid signature/i.test(message)) {
    return { code: 'SIGNATURE_INVALID', message: 'The signature does not match the credential' };
  }
  if (error instanceof Error && error.name === 'NotFoundError') {
    return { code: 'UNSUPPORTED_PROOF', message };
  }
  if (/no matching proofs/i.test(message)) {
    return {
      code: 'UNSUPPORTED_PROOF',
      message:
        'No proof of a supported type (DataIntegrityProof eddsa-rdfc-2022, Ed25519Signature2020)',
    };
  }
  return { code: 'PROOF_INVALID', message };
}

/**
 * The `proof` check of a Data Integrity credential with jsonld-signatures: a supported proof whose
 * signature verifies, by a key whose controller is the issuer and lists it as an assertion method.
 */
export async function verifyDataIntegrity(
  credential: Record<string, unknown>,
  documentLoader: DocumentLoader,
): Promise<{ check: Check; verificationMethod?: string }> {
  if (!('proof' in credential)) {
    return {
      check: {
        id: 'proof',
        status: 'failed',
        code: 'PROOF_MISSING',
        message: 'The credential is not signed',
      },
    };
  }
  let result: Awaited<ReturnType<typeof jsigs.verify>>;
  try {
    result = await jsigs.verify(credential, {
      suite: verificationSuites(),
      purpose: new vc.CredentialIssuancePurpose(),
      documentLoader,
    });
  } catch (error) {
    result = { verified: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
  if (!result.verified)
    return { check: { id: 'proof', status: 'failed', ...describeProofFailure(result) } };
  const verified = result.results?.find((r) => r.verified);
  const verificationMethod = verified?.verificationMethod?.id as string | undefined;
  const proof = verified?.proof ?? {};
  const kind =
    proof.type === 'DataIntegrityProof'
      ? `DataIntegrityProof ${String(proof.cryptosuite)}`
      : String(proof.type);
  return {
    check: {
      id: 'proof',
      status: 'passed',
      code: 'PROOF_VALID',
      message: `${kind} proof by ${verificationMethod ?? 'an authorised key'}`,
    },
    verificationMethod,
  };
}

function failedProof(code: string, message: string): { check: Check } {
  return { check: { id: 'proof', status: 'failed', code, message } };
}

async function publicJwkOf(method: Record<string, unknown>): Promise<JWK> {
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
