import { verificationSuites } from './cryptosuite.js';
import { DocumentNotAvailableError, type DocumentLoader } from './document-loader.js';
import { asArray, isRecord, MULTIBASE_BASE58BTC } from './verify-checks.js';

// Data Integrity proof sets and chains (Data Integrity §2.1.1–2.1.2, verified as in §4.5–4.6):
// every proof of the set is verified on its own, a proof with `previousProof` over the document
// carrying the proofs it names; one proof that fails fails the whole.

/** What a proof purpose answers (the jsonld-signatures ProofPurpose contract). */
export interface ProofPurpose {
  validate(
    proof: Record<string, unknown>,
    options: {
      document: Record<string, unknown>;
      suite: object;
      verificationMethod: Record<string, unknown>;
      documentLoader: DocumentLoader;
    },
  ): Promise<{ valid: boolean; error?: Error; controller?: Record<string, unknown> }>;
}

interface ProofSuite {
  matchProof(options: {
    proof: Record<string, unknown>;
    document: Record<string, unknown>;
    documentLoader: DocumentLoader;
  }): Promise<boolean>;
  verifyProof(options: {
    proof: Record<string, unknown>;
    proofSet: Record<string, unknown>[];
    document: Record<string, unknown>;
    purpose: ProofPurpose;
    documentLoader: DocumentLoader;
  }): Promise<{ verified: boolean; verificationMethod?: Record<string, unknown>; error?: Error }>;
}

/** The outcome of one proof of a set. */
export interface ProofOutcome {
  /** Its position in `proof` (0 for a single proof). */
  index: number;
  /** The proof as presented. */
  input: unknown;
  verified: boolean;
  /** `PROOF_VALID`, or why not: `SIGNATURE_INVALID`, `KEY_NOT_ISSUERS`, `INVALID_CHALLENGE_ERROR`… */
  code: string;
  message: string;
  /** The verification method id the proof names. */
  verificationMethod?: string;
  /** The controller the purpose found authorising the key, when it verified. */
  controller?: string;
}

/** Whether a failure was caused by a document that the offline loader would not load. */
export function unavailableDocument(
  error: unknown,
  depth = 0,
): DocumentNotAvailableError | undefined {
  if (!error || typeof error !== 'object' || depth > 8) return undefined;
  if (error instanceof DocumentNotAvailableError) return error;
  const { cause, details } = error as { cause?: unknown; details?: { cause?: unknown } };
  return unavailableDocument(cause, depth + 1) ?? unavailableDocument(details?.cause, depth + 1);
}

function describeFailure(error: unknown, stage: 'signature' | 'purpose'): [string, string] {
  const message = error instanceof Error ? error.message : 'The proof did not verify';
  const missing = unavailableDocument(error);
  if (missing) return ['VERIFICATION_METHOD_UNAVAILABLE', missing.message];
  if (stage === 'purpose') {
    if (/challenge is not as expected/i.test(message)) return ['INVALID_CHALLENGE_ERROR', message];
    if (/domain is not as expected/i.test(message)) return ['INVALID_DOMAIN_ERROR', message];
    if (/issuer must match/i.test(message)) {
      return ['KEY_NOT_ISSUERS', `The signing key is not the issuer's: ${message}`];
    }
    return ['KEY_NOT_AUTHORISED', message];
  }
  if (/invalid signature/i.test(message)) {
    return ['SIGNATURE_INVALID', 'The signature does not match the document'];
  }
  return ['PROOF_INVALID', message];
}

/** Static problems of a proof (Data Integrity §4.5 step 3, strict proofValue), if any. */
function malformed(proof: unknown): string | undefined {
  if (!isRecord(proof)) return 'A proof must be an object';
  for (const name of ['type', 'verificationMethod', 'proofPurpose']) {
    if (typeof proof[name] !== 'string' || proof[name] === '') return `The proof has no "${name}"`;
  }
  if (typeof proof.proofValue !== 'string') return 'The proof has no "proofValue"';
  if (!MULTIBASE_BASE58BTC.test(proof.proofValue)) {
    return '"proofValue" must be multibase base58-btc: "z" then base58-btc characters only, no whitespace';
  }
  return undefined;
}

/** The first context URL of the document the loader does not answer, if any. */
async function unknownContext(
  document: Record<string, unknown>,
  documentLoader: DocumentLoader,
): Promise<string | undefined> {
  for (const context of asArray(document['@context'])) {
    if (typeof context !== 'string') continue;
    try {
      await documentLoader(context);
    } catch {
      return context;
    }
  }
  return undefined;
}

