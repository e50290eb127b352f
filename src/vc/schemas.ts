import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The credential types this registry issues, each with a JSON Schema `schemas/<type>.json`. */
export const CREDENTIAL_TYPES = [
  'AcademicTitleCredential',
  'CompetencyCertificationCredential',
  'RecognitionDecisionCredential',
] as const;

export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/**
 * File name of our JSON-LD context inside the schemas directory. It defines every term of our
 * three credential types, `@protected`, without redefining any VC 2.0 term. Its vocabulary IRI is
 * the fixed `urn:reconoce:vocab#`, not a URL under PUBLIC_BASE_URL: what a term means must not
 * change with the host a deployment runs on, and a URN is never mistaken for something to fetch.
 * The context URL itself is the deployment's (`<PUBLIC_BASE_URL>/contexts/v1`), pinned in the
 * document loader.
 */
export const CONTEXT_FILE = 'context-v1.jsonld';

/** Where 1EdTech publishes the Open Badges 3.0 JSON Schema that an Open Badge's `credentialSchema` names. */
export const OPEN_BADGES_SCHEMA_URL =
  'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';

/** The vendored copy of that schema, relative to the schemas directory (see its README.md). */
export const OPEN_BADGES_SCHEMA_FILE = 'openbadges/ob_v3p0_achievementcredential_schema.json';

/** One failing field: a dotted path from the validated object (`institution.name`, `standards.0.code`). */
export interface FieldError {
  path: string;
  message: string;
}

export type ValidationResult = { valid: true } | { valid: false; errors: FieldError[] };

/** The compiled schemas of every credential type. */
export interface CredentialSchemas {
  /** The schema documents as published (`GET /schemas/<type>.json`). */
  readonly documents: ReadonlyMap<CredentialType, Record<string, unknown>>;
  /**
   * Validates a `credentialSubject` against its type's schema, listing every failing field.
   *
   * @throws TypeError for a type that is not one of {@link CREDENTIAL_TYPES}.
   */
  validateSubject(type: CredentialType, subject: unknown): ValidationResult;
  /**
   * Validates a whole credential as a VC JSON Schema verifier would (the schema requires its
   * type in `type` and checks `credentialSubject`); paths start at the credential.
   *
   * @throws TypeError for a type that is not one of {@link CREDENTIAL_TYPES}.
   */
  validateCredential(type: CredentialType, credential: unknown): ValidationResult;
  /** Validates a whole credential against the Open Badges 3.0 JSON Schema (`OpenBadgeCredential`). */
  validateOpenBadge(credential: unknown): ValidationResult;
}

/** Whether a value names one of our credential types. */
export function isCredentialType(value: unknown): value is CredentialType {
  return (CREDENTIAL_TYPES as readonly unknown[]).includes(value);
}

function toPath(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(error: ErrorObject): FieldError {
  const path = toPath(error.instancePath);
  let message = error.message ?? 'is invalid';
  switch (error.keyword) {
    case 'required':
      path.push((error.params as { missingProperty: string }).missingProperty);
      message = 'is required';
      break;
    case 'additionalProperties':
      path.push((error.params as { additionalProperty: string }).additionalProperty);
      message = 'is not allowed';
      break;
    case 'enum':
      message = `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues
        .map((value) => JSON.stringify(value))
        .join(', ')}`;
      break;
  }
  return { path: path.join('.'), message };
}

function result(validate: ValidateFunction, value: unknown): ValidationResult {
  if (validate(value)) return { valid: true };
  const errors = (validate.errors ?? [])
    // `if`/`anyOf` wrappers only repeat what their branches already report.
    .filter((error) => error.keyword !== 'if' && error.keyword !== 'anyOf')
    .map(describe);
  const unique = new Map(errors.map((error) => [`${error.path}\u0000${error.message}`, error]));
  return { valid: false, errors: [...unique.values()] };
}

/**
 * Reads and compiles the JSON Schemas (draft 2020-12) of every credential type from `dir`, with
 * Ajv in `allErrors` mode so that every failing field is reported, and `ajv-formats` for `date`
 * and `uri`; and the vendored Open Badges 3.0 schema (`OPEN_BADGES_SCHEMA_FILE`).
 *
 * @throws Error when a schema file is missing or does not compile.
 */
export function loadSchemas(dir: string): CredentialSchemas {
  // strictRequired off: `then: {required: […]}` names properties defined beside it, not in it.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
  addFormats.default(ajv, ['date', 'uri']);
  const documents = new Map<CredentialType, Record<string, unknown>>();
  const subjects = new Map<CredentialType, ValidateFunction>();
  const credentials = new Map<CredentialType, ValidateFunction>();
  for (const type of CREDENTIAL_TYPES) {
    const file = join(dir, `${type}.json`);
    let document: Record<string, unknown>;
    try {
      document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new Error(`Cannot read the JSON Schema of ${type} at ${file}`, { cause: error });
    }
    // Keyed by type so that the files need no deployment-specific `$id`.
    ajv.addSchema(document, type);
    documents.set(type, document);
    credentials.set(type, ajv.getSchema(type)!);
    subjects.set(type, ajv.getSchema(`${type}#/$defs/credentialSubject`)!);
  }

  function pick(validators: Map<CredentialType, ValidateFunction>, type: CredentialType) {
    const validate = validators.get(type);
    if (!validate) throw new TypeError(`Unknown credential type "${String(type)}"`);
    return validate;
  }

  // Compiled on first use: the OB schema is large, and most processes never see an Open Badge.
  let openBadge: ValidateFunction | undefined;
  return {
    documents,
    validateSubject: (type, subject) => result(pick(subjects, type), subject),
    validateCredential: (type, credential) => result(pick(credentials, type), credential),
    validateOpenBadge: (credential) =>
      result((openBadge ??= compileOpenBadgeSchema(dir)), credential),
  };
}

/**
 * The vendored Open Badges 3.0 JSON Schema (1EdTech's, draft 2019-09), compiled under its published
 * URL. Ajv's strict mode is off for it alone: it refuses constructs of the official file (tuple
 * `items` without `minItems`, unknown formats' keywords) that we must not edit.
 */
function compileOpenBadgeSchema(dir: string): ValidateFunction {
  const file = join(dir, OPEN_BADGES_SCHEMA_FILE);
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Cannot read the Open Badges 3.0 JSON Schema at ${file}`, { cause: error });
  }
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile({ ...document, $id: OPEN_BADGES_SCHEMA_URL });
}

/**
 * Reads our JSON-LD context (`context-v1.jsonld`) from the schemas directory.
 *
 * @throws Error when the file is missing or not a JSON-LD context document.
 */
export function readOurContext(dir: string): Record<string, unknown> {
  const file = join(dir, CONTEXT_FILE);
  const document = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (typeof document['@context'] !== 'object' || document['@context'] === null) {
    throw new Error(`${file} is not a JSON-LD context document`);
  }
  return document;
}
