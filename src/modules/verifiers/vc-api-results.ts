import type { Credential } from '../../vc/issue.js';
import { asArray, isRecord, type Check } from '../../vc/verify-checks.js';
import type { ProofOutcome } from '../../vc/verify-proof-set.js';

// The W3C VCALM verification result (components/VerifyCredentialResult.yml,
// VerifyPresentationResult.yml at the commit pinned in docs/decisions/0005): `verified`,
// `problemDetails` (RFC 9457, with the type URLs of VC Data Model 2.0 §7.2 and Data Integrity
// §4.7) and `results`, built from our checks.

/** An RFC 9457 problem, as VCALM and VC Data Model 2.0 §7.2 use it, with our stable code. */
export interface ProblemDetails {
  type: string;
  title: string;
  detail: string;
  /** Our stable code (`SIGNATURE_INVALID`, `REVOKED`…); the check it comes from. */
  code: string;
  check: string;
  /** `error`: it made `verified` false. `warning`: reported, did not decide. */
  severity: 'error' | 'warning';
}

export interface ProofResult {
  verified: boolean;
  input: unknown;
  problemDetails: ProblemDetails[];
}

export interface ValueResult {
  verified: boolean;
  input: unknown;
}

export interface CredentialResults {
  proof: ProofResult[];
  validFrom?: ValueResult;
  validUntil?: ValueResult;
  credentialStatus: (ValueResult & { value?: number })[];
  credentialSchema: ValueResult[];
}

/** The registry's own answers about a credential, beside the cryptographic result. */
export interface RegistryVerdict {
  /** Whether every registry check passed: issuer listed, key valid, accredited at issuance. */
  verified: boolean;
  /** Whether `verified` above was folded into the overall `verified` (`options.registryPolicy`). */
  required: boolean;
  checks: Check[];
}

export interface VcApiCredentialResult {
  verified: boolean;
  credential?: Record<string, unknown>;
  problemDetails: ProblemDetails[];
  results?: CredentialResults;
  /** Extension: every check that decided `verified`, with its outcome. */
  checks: Check[];
  /** Extension: the trust registry's verdict. */
  registry: RegistryVerdict;
}

const VCDM = 'https://www.w3.org/TR/vc-data-model#';
const SECURITY = 'https://w3id.org/security#';

/** The problem type URL of a check's code. */
export function problemTypeOf(code: string): string {
  switch (code) {
    case 'MALFORMED_CREDENTIAL':
    case 'MALFORMED_PRESENTATION':
      return `${VCDM}PARSING_ERROR`;
    case 'SIGNATURE_INVALID':
      return `${VCDM}CRYPTOGRAPHIC_SECURITY_ERROR`;
    case 'INVALID_CHALLENGE_ERROR':
    case 'INVALID_DOMAIN_ERROR':
      return `${SECURITY}${code}`;
    case 'CONTEXT_UNKNOWN':
      return `${SECURITY}PROOF_TRANSFORMATION_ERROR`;
    case 'MALFORMED_PROOF':
      return `${SECURITY}MALFORMED_PROOF_ERROR`;
    case 'PROOF_MISSING':
    case 'PROOF_CHAIN_BROKEN':
    case 'PROOF_INVALID':
    case 'UNSUPPORTED_PROOF':
    case 'KEY_NOT_ISSUERS':
    case 'KEY_NOT_AUTHORISED':
    case 'HOLDER_MISMATCH':
    case 'VERIFICATION_METHOD_UNAVAILABLE':
      return `${SECURITY}PROOF_VERIFICATION_ERROR`;
    case 'EXPIRED':
    case 'NOT_YET_VALID':
      return `${VCDM}RANGE_ERROR`;
    default:
      return `urn:reconoce:problem:${code.toLowerCase().replace(/_/g, '-')}`;
  }
}

function titleOf(code: string): string {
  const text = code.toLowerCase().replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The problem a failed (error) or skipped (warning) check stands for. */
export function problemOf(check: Check, severity: 'error' | 'warning'): ProblemDetails {
  return {
    type: problemTypeOf(check.code),
    title: titleOf(check.code),
    detail: check.message,
    code: check.code,
    check: check.id,
    severity,
  };
}

/** Errors for failed checks, warnings for skipped ones and for the `warnings` given. */
export function problemsOf(checks: readonly Check[], warnings: readonly Check[] = []) {
  return [
    ...checks.filter((c) => c.status === 'failed').map((c) => problemOf(c, 'error')),
    ...checks.filter((c) => c.status === 'skipped').map((c) => problemOf(c, 'warning')),
    ...warnings.map((c) => problemOf(c, 'warning')),
  ];
}

function proofResults(
  credential: Credential | undefined,
  proofs: readonly ProofOutcome[] | undefined,
  proof: Check | undefined,
): ProofResult[] {
  if (proofs && proofs.length > 0) {
    return proofs.map((outcome) => ({
      verified: outcome.verified,
      input: outcome.input,
      problemDetails: outcome.verified
        ? []
        : [
            problemOf(
              { id: 'proof', status: 'failed', code: outcome.code, message: outcome.message },
              'error',
            ),
          ],
    }));
  }
  // A VC-JWT, or a credential whose proofs were not reached: one entry for the proof check.
  const input = credential?.proof ?? null;
  if (!proof) return [];
  return [
    {
      verified: proof.status === 'passed',
      input,
      problemDetails: proof.status === 'failed' ? [problemOf(proof, 'error')] : [],
    },
  ];
}

/** The `results` of a credential's verification, keyed by VC Data Model property. */
export function credentialResults(
  credential: Credential | undefined,
  checks: readonly Check[],
  proofs: readonly ProofOutcome[] | undefined,
): CredentialResults {
  const find = (id: string) => checks.find((check) => check.id === id);
  const validity = find('validity');
  const status = find('status');
  const schema = find('schema');
  const results: CredentialResults = {
    proof: proofResults(credential, proofs, find('proof')),
    credentialStatus: [],
    credentialSchema: [],
  };
  if (!credential) return results;
  const v1 = asArray(credential['@context'])[0] === 'https://www.w3.org/2018/credentials/v1';
  const from = credential[v1 ? 'issuanceDate' : 'validFrom'];
  const until = credential[v1 ? 'expirationDate' : 'validUntil'];
  // A check that was not run (not requested, or after a failed proof) has no result.
  const ran = (check: Check | undefined) => check !== undefined && check.status !== 'skipped';
  if (ran(validity)) {
    const windowOk = validity?.status === 'passed';
    if (from !== undefined) {
      results.validFrom = { verified: windowOk || validity?.code === 'EXPIRED', input: from };
    }
    if (until !== undefined) {
      results.validUntil = {
        verified: windowOk || validity?.code === 'NOT_YET_VALID',
        input: until,
      };
    }
  }
  if (ran(status)) {
    for (const entry of asArray(credential.credentialStatus)) {
      results.credentialStatus.push({
        verified: status?.status === 'passed',
        ...(status?.status === 'passed' ? { value: 0 } : {}),
        input: entry,
      });
    }
  }
  for (const entry of asArray(credential.credentialSchema)) {
    if (isRecord(entry) && ran(schema)) {
      results.credentialSchema.push({ verified: schema?.status !== 'failed', input: entry });
    }
  }
  return results;
}
