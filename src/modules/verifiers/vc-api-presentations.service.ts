import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error.js';
import { envelopedJwt, envelopePresentationJwt } from '../../vc/enveloped.js';
import { VC_V2_CONTEXT_URL } from '../../vc/issue.js';
import {
  asArray,
  contextItemsProblem,
  isRecord,
  VC_V1_CONTEXT_URL,
  type Check,
} from '../../vc/verify-checks.js';
import { holderOf } from '../../vc/verify-presentation.js';
import { readPresentationJwt } from '../../vc/verify-presentation-jwt.js';
import { ChallengesService, type ChallengeUse } from './challenges.service.js';
import {
  problemOf,
  problemsOf,
  type ProblemDetails,
  type ProofResult,
  type ValueResult,
  type VcApiCredentialResult,
} from './vc-api-results.js';
import {
  assertNoVerificationErrors,
  assertParsed,
  assertProofsWellFormed,
  credentialAnswer,
  readVerifyOptions,
  verificationErrors,
  WARNING_CHECKS,
  type VerifyCredentialOptions,
} from './vc-api-verification.service.js';
import {
  assertWithinLimits,
  VerificationPipelineService,
} from './verification-pipeline.service.js';

export interface VcApiPresentationResult {
  verified: boolean;
  verifiablePresentation?: Record<string, unknown>;
  problemDetails: ProblemDetails[];
  results: {
    presentation: {
      proof: ProofResult[];
      challenge?: ValueResult;
      domain?: ValueResult;
      holder?: ValueResult;
    };
    credentials: VcApiCredentialResult[];
  };
  /** Extension: the presentation-level checks (proof, challenge, domain, holder binding). */
  checks: Check[];
}

interface PresentationOptions extends VerifyCredentialOptions {
  challenge?: string;
  domain?: string;
  returnPresentation?: boolean;
}

