import * as bitstringStatusList from '@digitalbazaar/vc-bitstring-status-list';
import { verificationSuites } from './cryptosuite.js';
import type { DocumentLoader } from './document-loader.js';
import { VC_V2_CONTEXT_URL, type Credential, type StatusEntry } from './issue.js';
import { isOpenBadgeCredential } from './open-badges.js';
import { isCredentialType, type CredentialSchemas, type ValidationResult } from './schemas.js';

// The checks of a verification other than the proof: structure, validity, status, schema.

export const VC_V1_CONTEXT_URL = 'https://www.w3.org/2018/credentials/v1';

export type CheckId = 'structure' | 'proof' | 'validity' | 'status' | 'schema';

/** One verification step. Callers may append their own (trust list, accreditation, key state). */
export interface Check {
  id: CheckId | (string & {});
  status: 'passed' | 'failed' | 'skipped';
  /** Stable UPPER_SNAKE code, e.g. `SIGNATURE_INVALID`, `REVOKED`, `EXPIRED`. */
  code: string;
  message: string;
}

/**
 * Tells whether the bit a status entry points at is set. Throwing means the status could not be
 * determined (the check fails with `STATUS_UNAVAILABLE`).
 */
export type StatusChecker = (entry: StatusEntry, credential: Credential) => Promise<boolean>;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value is an absolute URL (any scheme: https, did, urn…). */
export function isUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    return new URL(value).protocol !== '';
  } catch {
    return false;
  }
}

/** A JSON-LD value as an array: absent → [], one value → [value]. */
export function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The issuer id of a credential, whether `issuer` is a string or an object. */
export function issuerOf(credential: Record<string, unknown>): unknown {
  const { issuer } = credential;
  return isRecord(issuer) ? issuer.id : issuer;
}

/** Whether a value is an XML Schema dateTime with a time zone. */
export function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Why the `@context` items after the first are not "URLs and/or objects" (VC Data Model 2.0
 * §4.3), if they are not.
 */
export function contextItemsProblem(context: readonly unknown[]): string | undefined {
  const bad = context.slice(1).findIndex((item) => !isRecord(item) && !isUrl(item));
  if (bad === -1) return undefined;
  return `"@context" items must be URLs or objects; item ${bad + 1} is neither`;
}

/** The VC Data Model problems of a credential (2.0, or 1.1 for older issuers), first to last. */
export function structureProblems(credential: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const context = credential['@context'];
  const version: unknown = Array.isArray(context) ? context[0] : undefined;
  if (version !== VC_V2_CONTEXT_URL && version !== VC_V1_CONTEXT_URL) {
    problems.push(`"@context" must be an array starting with "${VC_V2_CONTEXT_URL}"`);
  } else {
    const problem = contextItemsProblem(context as unknown[]);
    if (problem) problems.push(problem);
  }
  if (!asArray(credential.type).includes('VerifiableCredential')) {
    problems.push('"type" must include "VerifiableCredential"');
  }
  if ('id' in credential && !isUrl(credential.id)) problems.push('"id" must be a URL');
  if (!isUrl(issuerOf(credential)))
    problems.push('"issuer" must be a URL or an object whose id is one');
  const subjects = asArray(credential.credentialSubject);
  if (subjects.length === 0 || !subjects.every((s) => isRecord(s) && Object.keys(s).length > 0)) {
    problems.push('"credentialSubject" must be a non-empty object');
  }
  const dates =
    version === VC_V1_CONTEXT_URL
      ? { from: 'issuanceDate', until: 'expirationDate', required: true }
      : { from: 'validFrom', until: 'validUntil', required: false };
  for (const name of [dates.from, dates.until]) {
    const value = credential[name];
    if (value === undefined && !(name === dates.from && dates.required)) continue;
    if (!isDateTime(value))
      problems.push(`"${name}" must be an XML Schema dateTime with a time zone`);
  }
  const from = credential[dates.from];
  const until = credential[dates.until];
  if (isDateTime(from) && isDateTime(until) && Date.parse(until) < Date.parse(from)) {
    problems.push(`"${dates.until}" is before "${dates.from}"`);
  }
  for (const entry of asArray(credential.credentialStatus)) {
    if (!isRecord(entry) || typeof entry.type !== 'string') {
      problems.push('each "credentialStatus" must be an object with a type');
    } else if (entry.type === 'BitstringStatusListEntry') {
      if (
        typeof entry.statusPurpose !== 'string' ||
        typeof entry.statusListIndex !== 'string' ||
        !/^(0|[1-9]\d*)$/.test(entry.statusListIndex) ||
        !isUrl(entry.statusListCredential)
      ) {
        problems.push(
          'a BitstringStatusListEntry needs statusPurpose, statusListIndex (a non-negative integer string) and statusListCredential (a URL)',
        );
      }
    }
  }
  return problems;
}

// Multibase base58-btc (vc-di-eddsa §2.2.1): "z" then base58-btc characters only. Base58 maps
// strings and byte strings one to one, so this is "re-encodes to exactly the input".
export const MULTIBASE_BASE58BTC = /^z[1-9A-HJ-NP-Za-km-z]+$/;

