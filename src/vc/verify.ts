import { decodeProtectedHeader } from 'jose';
import type { DocumentLoader } from './document-loader.js';
import type { Credential } from './issue.js';
import type { CredentialSchemas } from './schemas.js';
import {
  createListStatusChecker,
  isRecord,
  issuerOf,
  schemaCheck,
  statusCheck,
  structureProblems,
  validityCheck,
  type Check,
  type CheckId,
  type StatusChecker,
} from './verify-checks.js';
import { verifyDataIntegrity, verifyJwt } from './verify-proof.js';
import type { ProofOutcome } from './verify-proof-set.js';

export {
  createListStatusChecker,
  VC_V1_CONTEXT_URL,
  type Check,
  type CheckId,
  type StatusChecker,
} from './verify-checks.js';

export type CredentialStatus = 'VALID' | 'REVOKED' | 'SUSPENDED' | 'EXPIRED' | 'INVALID';

export interface VerificationResult {
  verified: boolean;
  status: CredentialStatus;
  checks: Check[];
  /** `di` (Data Integrity proof) or `jwt` (VC-JWT); undefined when the input is neither. */
  format?: 'di' | 'jwt';
  /** The credential (for a JWT, its payload) when it could be read. */
  credential?: Credential;
  /** The issuer id, when the structure allows reading it. */
  issuer?: string;
  /** The verification method of the issuer's proof, when the proof verified. */
  verificationMethod?: string;
  /** Every Data Integrity proof (a set or a chain), each with its own outcome. */
  proofs?: ProofOutcome[];
}

