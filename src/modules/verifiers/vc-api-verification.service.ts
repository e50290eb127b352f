import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import { isStrictCompactJwt, type Check } from '../../vc/verify.js';
import { isRecord, proofShapeProblems, structureProblems } from '../../vc/verify-checks.js';
import {
  credentialResults,
  problemOf,
  problemsOf,
  type VcApiCredentialResult,
} from './vc-api-results.js';
import {
  assertWithinLimits,
  REGISTRY_CHECKS,
  VerificationPipelineService,
  type PipelineResult,
} from './verification-pipeline.service.js';

/** The checks `options.checks` may name; the structure and the proof are always checked. */
export const SELECTABLE_CHECKS = ['proof', 'validity', 'status', 'schema'] as const;

/** The options of `POST /credentials/verify` we read (VCALM VerifyCredentialOptions + ours). */
export interface VerifyCredentialOptions {
  returnCredential?: boolean;
  returnResults?: boolean;
  returnProblemDetails?: boolean;
  /** Extension: the checks to run (see {@link SELECTABLE_CHECKS}); default all. */
  checks?: string[];
  /** Extension: `require` folds the trust registry's verdict into `verified`; default `report`. */
  registryPolicy?: 'report' | 'require';
}

function invalidOption(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `options.${path} ${message}.`, {
    errors: [{ path: `options.${path}`, message }],
  });
}

/** Reads and checks the known members of `options` (others are ignored, as VCALM extensions). */
export function readVerifyOptions(options: Record<string, unknown> | undefined) {
  const read: VerifyCredentialOptions = {};
  for (const name of ['returnCredential', 'returnResults', 'returnProblemDetails'] as const) {
    const value = options?.[name];
    if (value !== undefined && typeof value !== 'boolean') {
      throw invalidOption(name, 'must be a boolean');
    }
    read[name] = value;
  }
  const { checks, registryPolicy } = options ?? {};
  if (checks !== undefined) {
    if (!Array.isArray(checks) || !checks.every((c) => typeof c === 'string')) {
      throw invalidOption('checks', 'must be an array of strings');
    }
    read.checks = checks;
  }
  if (registryPolicy !== undefined) {
    if (registryPolicy !== 'report' && registryPolicy !== 'require') {
      throw invalidOption('registryPolicy', 'must be "report" or "require"');
    }
    read.registryPolicy = registryPolicy;
  }
  return read;
}

/**
 * The W3C VC API answer (VCALM VerifyCredentialResult) from a pipeline result: `verified` is the
 * cryptographic verdict (structure, every proof, validity window, status, schema — those asked
 * for); the registry's checks are reported beside it under `registry`, and decide `verified` only
 * with `registryPolicy: "require"`.
 */
export function credentialAnswer(
  result: PipelineResult,
  options: VerifyCredentialOptions,
): VcApiCredentialResult {
  const registryChecks = result.checks.filter((c) => REGISTRY_CHECKS.includes(c.id));
  const asked = options.checks?.filter((c) => c !== 'proof');
  const checks: Check[] = result.checks
    .filter((c) => !REGISTRY_CHECKS.includes(c.id))
    .map((c) =>
      asked && (SELECTABLE_CHECKS as readonly string[]).includes(c.id) && c.id !== 'proof'
        ? asked.includes(c.id)
          ? c
          : {
              ...c,
              status: 'skipped',
              code: 'NOT_REQUESTED',
              message: `Not requested: ${c.message}`,
            }
        : c,
    );
  const registry = {
    verified: registryChecks.every((c) => c.status !== 'failed'),
    required: options.registryPolicy === 'require',
    checks: registryChecks,
  };
  const cryptographic = checks.every((c) => c.status !== 'failed');
  const registryWarnings = registryChecks.filter((c) => c.status === 'failed');
  const answer: VcApiCredentialResult = {
    verified: cryptographic && (!registry.required || registry.verified),
    problemDetails: [
      ...problemsOf(checks),
      ...(registry.required ? problemsOf(registryWarnings) : problemsOf([], registryWarnings)),
    ],
    results: credentialResults(result.credential, checks, result.proofs),
    checks,
    registry,
  };
  if (options.returnCredential) answer.credential = result.credential;
  if (options.returnProblemDetails === false) answer.problemDetails = [];
  if (options.returnResults === false) delete answer.results;
  return answer;
}

/**
 * The checks whose failure VCALM calls a *warning* ("Verification Errors vs. Warnings": status
 * and validity periods, which leave the decision to the application): a result failing only
 * these is answered 200 with `verified: false`.
 */