/** The proofs a proof's `previousProof` names, or the id it names that is missing. */
function previousProofs(
  proof: Record<string, unknown>,
  all: readonly unknown[],
): { matching: Record<string, unknown>[] } | { missing: string } {
  const ids = asArray(proof.previousProof);
  const matching: Record<string, unknown>[] = [];
  for (const id of ids) {
    const found = all.find((candidate) => isRecord(candidate) && candidate.id === id);
    if (typeof id !== 'string' || !isRecord(found)) return { missing: String(id) };
    matching.push(found);
  }
  return { matching };
}

/**
 * Verifies every proof of a secured document (one proof, a set or a chain), each with the purpose
 * `purposeFor` gives it. The document's `@context` is given to each proof, as jsonld-signatures
 * does; a proof naming `previousProof` is verified over the document carrying those proofs
 * (Data Integrity §4.6), and fails when one of them is missing.
 */
export async function verifyProofSet(options: {
  document: Record<string, unknown>;
  documentLoader: DocumentLoader;
  purposeFor: (proof: Record<string, unknown>) => ProofPurpose;
}): Promise<ProofOutcome[]> {
  const { document, documentLoader, purposeFor } = options;
  const all = asArray(document.proof);
  const unknown = await unknownContext(document, documentLoader);
  if (unknown) {
    return all.map((input, index) => ({
      index,
      input,
      verified: false,
      code: 'CONTEXT_UNKNOWN',
      message: `The context "${unknown}" is not one this verifier holds (contexts are never fetched)`,
    }));
  }
  const unsecured: Record<string, unknown> = { ...document };
  delete unsecured.proof;
  const suites = verificationSuites() as ProofSuite[];
  return Promise.all(
    all.map(async (input, index): Promise<ProofOutcome> => {
      const fail = (code: string, message: string): ProofOutcome => ({
        index,
        input,
        verified: false,
        code,
        message,
        verificationMethod:
          isRecord(input) && typeof input.verificationMethod === 'string'
            ? input.verificationMethod
            : undefined,
      });
      const problem = malformed(input);
      if (problem) return fail('MALFORMED_PROOF', problem);
      const raw = input as Record<string, unknown>;
      const previous = previousProofs(raw, all);
      if ('missing' in previous) {
        return fail(
          'PROOF_CHAIN_BROKEN',
          `The proof's previousProof "${previous.missing}" is not in the proof set`,
        );
      }
      const target =
        previous.matching.length > 0 ? { ...unsecured, proof: previous.matching } : unsecured;
      const proof = { '@context': document['@context'], ...raw };
      let suite: ProofSuite | undefined;
      for (const candidate of suites) {
        if (await candidate.matchProof({ proof, document: target, documentLoader })) {
          suite = candidate;
          break;
        }
      }
      if (!suite) {
        return fail(
          'UNSUPPORTED_PROOF',
          `Proof type "${String(raw.type)}"${typeof raw.cryptosuite === 'string' ? ` (${raw.cryptosuite})` : ''} is not supported (DataIntegrityProof eddsa-rdfc-2022, Ed25519Signature2020)`,
        );
      }
      let method: Record<string, unknown> | undefined;
      const capture: ProofPurpose = {
        validate: (_proof, { verificationMethod }) => {
          method = verificationMethod;
          return Promise.resolve({ valid: true });
        },
      };
      try {
        const result = await suite.verifyProof({
          proof,
          proofSet: all.filter(isRecord),
          document: target,
          purpose: capture,
          documentLoader,
        });
        method ??= result.verificationMethod;
        if (!result.verified || !method) {
          return fail(...describeFailure(result.error, 'signature'));
        }
        const purpose = await purposeFor(raw).validate(proof, {
          document: target,
          suite,
          verificationMethod: method,
          documentLoader,
        });
        if (!purpose.valid) return fail(...describeFailure(purpose.error, 'purpose'));
        const id = String(method.id);
        const controller = isRecord(purpose.controller) ? purpose.controller.id : undefined;
        return {
          index,
          input,
          verified: true,
          code: 'PROOF_VALID',
          message: `${raw.type === 'DataIntegrityProof' ? `DataIntegrityProof ${String(raw.cryptosuite)}` : String(raw.type)} proof by ${id}`,
          verificationMethod: id,
          controller: typeof controller === 'string' ? controller : undefined,
        };
      } catch (error) {
        return fail(...describeFailure(error, 'signature'));
      }
    }),
  );
}
