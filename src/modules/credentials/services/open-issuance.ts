import type { FieldError } from '../../../common/errors/app-error.js';
import { AppError } from '../../../common/errors/app-error.js';
import { PINNED_CONTEXTS } from '../../../vc/document-loader.js';
import { VC_V2_CONTEXT_URL } from '../../../vc/issue.js';

/** The VC Data Model 1.1 base context: inputs naming it are refused (we issue VC 2.0 only). */
export const VC_V1_CONTEXT_URL = 'https://www.w3.org/2018/credentials/v1';

const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
// An absolute URL or URN, as VC 2.0 wants of every `id`: a scheme, a colon, something.
const URL_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

/** The VC 1.1 refusal, the same for every profile: a 400 with its own code. */
export function refuseVcV1(credential: Record<string, unknown>): void {
  const context = credential['@context'];
  if (Array.isArray(context) && context[0] === VC_V1_CONTEXT_URL) {
    throw new AppError(
      'VC_V1_NOT_SUPPORTED',
      `Credentials are issued in VC Data Model 2.0 only: @context must start with ${VC_V2_CONTEXT_URL}, not ${VC_V1_CONTEXT_URL} (use validFrom and validUntil, not issuanceDate and expirationDate).`,
      { errors: [{ path: 'credential.@context.0', message: `must be ${VC_V2_CONTEXT_URL}` }] },
    );
  }
}

/** What the `OPEN` profile makes of a credential it accepts. */
export interface OpenComposition {
  /** The most specific type, for the record (`VerifiableCredential` when it is the only one). */
  type: string;
  /** A short text for the issuer's lists: the credential's `name`, else its type. */
  summary: string;
  validFrom: Date;
  validUntil?: Date;
  /** The client's own status entries, kept before ours. */
  clientStatus: unknown[];
}

/**
 * The checks of the `OPEN` profile: a well-formed VC Data Model 2.0 credential (its normative
 * MUSTs on identifiers, types, issuer, subject, validity, status, schema, related resources and
 * the other typed properties; related resources are not fetched, so their digests are not
 * checked), issued by the caller's DID, whose string contexts are ones we hold (pinned, or our
 * own). Inline context objects are allowed: JSON-LD safe mode, when signing, refuses any term they
 * leave undefined. Every failure is a 400 naming the fields.
 *
 * @param ourContextUrl the URL of our published context.
 * @param callerDid the DID the credential must name as issuer.
 */