/** A structural problem of a Data Integrity proof, found before any cryptography. */
export interface ProofShapeProblem {
  /**
   * `PROOF_MISSING` (no proof at all), `MALFORMED_PROOF` (Data Integrity §4.5 step 2:
   * MALFORMED_PROOF_ERROR) or `UNSUPPORTED_PROOF` (a type or cryptosuite we do not verify).
   */
  code: 'PROOF_MISSING' | 'MALFORMED_PROOF' | 'UNSUPPORTED_PROOF';
  /** Where, from the secured document: `proof`, `proof.1.proofValue`… */
  path: string;
  message: string;
}

function oneProofProblem(proof: unknown, path: string): ProofShapeProblem | undefined {
  const malformed = (at: string, message: string): ProofShapeProblem => ({
    code: 'MALFORMED_PROOF',
    path: at ? `${path}.${at}` : path,
    message,
  });
  if (!isRecord(proof)) return malformed('', 'A proof must be an object');
  if (typeof proof.type !== 'string' || proof.type === '') {
    return malformed('type', 'The proof has no "type"');
  }
  if (proof.type === 'DataIntegrityProof') {
    if (typeof proof.cryptosuite !== 'string' || proof.cryptosuite === '') {
      return malformed('cryptosuite', 'A DataIntegrityProof has no "cryptosuite"');
    }
    if (proof.cryptosuite !== 'eddsa-rdfc-2022') {
      return {
        code: 'UNSUPPORTED_PROOF',
        path: `${path}.cryptosuite`,
        message: 'The cryptosuite is not supported (eddsa-rdfc-2022)',
      };
    }
  } else if (proof.type !== 'Ed25519Signature2020') {
    return {
      code: 'UNSUPPORTED_PROOF',
      path: `${path}.type`,
      message: 'The proof type is not supported (DataIntegrityProof, Ed25519Signature2020)',
    };
  }
  // Data Integrity §2.1: created and expires are optional dateTimeStamps; the Ed25519Signature2020
  // suite requires created.
  if (proof.created === undefined && proof.type === 'Ed25519Signature2020') {
    return malformed('created', 'An Ed25519Signature2020 proof has no "created"');
  }
  for (const name of ['created', 'expires']) {
    if (proof[name] !== undefined && !isDateTime(proof[name])) {
      return malformed(name, `"${name}" must be an XML Schema dateTime with a time zone`);
    }
  }
  if (!isUrl(proof.verificationMethod)) {
    return malformed('verificationMethod', 'The proof has no "verificationMethod" URL');
  }
  if (typeof proof.proofPurpose !== 'string' || proof.proofPurpose === '') {
    return malformed('proofPurpose', 'The proof has no "proofPurpose"');
  }
  if (typeof proof.proofValue !== 'string') {
    return malformed('proofValue', 'The proof has no "proofValue"');
  }
  if (!MULTIBASE_BASE58BTC.test(proof.proofValue)) {
    return malformed(
      'proofValue',
      '"proofValue" must be multibase base58-btc: "z" then base58-btc characters only, no whitespace',
    );
  }
  return undefined;
}

/**
 * The structural problems of the Data Integrity proofs of a secured document (a credential or a
 * presentation): none at all (`proof` absent, null or an empty set), or each proof of the set
 * that is not an object, lacks a member the verification needs, or names a type or cryptosuite we
 * do not verify. Empty when every proof can be verified; whether its signature holds is not
 * looked at.
 */
export function proofShapeProblems(document: Record<string, unknown>): ProofShapeProblem[] {
  const { proof } = document;
  if (proof === undefined || proof === null || (Array.isArray(proof) && proof.length === 0)) {
    return [{ code: 'PROOF_MISSING', path: 'proof', message: 'The document has no proof' }];
  }
  const proofs = Array.isArray(proof) ? proof : [proof];
  return proofs
    .map((one, i) => oneProofProblem(one, Array.isArray(proof) ? `proof.${i}` : 'proof'))
    .filter((problem): problem is ProofShapeProblem => problem !== undefined);
}

/**
 * The `validity` check: validFrom/validUntil (issuanceDate/expirationDate in VC 1.1), narrowed by
 * JWT `nbf`/`exp` claims when present, at `now`.
 */
export function validityCheck(
  credential: Record<string, unknown>,
  now: Date,
  jwtClaims: Record<string, unknown>,
): Check {
  const v1 = asArray(credential['@context'])[0] === VC_V1_CONTEXT_URL;
  const from = credential[v1 ? 'issuanceDate' : 'validFrom'];
  const until = credential[v1 ? 'expirationDate' : 'validUntil'];
  const notBefore = [typeof from === 'string' ? Date.parse(from) : NaN];
  const notAfter = [typeof until === 'string' ? Date.parse(until) : NaN];
  // JWT registered claims, if the issuer added them, bound the window too.
  if (typeof jwtClaims.nbf === 'number') notBefore.push(jwtClaims.nbf * 1000);
  if (typeof jwtClaims.exp === 'number') notAfter.push(jwtClaims.exp * 1000);
  const start = Math.max(...notBefore.filter((t) => !Number.isNaN(t)), -Infinity);
  const end = Math.min(...notAfter.filter((t) => !Number.isNaN(t)), Infinity);
  if (now.getTime() < start) {
    return {
      id: 'validity',
      status: 'failed',
      code: 'NOT_YET_VALID',
      message: `Not valid before ${new Date(start).toISOString()}`,
    };
  }
  if (now.getTime() > end) {
    return {
      id: 'validity',
      status: 'failed',
      code: 'EXPIRED',
      message: `Expired at ${new Date(end).toISOString()}`,
    };
  }
  return {
    id: 'validity',
    status: 'passed',
    code: 'WITHIN_VALIDITY',
    message: Number.isFinite(end)
      ? `Valid until ${new Date(end).toISOString()}`
      : 'Valid with no end date',
  };
}