export interface VerifyCredentialOptions {
  /** A credential with a Data Integrity proof (object or JSON string), or a compact VC-JWT. */
  credential: unknown;
  documentLoader: DocumentLoader;
  /**
   * How to read status bits. Default: {@link createListStatusChecker} with the same loader (the
   * signed status list credential, verified). `false`: do not check status (check `skipped`).
   */
  checkStatus?: StatusChecker | false;
  /** When given, the subject of our credential types is validated too (check `schema`). */
  schemas?: CredentialSchemas;
  /** The time to judge the validity window at; default now. */
  now?: Date;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Whether every part of a compact JWT is canonical base64url (re-encodes to exactly itself). */
function strictBase64url(jwt: string): boolean {
  return jwt
    .split('.')
    .every((part) => Buffer.from(part, 'base64url').toString('base64url') === part);
}

/**
 * Whether a value is a compact JWS taken as given: three parts, each canonical base64url, no
 * whitespace anywhere (RFC 7515 §7.1).
 */
export function isStrictCompactJwt(value: unknown): value is string {
  return typeof value === 'string' && JWT.test(value) && strictBase64url(value);
}

/**
 * The overall status from a list of checks (ours and any the caller appended): any failed check
 * whose code is not `REVOKED`, `SUSPENDED` or `EXPIRED` → INVALID; then REVOKED, SUSPENDED,
 * EXPIRED in that order; otherwise VALID.
 */
export function overallStatus(checks: readonly Check[]): CredentialStatus {
  const failed = checks.filter((check) => check.status === 'failed');
  const codes = new Set(failed.map((check) => check.code));
  if (failed.some((check) => !['REVOKED', 'SUSPENDED', 'EXPIRED'].includes(check.code)))
    return 'INVALID';
  if (codes.has('REVOKED')) return 'REVOKED';
  if (codes.has('SUSPENDED')) return 'SUSPENDED';
  if (codes.has('EXPIRED')) return 'EXPIRED';
  return 'VALID';
}

function skipped(id: CheckId, reason: string): Check {
  return { id, status: 'skipped', code: 'NOT_CHECKED', message: reason };
}

function finish(
  checks: Check[],
  extra: Omit<VerificationResult, 'verified' | 'status' | 'checks'>,
): VerificationResult {
  const status = overallStatus(checks);
  return { verified: status === 'VALID', status, checks, ...extra };
}

/**
 * Verifies a credential — a Data Integrity secured credential (`eddsa-rdfc-2022`, or
 * `Ed25519Signature2020` from older issuers) or a compact VC-JWT — offline, through the given
 * document loader. Checks, in order: `structure` (VC Data Model 2.0, or 1.1 for older
 * credentials), `proof` (signature, key controlled by the issuer and listed as an assertion
 * method), `validity` (validFrom/validUntil at `now`), `status` (revocation and suspension bits,
 * through `checkStatus`), and `schema` when `schemas` is given. After a failed structure or proof
 * check the rest are skipped.
 *
 * A credential that does not verify is a result (`verified: false`), never an exception.
 *
 * @throws TypeError on misuse: no document loader, an invalid `now`.
 */
export async function verifyCredential(
  options: VerifyCredentialOptions,
): Promise<VerificationResult> {
  const { documentLoader, schemas } = options ?? {};
  if (typeof documentLoader !== 'function') throw new TypeError('documentLoader is required');
  const now = options.now ?? new Date();
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TypeError('now must be a valid Date');
  const checker = options.checkStatus ?? createListStatusChecker({ documentLoader });

  // Read the input: a JWT, a JSON string or an object.
  let credential: unknown = options.credential;
  let format: 'di' | 'jwt' | undefined;
  let jwt: string | undefined;
  let jwtClaims: Record<string, unknown> = {};
  if (typeof credential === 'string') {
    // No whitespace is tolerated around or inside a compact JWT (RFC 7515 §7.1).
    const text = credential;
    if (JWT.test(text) && strictBase64url(text)) {
      jwt = text;
      format = 'jwt';
      try {
        const payload: unknown = JSON.parse(
          Buffer.from(text.split('.')[1], 'base64url').toString('utf8'),
        );
        decodeProtectedHeader(text);
        credential = payload;
        if (isRecord(payload)) jwtClaims = payload;
      } catch {
        credential = undefined;
      }
    } else {
      try {
        credential = text.trimStart().startsWith('{') ? JSON.parse(text) : undefined;
      } catch {
        credential = undefined;
      }
    }
  }
  if (!isRecord(credential)) {
    const checks = [
      {
        id: 'structure',
        status: 'failed',
        code: 'MALFORMED_CREDENTIAL',
        message: jwt
          ? 'The JWT does not carry a JSON credential'
          : 'The credential is not a JSON object or a VC-JWT',
      } as Check,
      skipped('proof', 'The structure is invalid'),
      skipped('validity', 'The structure is invalid'),
      skipped('status', 'The structure is invalid'),
    ];
    return finish(checks, { format });
  }
  format ??= 'di';
  const issuer =
    typeof issuerOf(credential) === 'string' ? (issuerOf(credential) as string) : undefined;
  const checks: Check[] = [];
  const problems = structureProblems(credential);
  if (jwt && 'proof' in credential) problems.push('A VC-JWT payload must not carry a proof');
  if (problems.length > 0) {
    checks.push({
      id: 'structure',
      status: 'failed',
      code: 'MALFORMED_CREDENTIAL',
      message: problems.join('; '),
    });
    checks.push(skipped('proof', 'The structure is invalid'));
    checks.push(
      skipped('validity', 'The structure is invalid'),
      skipped('status', 'The structure is invalid'),
    );
    return finish(checks, { format, credential, issuer });
  }
  checks.push({
    id: 'structure',
    status: 'passed',
    code: 'WELL_FORMED',
    message: 'Well-formed VC Data Model credential',
  });

  const proof = jwt
    ? { ...(await verifyJwt(jwt, credential, documentLoader)), proofs: undefined, endorsements: [] }
    : await verifyDataIntegrity(credential, documentLoader);
  checks.push(proof.check, ...proof.endorsements);
  if (proof.check.status !== 'passed') {
    checks.push(
      skipped('validity', 'The proof did not verify'),
      skipped('status', 'The proof did not verify'),
    );
    return finish(checks, { format, credential, issuer, proofs: proof.proofs });
  }
  checks.push(validityCheck(credential, now, jwtClaims));
  checks.push(await statusCheck(credential, checker));
  const schema = schemaCheck(credential, schemas);
  if (schema) checks.push(schema);
  return finish(checks, {
    format,
    credential,
    issuer,
    verificationMethod: proof.verificationMethod,
    proofs: proof.proofs,
  });
}