export function checkOpenCredential(
  credential: Record<string, unknown>,
  callerDid: string,
  ourContextUrl: string,
): OpenComposition {
  const errors: FieldError[] = [];
  const fail = (path: string, message: string) =>
    errors.push({ path: `credential.${path}`, message });
  const requireUrl = (value: unknown, path: string) => {
    if (typeof value !== 'string' || !URL_LIKE.test(value)) fail(path, 'must be a URL');
  };
  const requireTyped = (value: unknown, path: string) => {
    asList(value).forEach((item, i) => {
      const at = Array.isArray(value) ? `${path}.${i}` : path;
      if (!isRecord(item)) return fail(at, 'must be an object');
      const type = item.type;
      const ok =
        typeof type === 'string' ||
        (Array.isArray(type) && type.length > 0 && type.every((t) => typeof t === 'string'));
      if (!ok) fail(`${at}.type`, 'is required: a string or an array of strings');
      if ('id' in item) requireUrl(item.id, `${at}.id`);
    });
  };

  const unsupported: string[] = [];
  (credential['@context'] as unknown[]).forEach((entry, i) => {
    if (isRecord(entry)) return;
    if (typeof entry !== 'string') return fail(`@context.${i}`, 'must be a URL or an object');
    if (i === 0 && entry !== VC_V2_CONTEXT_URL) fail('@context.0', `must be ${VC_V2_CONTEXT_URL}`);
    if (!PINNED_CONTEXTS.has(entry) && entry !== ourContextUrl) unsupported.push(entry);
  });

  if ('id' in credential) requireUrl(credential.id, 'id');

  const types = asList(credential.type);
  if (!types.includes('VerifiableCredential')) fail('type', 'must include VerifiableCredential');

  const issuer = credential.issuer;
  const issuerId = isRecord(issuer) ? issuer.id : issuer;
  if (issuerId !== callerDid) fail('issuer', `must be your DID ${callerDid}`);

  const subjects = asList(credential.credentialSubject);
  if (subjects.length === 0) fail('credentialSubject', 'must not be empty');
  subjects.forEach((subject, i) => {
    const at = Array.isArray(credential.credentialSubject)
      ? `credentialSubject.${i}`
      : 'credentialSubject';
    if (!isRecord(subject)) return fail(at, 'must be an object');
    if (Object.keys(subject).length === 0) fail(at, 'must make at least one claim');
    if ('id' in subject) requireUrl(subject.id, `${at}.id`);
  });

  const dates: Partial<Record<'validFrom' | 'validUntil', Date>> = {};
  for (const field of ['validFrom', 'validUntil'] as const) {
    const value = credential[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !XSD_DATE_TIME.test(value) || Number.isNaN(Date.parse(value)))
      fail(field, 'must be an XML Schema dateTimeStamp (with a time zone)');
    else dates[field] = new Date(value);
  }
  if (dates.validFrom && dates.validUntil && dates.validUntil < dates.validFrom) {
    fail('validUntil', 'must not be before validFrom');
  }

  for (const field of ['credentialSchema', 'evidence', 'refreshService', 'termsOfUse']) {
    if (field in credential) requireTyped(credential[field], field);
  }
  if ('credentialSchema' in credential) {
    asList(credential.credentialSchema).forEach((schema, i) => {
      const at = Array.isArray(credential.credentialSchema)
        ? `credentialSchema.${i}`
        : 'credentialSchema';
      if (isRecord(schema) && !('id' in schema)) fail(`${at}.id`, 'is required');
    });
  }
  if ('credentialStatus' in credential)
    requireTyped(credential.credentialStatus, 'credentialStatus');
  if ('relatedResource' in credential) {
    const seen = new Set<unknown>();
    asList(credential.relatedResource).forEach((resource, i) => {
      const at = `relatedResource.${i}`;
      if (!isRecord(resource)) return fail(at, 'must be an object');
      requireUrl(resource.id, `${at}.id`);
      if (seen.has(resource.id)) fail(`${at}.id`, 'must be unique among the related resources');
      seen.add(resource.id);
      if (typeof resource.digestSRI !== 'string' && typeof resource.digestMultibase !== 'string') {
        fail(at, 'must have a digestSRI or a digestMultibase');
      }
    });
  }
  if ('proof' in credential) fail('proof', 'must be absent: the credential is signed here');

  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'The credential is not a valid VC 2.0 credential.', {
      errors,
    });
  }
  if (unsupported.length > 0) {
    throw new AppError(
      'UNSUPPORTED_CONTEXT',
      `These contexts are not among the ones this registry holds (documents are never fetched): ${unsupported.join(', ')}.`,
      {
        errors: unsupported.map((url) => ({
          path: 'credential.@context',
          message: `${url} is not supported`,
        })),
      },
    );
  }
  const specific = types.filter(
    (t): t is string => typeof t === 'string' && t !== 'VerifiableCredential',
  );
  const type = specific.at(-1) ?? 'VerifiableCredential';
  const name = credential.name;
  return {
    type,
    summary: typeof name === 'string' && name.trim() !== '' ? name.slice(0, 300) : type,
    validFrom: dates.validFrom ?? new Date(),
    validUntil: dates.validUntil,
    clientStatus: 'credentialStatus' in credential ? asList(credential.credentialStatus) : [],
  };
}

/**
 * A signing failure the credential caused (JSON-LD: an undefined term in safe mode, a protected
 * term redefined, a context that cannot be loaded) as a 400; anything else is ours and rethrown.
 */
export function signingRefusal(error: unknown): AppError | undefined {
  if (!(error instanceof Error)) return undefined;
  const fromJsonLd = error.name.startsWith('jsonld.') || error.name === 'DocumentNotAvailableError';
  if (!fromJsonLd) return undefined;
  return new AppError('INVALID_JSON_LD', `The credential cannot be signed: ${error.message}`, {
    cause: error,
  });
}
