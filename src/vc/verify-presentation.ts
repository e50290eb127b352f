import jsigs from 'jsonld-signatures';
import type { DocumentLoader } from './document-loader.js';
import { asArray, isRecord, type Check } from './verify-checks.js';
import { verifyProofSet, type ProofOutcome, type ProofPurpose } from './verify-proof-set.js';

export interface VerifyPresentationProofOptions {
  /** The presentation, with its credentials (they are verified separately). */
  presentation: Record<string, unknown>;
  /** When given, every proof must carry exactly this challenge (INVALID_CHALLENGE_ERROR). */
  challenge?: string;
  /** When given, every proof's domain must be or contain it (INVALID_DOMAIN_ERROR). */
  domain?: string;
  documentLoader: DocumentLoader;
}

export interface PresentationProofResult {
  /** `proof` (all proofs), and `challenge` / `domain` when they were asked for. */
  checks: Check[];
  proofs: ProofOutcome[];
  /** The holder the presentation names, if any. */
  holder?: string;
  /** The challenge of the presentation's proofs, when they all carry the same one. */
  challenge?: string;
  /** Whether the proofs bind the presentation to its holder (verified, by the holder's key). */
  holderBound: boolean;
}

/** The holder id of a presentation (`holder` as a string or an object with an id). */
export function holderOf(presentation: Record<string, unknown>): string | undefined {
  const { holder } = presentation;
  const id = isRecord(holder) ? holder.id : holder;
  return typeof id === 'string' ? id : undefined;
}

/**
 * The purpose of a presentation's proof: `authentication` by a key its controller lists so, the
 * expected challenge and domain (Data Integrity §4.5 steps 5–6), and a controller that is the
 * presentation's holder when it names one.
 */
function presentationPurpose(
  expected: { challenge?: string; domain?: string },
  holder: string | undefined,
): ProofPurpose {
  const controller = new jsigs.purposes.ControllerProofPurpose({
    term: 'authentication',
  }) as unknown as ProofPurpose;
  return {
    async validate(proof, options) {
      try {
        if (expected.challenge !== undefined && proof.challenge !== expected.challenge) {
          throw new Error(
            `The challenge is not as expected; challenge=${JSON.stringify(proof.challenge)}, expected=${JSON.stringify(expected.challenge)}`,
          );
        }
        if (expected.domain !== undefined && !asArray(proof.domain).includes(expected.domain)) {
          throw new Error(
            `The domain is not as expected; domain=${JSON.stringify(proof.domain)}, expected=${JSON.stringify(expected.domain)}`,
          );
        }
        const result = await controller.validate(proof, options);
        if (!result.valid) return result;
        const id = isRecord(result.controller) ? result.controller.id : undefined;
        if (holder !== undefined && id !== holder) {
          throw new Error(
            `The proof is by ${String(id)}, not by the holder ${holder}: holder mismatch`,
          );
        }
        return result;
      } catch (error) {
        return { valid: false, error: error instanceof Error ? error : new Error(String(error)) };
      }
    },
  };
}

/**
 * Verifies the proof(s) of a presentation — Data Integrity `eddsa-rdfc-2022` or
 * Ed25519Signature2020, `proofPurpose` authentication — against the holder's key, through the
 * given (offline) loader. A presentation without a proof fails (`PROOF_MISSING`); so does one
 * whose proof has another challenge (`INVALID_CHALLENGE_ERROR`) or domain
 * (`INVALID_DOMAIN_ERROR`), or is by a key that is not the holder's. The credentials inside are
 * not verified here.
 */
export async function verifyPresentationProof(
  options: VerifyPresentationProofOptions,
): Promise<PresentationProofResult> {
  const { presentation, challenge, domain, documentLoader } = options;
  if (typeof documentLoader !== 'function') throw new TypeError('documentLoader is required');
  const holder = holderOf(presentation);
  const proofs = asArray(presentation.proof);
  if (proofs.length === 0) {
    return {
      checks: [
        {
          id: 'proof',
          status: 'failed',
          code: 'PROOF_MISSING',
          message: 'The presentation has no proof: no holder binding can be checked',
        },
      ],
      proofs: [],
      holder,
      holderBound: false,
    };
  }
  const outcomes = await verifyProofSet({
    document: presentation,
    documentLoader,
    purposeFor: () => presentationPurpose({ challenge, domain }, holder),
  });
  const failed = outcomes.find((outcome) => !outcome.verified);
  const label = (outcome: ProofOutcome) => (outcomes.length > 1 ? `proof ${outcome.index}: ` : '');
  const checks: Check[] = [
    failed
      ? {
          id: 'proof',
          status: 'failed',
          code: /holder mismatch/.test(failed.message) ? 'HOLDER_MISMATCH' : failed.code,
          message: `${label(failed)}${failed.message}`,
        }
      : {
          id: 'proof',
          status: 'passed',
          code: 'PROOF_VALID',
          message: outcomes.map((outcome) => outcome.message).join('; '),
        },
  ];
  const challenges = new Set(
    proofs.map((proof) => (isRecord(proof) ? proof.challenge : undefined)),
  );
  const [only] = challenges;
  if (challenge !== undefined) {
    const wrong = outcomes.find((outcome) => outcome.code === 'INVALID_CHALLENGE_ERROR');
    checks.push(
      wrong
        ? { id: 'challenge', status: 'failed', code: wrong.code, message: wrong.message }
        : {
            id: 'challenge',
            status: failed ? 'skipped' : 'passed',
            code: failed ? 'NOT_CHECKED' : 'CHALLENGE_MATCHES',
            message: failed ? 'The proof did not verify' : 'Every proof carries the challenge',
          },
    );
  }
  if (domain !== undefined) {
    const wrong = outcomes.find((outcome) => outcome.code === 'INVALID_DOMAIN_ERROR');
    checks.push(
      wrong
        ? { id: 'domain', status: 'failed', code: wrong.code, message: wrong.message }
        : {
            id: 'domain',
            status: failed ? 'skipped' : 'passed',
            code: failed ? 'NOT_CHECKED' : 'DOMAIN_MATCHES',
            message: failed ? 'The proof did not verify' : 'Every proof carries the domain',
          },
    );
  }
  return {
    checks,
    proofs: outcomes,
    holder,
    challenge: challenges.size === 1 && typeof only === 'string' ? only : undefined,
    holderBound: !failed,
  };
}
