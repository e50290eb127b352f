import { decodeProtectedHeader, errors as joseErrors, importJWK, jwtVerify } from 'jose';
import type { DocumentLoader } from './document-loader.js';
import { asArray, isRecord, type Check } from './verify-checks.js';
import { holderOf, type PresentationProofResult } from './verify-presentation.js';
import { publicJwkOf } from './verify-proof.js';
import type { ProofOutcome } from './verify-proof-set.js';
import { isStrictCompactJwt } from './verify.js';

// A verifiable presentation secured with JOSE (VC-JOSE-COSE §3.2, w3c/vc-jose-cose at
// c5aab1e45dd819fcf30ea461b27980e993432ba6): a compact JWS whose payload is the presentation.
// VC-JOSE-COSE binds no challenge or domain; as our convention (decision 0005) the challenge is the
// JWT `nonce` claim and the domain its `aud` claim.

/** `typ` of a JWT-secured presentation: `vp+jwt` (current text), and two earlier drafts' values. */
export const PRESENTATION_JWT_TYPES: readonly string[] = ['vp+jwt', 'vp+ld+json+jwt', 'vp+ld+jwt'];

export interface PresentationJwtResult extends PresentationProofResult {
  /** The presentation (the JWT payload), when it could be read. */
  presentation?: Record<string, unknown>;
}

/**
 * Reads the payload of a JWT-secured presentation without verifying it (for the structure
 * checks that come before); undefined when it is not a strict compact JWS of a JSON object.
 */