export const WARNING_CHECKS: readonly string[] = ['status', 'validity'];

/**
 * The failed checks that are *errors* in VCALM's sense (cryptography, data model, contexts, proof
 * chain and purpose, data loss…): every failed check but a warning's, and the registry's checks
 * when `registryPolicy: "require"` made them decide `verified`.
 */
export function verificationErrors(answer: VcApiCredentialResult): Check[] {
  const decisive = answer.registry.required
    ? [...answer.checks, ...answer.registry.checks]
    : answer.checks;
  return decisive.filter((c) => c.status === 'failed' && !WARNING_CHECKS.includes(c.id));
}

/**
 * Refuses, as 422 `VERIFICATION_FAILED`, a verification that was performed and found an error:
 * the problem body carries the whole VCALM result (`verified: false`, `problemDetails`, `results`,
 * `checks`…), so nothing of the 200 answer is lost. Warnings alone leave the answer 200.
 */
export function assertNoVerificationErrors(
  answer: object,
  errors: readonly Check[],
  what: 'credential' | 'presentation',
): void {
  if (errors.length === 0) return;
  throw new AppError(
    'VERIFICATION_FAILED',
    `The ${what} did not verify: ${errors[0].message.replace(/\.$/, '')}.`,
    { extensions: { ...answer } },
  );
}

/**
 * Refuses, as 400, input the verification could not be performed on: not a credential of the VC
 * Data Model (VCALM: "invalid input"). Anything that is one is verified: 200, or 422 when the
 * verification found an error (see {@link assertNoVerificationErrors}).
 */
export function assertParsed(result: PipelineResult, path: string): void {
  const structure = result.checks.find((c) => c.id === 'structure');
  if (structure?.status !== 'failed') return;
  throw new AppError('VALIDATION_FAILED', `Not a verifiable credential: ${structure.message}.`, {
    errors: [{ path, message: structure.message }],
  });
}

/**
 * Refuses, as 400 `MALFORMED_PROOF`, a Data Integrity secured document (credential or
 * presentation) whose proof is absent or structurally malformed (see `proofShapeProblems`): input
 * the proof verification cannot be performed on. The problem body still carries VCALM's
 * `verified: false` and `problemDetails` with the Data Integrity error types. A well-formed proof
 * whose signature fails is left to the verification (422 `VERIFICATION_FAILED`, with the result).
 */
export function assertProofsWellFormed(document: Record<string, unknown>, path: string): void {
  const problems = proofShapeProblems(document);
  if (problems.length === 0) return;
  throw new AppError('MALFORMED_PROOF', `The proof cannot be verified: ${problems[0].message}.`, {
    errors: problems.map((p) => ({ path: `${path}.${p.path}`, message: p.message })),
    extensions: {
      verified: false,
      problemDetails: problems.map((p) =>
        problemOf({ id: 'proof', status: 'failed', code: p.code, message: p.message }, 'error'),
      ),
    },
  });
}

/** W3C VC API `POST /credentials/verify`. */
@Injectable()
export class VcApiVerificationService {
  constructor(private readonly verification: VerificationPipelineService) {}

  async verifyCredential(
    credential: unknown,
    rawOptions?: Record<string, unknown>,
  ): Promise<VcApiCredentialResult> {
    const options = readVerifyOptions(rawOptions);
    assertWithinLimits(credential);
    // VCALM's verifiableCredential is an object; a string is only ever a compact VC-JWT here, never
    // JSON text (Data Integrity §4.5: a secured document that is not a map is a PARSING_ERROR).
    if (typeof credential === 'string' && !isStrictCompactJwt(credential)) {
      throw new AppError(
        'VALIDATION_FAILED',
        'Not a verifiable credential: a string must be a compact VC-JWT.',
        {
          errors: [
            { path: 'verifiableCredential', message: 'must be an object or a compact VC-JWT' },
          ],
        },
      );
    }
    // A Data Integrity credential (a VC-JWT is a string) of the Data Model's shape must carry a
    // verifiable proof; one that is not of that shape is refused by assertParsed below.
    if (isRecord(credential) && structureProblems(credential).length === 0) {
      assertProofsWellFormed(credential, 'verifiableCredential');
    }
    const result = await this.verification.verify(credential);
    assertParsed(result, 'verifiableCredential');
    const answer = credentialAnswer(result, options);
    assertNoVerificationErrors(answer, verificationErrors(answer), 'credential');
    return answer;
  }
}