function badRequest(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path} ${message}.`, {
    errors: [{ path, message }],
  });
}

function readOptions(options: Record<string, unknown> | undefined): PresentationOptions {
  const read: PresentationOptions = readVerifyOptions(options);
  for (const name of ['challenge', 'domain'] as const) {
    const value = options?.[name];
    if (value !== undefined && (typeof value !== 'string' || value === '')) {
      throw badRequest(`options.${name}`, 'must be a non-empty string');
    }
    read[name] = value;
  }
  const { returnPresentation } = options ?? {};
  if (returnPresentation !== undefined && typeof returnPresentation !== 'boolean') {
    throw badRequest('options.returnPresentation', 'must be a boolean');
  }
  read.returnPresentation = returnPresentation;
  return read;
}

/** The VC Data Model problems of a presentation's own members (its credentials aside). */
function presentationProblems(presentation: Record<string, unknown>): string | undefined {
  const context = presentation['@context'];
  const version: unknown = Array.isArray(context) ? context[0] : undefined;
  if (version !== VC_V2_CONTEXT_URL && version !== VC_V1_CONTEXT_URL) {
    return `"@context" must be an array starting with "${VC_V2_CONTEXT_URL}"`;
  }
  const contextProblem = contextItemsProblem(context as unknown[]);
  if (contextProblem) return contextProblem;
  if (!asArray(presentation.type).includes('VerifiablePresentation')) {
    return '"type" must include "VerifiablePresentation"';
  }
  const holder = presentation.holder;
  if (holder !== undefined && holderOf(presentation) === undefined) {
    return '"holder" must be a URL or an object whose id is one';
  }
  const credentials = asArray(presentation.verifiableCredential);
  if (!credentials.every((c) => isRecord(c) || typeof c === 'string')) {
    return 'each "verifiableCredential" must be a credential (an object) or a VC-JWT';
  }
  return undefined;
}

const CHALLENGE_USE: Record<Exclude<ChallengeUse, 'CONSUMED'>, Check['code']> = {
  ALREADY_USED: 'CHALLENGE_ALREADY_USED',
  EXPIRED: 'CHALLENGE_EXPIRED',
  NOT_ISSUED_HERE: 'CHALLENGE_NOT_ISSUED_HERE',
};

/**
 * W3C VC API `POST /presentations/verify` (VCALM VerifyPresentationResult): the presentation's own
 * proof against the holder's key, the challenge and domain asked for, the single use of our
 * challenges, and every credential inside as `POST /credentials/verify` would answer it.
 */
@Injectable()
export class VcApiPresentationsService {
  constructor(
    private readonly verification: VerificationPipelineService,
    private readonly challenges: ChallengesService,
  ) {}

  async verify(body: {
    verifiablePresentation?: unknown;
    presentation?: unknown;
    options?: Record<string, unknown>;
  }): Promise<VcApiPresentationResult> {
    if (body.verifiablePresentation !== undefined && body.presentation !== undefined) {
      throw badRequest('presentation', 'must not be given with verifiablePresentation');
    }
    const proofless = body.verifiablePresentation === undefined;
    const path = proofless ? 'presentation' : 'verifiablePresentation';
    const input = proofless ? body.presentation : body.verifiablePresentation;
    const options = readOptions(body.options);
    // VC-JOSE: a compact vp+jwt, or an EnvelopedVerifiablePresentation carrying one.
    const jwt = proofless
      ? undefined
      : typeof input === 'string'
        ? input
        : envelopedJwt(input, 'vp');
    if (jwt === null) {
      throw badRequest(`${path}.id`, 'must be a data: URL of application/vp+jwt');
    }
    let presentation: unknown = input;
    if (jwt !== undefined) {
      assertWithinLimits(jwt, 'presentation');
      presentation = readPresentationJwt(jwt);
      if (!presentation) {
        throw badRequest(path, 'must be a compact JWS (vp+jwt) whose payload is a presentation');
      }
    }
    if (!isRecord(presentation)) {
      throw badRequest(
        path,
        'must be a presentation: an object, a vp+jwt, or an EnvelopedVerifiablePresentation',
      );
    }
    assertWithinLimits(presentation, 'presentation');
    const problem = presentationProblems(presentation);
    if (problem) throw badRequest(path, problem);
    if (!proofless && jwt === undefined) assertProofsWellFormed(presentation, path);
    if (proofless && (options.challenge !== undefined || options.domain !== undefined)) {
      throw badRequest(
        'options',
        'challenge and domain need a verifiablePresentation with a proof',
      );
    }

    const { checks, warnings, proof, holderBound } = proofless
      ? this.prooflessChecks()
      : await this.presentationChecks(presentation, options, jwt);
    const credentials: VcApiCredentialResult[] = [];
    for (const credential of asArray(presentation.verifiableCredential)) {
      credentials.push(await this.verifyCredential(credential, options));
    }
    const notVerified = credentials.flatMap((result, i) => {
      if (result.verified) return [];
      const check: Check = {
        id: `verifiableCredential.${i}`,
        status: 'failed',
        code: 'CREDENTIAL_NOT_VERIFIED',
        message: `Credential ${i} did not verify: ${result.problemDetails.find((p) => p.severity === 'error')?.detail ?? 'see its results'}`,
      };
      return [{ check, error: verificationErrors(result).length > 0 }];
    });
    const all = [...checks, ...notVerified.map((n) => n.check)];
    const holder = holderOf(presentation);
    const answer: VcApiPresentationResult = {
      verified: all.every((c) => c.status !== 'failed'),
      problemDetails: problemsOf(all, warnings),
      results: {
        presentation: {
          proof,
          ...(options.challenge !== undefined
            ? { challenge: this.valueResult(checks, 'challenge', options.challenge) }
            : {}),
          ...(options.domain !== undefined
            ? { domain: this.valueResult(checks, 'domain', options.domain) }
            : {}),
          ...(holder !== undefined ? { holder: { verified: holderBound, input: holder } } : {}),
        },
        credentials,
      },
      checks,
    };
    if (options.returnPresentation) {
      answer.verifiablePresentation =
        jwt !== undefined ? envelopePresentationJwt(jwt) : presentation;
    }
    if (options.returnProblemDetails === false) answer.problemDetails = [];
    // An error in the presentation's own checks or in a credential's is 422; a credential that
    // is only revoked, suspended or out of its validity period leaves the answer 200.
    assertNoVerificationErrors(
      answer,
      [
        ...checks.filter((c) => c.status === 'failed' && !WARNING_CHECKS.includes(c.id)),
        ...notVerified.filter((n) => n.error).map((n) => n.check),
      ],
      'presentation',
    );
    return answer;
  }

  private valueResult(checks: Check[], id: string, input: string): ValueResult {
    return { verified: checks.some((c) => c.id === id && c.status === 'passed'), input };
  }

  private prooflessChecks() {
    const warning: Check = {
      id: 'holder',
      status: 'skipped',
      code: 'HOLDER_BINDING_NOT_CHECKED',
      message:
        'A presentation without a proof: only its credentials were verified; nothing shows the presenter holds them',
    };
    return { checks: [warning], warnings: [], proof: [], holderBound: false };
  }

  private async presentationChecks(
    presentation: Record<string, unknown>,
    options: PresentationOptions,
    jwt: string | undefined,
  ) {
    const expected = { challenge: options.challenge, domain: options.domain };
    const result =
      jwt !== undefined
        ? await this.verification.verifyPresentationJwt(jwt, expected)
        : await this.verification.verifyPresentationProof(presentation, expected);
    const checks = [...result.checks];
    const warnings: Check[] = [];
    // Replay: a challenge of ours is used once, whether or not the caller repeated it in options.
    const challenge = options.challenge ?? result.challenge;
    if (challenge !== undefined && result.holderBound) {
      const use = await this.challenges.consume(challenge);
      const index = checks.findIndex((c) => c.id === 'challenge');
      if (use === 'CONSUMED') {
        const fresh: Check = {
          id: 'challenge',
          status: 'passed',
          code: 'CHALLENGE_FRESH',
          message: 'A challenge of this verifier, used now for the first time',
        };
        if (index >= 0) checks[index] = fresh;
        else checks.push(fresh);
      } else if (use === 'NOT_ISSUED_HERE') {
        warnings.push({
          id: 'challenge',
          status: 'skipped',
          code: CHALLENGE_USE[use],
          message:
            'The challenge was not issued by POST /challenges: its freshness (replay) is the caller’s to check',
        });
      } else {
        const refused: Check = {
          id: 'challenge',
          status: 'failed',
          code: CHALLENGE_USE[use],
          message:
            use === 'ALREADY_USED'
              ? 'The challenge was already used: a replayed presentation'
              : 'The challenge has expired',
        };
        if (index >= 0) checks[index] = refused;
        else checks.push(refused);
      }
    } else if (challenge === undefined && result.holderBound) {
      warnings.push({
        id: 'challenge',
        status: 'skipped',
        code: 'NO_CHALLENGE',
        message: 'The presentation carries no challenge: a replay cannot be told apart',
      });
    }
    const proof: ProofResult[] = result.proofs.map((outcome) => ({
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
    return { checks, warnings, proof, holderBound: result.holderBound };
  }

  /** One credential of the presentation, as `POST /credentials/verify` answers it. */
  private async verifyCredential(
    credential: unknown,
    options: VerifyCredentialOptions,
  ): Promise<VcApiCredentialResult> {
    // An EnvelopedVerifiableCredential is verified as the VC-JWT its data: URL carries.
    const enveloped = envelopedJwt(credential, 'vc');
    const result = await this.verification.verify(enveloped === undefined ? credential : enveloped);
    try {
      assertParsed(result, 'verifiableCredential');
    } catch {
      // Inside a presentation a malformed credential is a failed result, not a refused request.
      return {
        verified: false,
        problemDetails: problemsOf(result.checks.filter((c) => c.id === 'structure')),
        results: { proof: [], credentialStatus: [], credentialSchema: [] },
        checks: result.checks,
        registry: { verified: false, required: false, checks: [] },
      };
    }
    return credentialAnswer(result, { ...options, returnCredential: true });
  }
}