export function readPresentationJwt(jwt: unknown): Record<string, unknown> | undefined {
  if (!isStrictCompactJwt(jwt)) return undefined;
  try {
    decodeProtectedHeader(jwt);
    const payload: unknown = JSON.parse(
      Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'),
    );
    return isRecord(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The verification method a presentation JWT names (`kid`, relative to the holder when it starts
 * with `#`), for the caller to gather its DID document; undefined when there is none.
 */
export function presentationJwtKid(jwt: string): string | undefined {
  try {
    const { kid } = decodeProtectedHeader(jwt);
    if (typeof kid !== 'string' || kid === '') return undefined;
    if (!kid.startsWith('#')) return kid;
    const holder = holderOf(readPresentationJwt(jwt) ?? {});
    return holder ? `${holder}${kid}` : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a JWT-secured presentation (`typ` vp+jwt, EdDSA) against the holder's key through the
 * given loader: `kid` a verification method listed in its controller's `authentication`, that
 * controller the presentation's `holder` when it names one, the signature, `exp`/`nbf` when
 * present, then `nonce` = the expected challenge (INVALID_CHALLENGE_ERROR) and `aud` = or
 * containing the expected domain (INVALID_DOMAIN_ERROR). The credentials inside are not verified
 * here. A presentation that does not verify is a result, never an exception.
 */
export async function verifyPresentationJwt(options: {
  jwt: string;
  challenge?: string;
  domain?: string;
  documentLoader: DocumentLoader;
  now?: Date;
}): Promise<PresentationJwtResult> {
  const { jwt, challenge, domain, documentLoader } = options;
  const now = options.now ?? new Date();
  const presentation = readPresentationJwt(jwt);
  const holder = presentation ? holderOf(presentation) : undefined;
  const nonce = presentation?.nonce;
  let header: Record<string, unknown> = {};
  try {
    header = decodeProtectedHeader(jwt);
  } catch {
    // Reported below as a malformed JWT.
  }
  const outcome = (code: string, message: string, verificationMethod?: string): ProofOutcome => ({
    index: 0,
    input: { type: 'JWT', protectedHeader: header },
    verified: code === 'PROOF_VALID',
    code,
    message,
    verificationMethod,
  });
  const finish = (result: ProofOutcome): PresentationJwtResult => {
    const checks: Check[] = [
      {
        id: 'proof',
        status: result.verified ? 'passed' : 'failed',
        code: result.code,
        message: result.message,
      },
    ];
    for (const [id, expected, code, matches] of [
      ['challenge', challenge, 'CHALLENGE_MATCHES', 'INVALID_CHALLENGE_ERROR'],
      ['domain', domain, 'DOMAIN_MATCHES', 'INVALID_DOMAIN_ERROR'],
    ] as const) {
      if (expected === undefined) continue;
      checks.push(
        result.code === matches
          ? { id, status: 'failed', code: matches, message: result.message }
          : result.verified
            ? { id, status: 'passed', code, message: `The JWT carries the ${id}` }
            : { id, status: 'skipped', code: 'NOT_CHECKED', message: 'The proof did not verify' },
      );
    }
    return {
      checks,
      proofs: [result],
      holder,
      challenge: typeof nonce === 'string' ? nonce : undefined,
      holderBound: result.verified,
      presentation,
    };
  };

  if (!presentation) {
    return finish(
      outcome('PROOF_INVALID', 'Not a compact JWS (strict base64url) of a JSON object'),
    );
  }
  if (typeof header.typ !== 'string' || !PRESENTATION_JWT_TYPES.includes(header.typ)) {
    return finish(
      outcome('PROOF_INVALID', `The JWT "typ" must be "vp+jwt", not ${JSON.stringify(header.typ)}`),
    );
  }
  if (header.alg !== 'EdDSA' && header.alg !== 'Ed25519') {
    return finish(
      outcome(
        'UNSUPPORTED_PROOF',
        `JWT algorithm ${JSON.stringify(header.alg)} is not supported (EdDSA only)`,
      ),
    );
  }
  if ('proof' in presentation) {
    return finish(outcome('PROOF_INVALID', 'A JWT-secured presentation must not carry a proof'));
  }
  const methodId = presentationJwtKid(jwt);
  if (!methodId) {
    return finish(outcome('PROOF_INVALID', 'The JWT header has no usable "kid"'));
  }
  let method: Record<string, unknown>;
  let controller: Record<string, unknown>;
  let controllerId: string;
  try {
    method = (await documentLoader(methodId)).document;
    controllerId = typeof method.controller === 'string' ? method.controller : '';
    if (controllerId === '' || controllerId !== methodId.split('#')[0]) {
      return finish(
        outcome('PROOF_INVALID', `${methodId} names no controller of its own DID`, methodId),
      );
    }
    controller = (await documentLoader(controllerId)).document;
  } catch (error) {
    return finish(
      outcome(
        'VERIFICATION_METHOD_UNAVAILABLE',
        error instanceof Error ? error.message : String(error),
        methodId,
      ),
    );
  }
  const authenticates = asArray(controller.authentication).some(
    (entry) => entry === methodId || (isRecord(entry) && entry.id === methodId),
  );
  if (!authenticates) {
    return finish(
      outcome(
        'KEY_NOT_AUTHORISED',
        `${methodId} is not an authentication method of ${controllerId}`,
        methodId,
      ),
    );
  }
  if (holder !== undefined && holder !== controllerId) {
    return finish(
      outcome(
        'HOLDER_MISMATCH',
        `The JWT is signed by ${controllerId}, not by the holder ${holder}`,
        methodId,
      ),
    );
  }
  try {
    const key = await importJWK(await publicJwkOf(method), 'EdDSA');
    await jwtVerify(jwt, key, { algorithms: ['EdDSA', 'Ed25519'], currentDate: now });
  } catch (error) {
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
      return finish(
        outcome('SIGNATURE_INVALID', 'The signature does not match the presentation', methodId),
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return finish(outcome('PROOF_INVALID', message, methodId));
  }
  if (challenge !== undefined && nonce !== challenge) {
    return finish(
      outcome(
        'INVALID_CHALLENGE_ERROR',
        `The challenge is not as expected; nonce=${JSON.stringify(nonce)}, expected=${JSON.stringify(challenge)}`,
        methodId,
      ),
    );
  }
  if (domain !== undefined && !asArray(presentation.aud).includes(domain)) {
    return finish(
      outcome(
        'INVALID_DOMAIN_ERROR',
        `The domain is not as expected; aud=${JSON.stringify(presentation.aud)}, expected=${JSON.stringify(domain)}`,
        methodId,
      ),
    );
  }
  return finish(outcome('PROOF_VALID', `VP-JWT (EdDSA) by ${methodId}`, methodId));
}