/**
 * The `status` check: reads every revocation and suspension entry through the checker; revoked
 * wins over suspended.
 */
export async function statusCheck(
  credential: Credential,
  checker: StatusChecker | false,
): Promise<Check> {
  const entries = asArray(credential.credentialStatus);
  if (entries.length === 0) {
    return {
      id: 'status',
      status: 'skipped',
      code: 'NO_STATUS',
      message: 'The credential has no status entry',
    };
  }
  if (checker === false) {
    return {
      id: 'status',
      status: 'skipped',
      code: 'STATUS_NOT_CHECKED',
      message: 'Status was not checked',
    };
  }
  const bitstringEntries = entries.filter(
    (entry): entry is StatusEntry =>
      isRecord(entry) &&
      (entry.type === 'BitstringStatusListEntry' || entry.type === 'StatusList2021Entry'),
  );
  if (bitstringEntries.length !== entries.length) {
    return {
      id: 'status',
      status: 'failed',
      code: 'UNSUPPORTED_STATUS',
      message:
        'Only BitstringStatusListEntry and StatusList2021Entry status entries can be checked',
    };
  }
  const found = new Set<string>();
  for (const entry of bitstringEntries) {
    if (entry.statusPurpose !== 'revocation' && entry.statusPurpose !== 'suspension') continue;
    let set: boolean;
    try {
      set = await checker(entry, credential);
    } catch (error) {
      return {
        id: 'status',
        status: 'failed',
        code: 'STATUS_UNAVAILABLE',
        message: `The ${entry.statusPurpose} status could not be read: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (set) found.add(entry.statusPurpose);
  }
  if (found.has('revocation')) {
    return {
      id: 'status',
      status: 'failed',
      code: 'REVOKED',
      message: 'The issuer has revoked this credential',
    };
  }
  if (found.has('suspension')) {
    return {
      id: 'status',
      status: 'failed',
      code: 'SUSPENDED',
      message: 'The issuer has suspended this credential',
    };
  }
  return {
    id: 'status',
    status: 'passed',
    code: 'NOT_REVOKED',
    message: 'Neither revoked nor suspended',
  };
}

/**
 * The `schema` check: the subject of our credential types against its schema, an Open Badges 3.0
 * credential as a whole against the OB 3.0 JSON Schema; undefined when no schemas are given.
 */
export function schemaCheck(
  credential: Credential,
  schemas: CredentialSchemas | undefined,
): Check | undefined {
  if (!schemas) return undefined;
  if (isOpenBadgeCredential(credential)) {
    return schemaOutcome(schemas.validateOpenBadge(credential), 'OpenBadgeCredential (OB 3.0)');
  }
  const type = asArray(credential.type).find(isCredentialType);
  if (!type) {
    return {
      id: 'schema',
      status: 'skipped',
      code: 'NO_SCHEMA',
      message: 'Not one of our credential types',
    };
  }
  return schemaOutcome(schemas.validateSubject(type, credential.credentialSubject), type);
}

function schemaOutcome(result: ValidationResult, what: string): Check {
  if (result.valid)
    return { id: 'schema', status: 'passed', code: 'SCHEMA_VALID', message: `Valid ${what}` };
  return {
    id: 'schema',
    status: 'failed',
    code: 'SCHEMA_INVALID',
    message: result.errors
      .map((error) => `${error.path || '(subject)'}: ${error.message}`)
      .join('; '),
  };
}

/**
 * A {@link StatusChecker} that reads the signed `BitstringStatusListCredential` through the
 * document loader and checks it with `@digitalbazaar/vc-bitstring-status-list`: the list
 * credential's proof must verify, its issuer must be the credential's issuer and its purpose the
 * entry's.
 */
export function createListStatusChecker(options: {
  documentLoader: DocumentLoader;
}): StatusChecker {
  const { documentLoader } = options;
  if (typeof documentLoader !== 'function') throw new TypeError('documentLoader is required');
  return async (entry, credential) => {
    const result = await bitstringStatusList.checkStatus({
      credential: { ...credential, credentialStatus: entry },
      documentLoader,
      suite: verificationSuites(),
      verifyBitstringStatusListCredential: true,
      verifyMatchingIssuers: true,
    });
    const status = result.results?.[0]?.status;
    if (!result.verified || typeof status !== 'boolean') {
      throw result.error ?? new Error('The status list credential did not verify');
    }
    return status;
  };
}
