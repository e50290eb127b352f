import { sha256Hex } from '../common/crypto/index.js';
import { VC_V2_CONTEXT_URL, xsdDateTime, type Credential, type StatusEntry } from './issue.js';
import { isCredentialType, OPEN_BADGES_SCHEMA_URL, type CredentialType } from './schemas.js';

/** The Open Badges 3.0 JSON-LD context we issue with (3.0.3, pinned in the document loader). */
export const OPEN_BADGES_CONTEXT_URL = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** Our credential types that can also be issued as an `OpenBadgeCredential`. */
export const OPEN_BADGE_NATIVE_TYPES = [
  'AcademicTitleCredential',
  'CompetencyCertificationCredential',
] as const satisfies readonly CredentialType[];

export type OpenBadgeNativeType = (typeof OPEN_BADGE_NATIVE_TYPES)[number];

/** OB `achievementType` of each native type: a title is a `Certificate`, a certificate a `Competency`. */
export const ACHIEVEMENT_TYPE_OF: Record<OpenBadgeNativeType, string> = {
  AcademicTitleCredential: 'Certificate',
  CompetencyCertificationCredential: 'Competency',
};

/**
 * The `targetType` of each alignment we write (OB's `ext:` extension of AlignmentTargetType); the
 * reader maps a credential back to our claim by them.
 */
export const ALIGNMENT_TYPES = {
  standard: 'ext:OccupationalStandard',
  occupation: 'ext:ISCO08UnitGroup',
  frameworkLevel: 'ext:QualificationsFrameworkLevel',
  iscedLevel: 'ext:ISCED2011Level',
  iscedField: 'ext:ISCEDF2013Field',
} as const;

/** `identityType` of the recipient's identity document (type, country and last four characters). */
export const IDENTITY_DOCUMENT_TYPE = 'ext:IdentityDocument';

export interface Alignment {
  type: ['Alignment'];
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetFramework?: string;
  targetType?: string;
  targetDescription?: string;
}

export interface OpenBadgeAchievement {
  id: string;
  name: string;
  description: string;
  /** `criteria.narrative`: what the holder did to earn it. */
  criteria: string;
  alignment: Alignment[];
  /** BCP 47 language of the texts. */
  inLanguage?: string;
}

export interface BuildOpenBadgeOptions {
  /** `urn:uuid:…` or a URL. */
  id: string;
  nativeType: OpenBadgeNativeType;
  /** The OB issuer `Profile`: the issuer's DID, its legal name and its page in the registry. */
  issuer: { id: string; name: string; url: string; country?: string };
  validFrom: Date;
  validUntil?: Date;
  /**
   * Our own `credentialSubject` of the native type: the recipient's name and identity document
   * become `identifier` entries, its date `activityEndDate`.
   */
  subject: Record<string, unknown>;
  achievement: OpenBadgeAchievement;
  /** OB 3.0 allows one status entry (`credentialStatus` is an object, not an array). */
  credentialStatus?: StatusEntry;
}

type Subject = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

function personName(subject: Subject): string | undefined {
  const name = subject.name as { givenNames?: string; familyNames?: string } | undefined;
  const full = [name?.givenNames, name?.familyNames].filter(Boolean).join(' ');
  return full || undefined;
}

function identifiers(subject: Subject): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const name = personName(subject);
  if (name) {
    out.push({ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: name });
  }
  const doc = subject.identityDocument as
    { type?: string; country?: string; last4?: string } | undefined;
  if (doc?.type && doc.country && doc.last4) {
    out.push({
      type: 'IdentityObject',
      identityType: IDENTITY_DOCUMENT_TYPE,
      hashed: false,
      identityHash: `${doc.type}:${doc.country}:${doc.last4}`,
    });
  }
  return out;
}

/**
 * Composes an unsigned Open Badges 3.0 `OpenBadgeCredential` (VC Data Model 2.0 and the OB 3.0
 * context) for one of our competency certificates or academic titles: the recipient as an
 * `AchievementSubject`, the certification as its `achievement` with alignments, the issuer as an
 * OB `Profile`, and the credential schema 1EdTech publishes.
 *
 * @throws TypeError when `validUntil` is not after `validFrom`, a date is invalid, or the type
 *   cannot be an Open Badge.
 */
export function buildOpenBadgeCredential(options: BuildOpenBadgeOptions): Credential {
  const { id, nativeType, issuer, validFrom, validUntil, subject, achievement } = options;
  if (!(OPEN_BADGE_NATIVE_TYPES as readonly string[]).includes(nativeType)) {
    throw new TypeError(`${String(nativeType)} cannot be issued as an Open Badge`);
  }
  if (validUntil && validUntil.getTime() <= validFrom.getTime()) {
    throw new TypeError('validUntil must be after validFrom');
  }
  const activityDate = text(subject.assessmentDate) ?? text(subject.dateAwarded);
  const credentialSubject: Record<string, unknown> = {
    ...(text(subject.id) ? { id: subject.id } : {}),
    type: ['AchievementSubject'],
    identifier: identifiers(subject),
    ...(activityDate ? { activityEndDate: `${activityDate}T00:00:00Z` } : {}),
    achievement: {
      id: achievement.id,
      type: ['Achievement'],
      achievementType: ACHIEVEMENT_TYPE_OF[nativeType],
      name: achievement.name,
      description: achievement.description,
      criteria: { narrative: achievement.criteria },
      alignment: achievement.alignment,
      ...(achievement.inLanguage ? { inLanguage: achievement.inLanguage } : {}),
    },
  };
  const credential: Credential = {
    '@context': [VC_V2_CONTEXT_URL, OPEN_BADGES_CONTEXT_URL],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievement.name,
    issuer: {
      id: issuer.id,
      type: ['Profile'],
      name: issuer.name,
      url: issuer.url,
      ...(issuer.country
        ? { address: { type: ['Address'], addressCountryCode: issuer.country } }
        : {}),
    },
    validFrom: xsdDateTime(validFrom),
    ...(validUntil ? { validUntil: xsdDateTime(validUntil) } : {}),
    credentialSubject,
    // `JsonSchema` (VC JSON Schema, defined by the VC 2.0 context): 1EdTech's older
    // `1EdTechJsonSchemaValidator2019` is defined by no context and fails JSON-LD safe mode.
    credentialSchema: [{ id: OPEN_BADGES_SCHEMA_URL, type: 'JsonSchema' }],
  };
  if (options.credentialStatus) credential.credentialStatus = options.credentialStatus;
  return credential;
}

/** Where the classifications we align to are described. */
const ESCO_ISCO_URL = 'http://data.europa.eu/esco/isco/C';
const ISCED_URL =
  'https://uis.unesco.org/en/topic/international-standard-classification-education-isced';

export interface AchievementContext {
  /** The registry's public base URL: standards and frameworks are described under it. */
  baseUrl: string;
  issuerSlug: string;
  /** The name of the subject's framework level, when the registry knows it. */
  frameworkLevelName?: string;
}

interface StandardRef {
  code: string;
  version: string;
  title: string;
}

const standardUrl = (baseUrl: string, s: StandardRef) =>
  `${baseUrl}/reference/standards/${encodeURIComponent(s.code)}?version=${encodeURIComponent(s.version)}`;

function alignmentsFor(subject: Subject, context: AchievementContext): Alignment[] {
  const out: Alignment[] = [];
  for (const standard of (subject.standards as StandardRef[] | undefined) ?? []) {
    out.push({
      type: ['Alignment'],
      targetType: ALIGNMENT_TYPES.standard,
      targetName: standard.title,
      targetUrl: standardUrl(context.baseUrl, standard),
      targetCode: standard.code,
    });
  }
  const isco08 = text(subject.isco08);
  if (isco08) {
    out.push({
      type: ['Alignment'],
      targetType: ALIGNMENT_TYPES.occupation,
      targetName: `ISCO-08 ${isco08}`,
      targetUrl: `${ESCO_ISCO_URL}${isco08}`,
      targetCode: isco08,
      targetFramework: 'ISCO-08',
    });
  }
  const level = subject.nationalLevel as { framework: string; level: number } | undefined;
  if (level) {
    out.push({
      type: ['Alignment'],
      targetType: ALIGNMENT_TYPES.frameworkLevel,
      targetName: context.frameworkLevelName ?? `${level.framework} ${level.level}`,
      targetUrl: `${context.baseUrl}/frameworks/${encodeURIComponent(level.framework)}`,
      targetCode: String(level.level),
      targetFramework: level.framework,
    });
  }
  if (typeof subject.iscedLevel === 'number') {
    out.push({
      type: ['Alignment'],
      targetType: ALIGNMENT_TYPES.iscedLevel,
      targetName: `ISCED 2011 ${subject.iscedLevel}`,
      targetUrl: ISCED_URL,
      targetCode: String(subject.iscedLevel),
      targetFramework: 'ISCED 2011',
    });
  }
  const iscedField = text(subject.iscedField);
  if (iscedField) {
    out.push({
      type: ['Alignment'],
      targetType: ALIGNMENT_TYPES.iscedField,
      targetName: `ISCED-F 2013 ${iscedField}`,
      targetUrl: ISCED_URL,
      targetCode: iscedField,
      targetFramework: 'ISCED-F 2013',
    });
  }
  return out;
}

/**
 * The `achievement` of an Open Badge for one of our competency certificates or academic titles,
 * described in Spanish (`inLanguage: es`) from its subject: for a certificate, the occupational
 * standard is the achievement (its URL in the registry is the achievement's id); for a title, the
 * title as issued, identified under the issuer's registry page. Alignments: each standard, the
 * ISCO-08 group, the framework level, the ISCED level and field, whichever the subject has.
 *
 * @throws TypeError for a type that cannot be an Open Badge.
 */
export function achievementFor(
  type: OpenBadgeNativeType,
  subject: Subject,
  context: AchievementContext,
): OpenBadgeAchievement {
  const alignment = alignmentsFor(subject, context);
  const level = subject.nationalLevel as { framework: string; level: number } | undefined;
  const levelText = level ? `, nivel ${level.framework} ${level.level}` : '';
  switch (type) {
    case 'CompetencyCertificationCredential': {
      const standards = (subject.standards as StandardRef[] | undefined) ?? [];
      const [first] = standards;
      const centre = subject.assessmentCentre as { name: string; country: string } | undefined;
      const units = (subject.unitsAchieved as string[] | undefined) ?? [];
      const refs = standards.map((s) => `${s.code} v${s.version}`).join(', ');
      const result = subject.result === 'COMPETENT' ? 'competente' : 'parcialmente competente';
      return {
        id: standardUrl(context.baseUrl, first),
        name: standards.map((s) => s.title).join(' · '),
        description: `Certificado de competencia laboral según la norma ${refs}${levelText}.`,
        criteria:
          `Evaluado(a) ${result} frente a la norma ${refs}` +
          (units.length ? `, unidades ${units.join(', ')}` : '') +
          (centre ? `, por ${centre.name} (${centre.country})` : '') +
          `, el ${String(subject.assessmentDate)}.`,
        alignment,
        inLanguage: 'es',
      };
    }
    case 'AcademicTitleCredential': {
      const institution = subject.institution as { name: string; country: string };
      const title = String(subject.titleAsIssued);
      const programme = String(subject.programme);
      const key = sha256Hex(`${institution.name}\n${programme}\n${title}`).slice(0, 16);
      return {
        id: `${context.baseUrl}/registry/issuers/${encodeURIComponent(context.issuerSlug)}#achievement-${key}`,
        name: title,
        description:
          `Título académico «${title}» del programa ${programme}, otorgado por ` +
          `${institution.name} (${institution.country})${levelText}.`,
        criteria:
          `Haber completado el programa ${programme} en ${institution.name}; título otorgado el ` +
          `${String(subject.dateAwarded)}; legalización: ${String(subject.legalisation)}.`,
        alignment,
        inLanguage: 'es',
      };
    }
    default:
      throw new TypeError(`${String(type)} cannot be issued as an Open Badge`);
  }
}

/**
 * A signed Open Badge with its proof as a set (`[proof]`), as the OB 3.0 JSON Schema requires
 * (`proof` is an array there, an object or an array in VC 2.0). The proof is not part of what it
 * signs, so the credential verifies the same. Any other credential is returned as it is.
 */
export function openBadgeProofSet(credential: Credential): Credential {
  if (!isOpenBadgeCredential(credential) || !isRecord(credential.proof)) return credential;
  return { ...credential, proof: [credential.proof] };
}

/** Whether a credential is an Open Badges 3.0 credential (`OpenBadgeCredential` or `AchievementCredential`). */
export function isOpenBadgeCredential(credential: unknown): boolean {
  if (!isRecord(credential)) return false;
  return asArray(credential.type).some(
    (type) => type === 'OpenBadgeCredential' || type === 'AchievementCredential',
  );
}

/** What a credential certifies, in the terms of our own types, whichever form it was issued in. */
export interface CertificationReading {
  type: CredentialType;
  /** A `credentialSubject` of that type, as far as the credential says it. */
  subject: Subject;
  /** The recipient's name, if the credential gives it. */
  holderName: string | null;
  /** The form it was issued in. */
  form: 'native' | 'openbadges-3.0';
}

function alignmentsOf(achievement: Subject): Subject[] {
  return asArray(achievement.alignment).filter(isRecord);
}

function standardVersion(targetUrl: unknown): string | undefined {
  try {
    return new URL(String(targetUrl)).searchParams.get('version') ?? undefined;
  } catch {
    return undefined;
  }
}

/** Reads our claim back from an Open Badge we issued; undefined for any other Open Badge. */
function readOpenBadge(credential: Credential): CertificationReading | undefined {
  const subject = isRecord(credential.credentialSubject) ? credential.credentialSubject : {};
  const achievement = isRecord(subject.achievement) ? subject.achievement : {};
  const type = (Object.keys(ACHIEVEMENT_TYPE_OF) as OpenBadgeNativeType[]).find(
    (native) => ACHIEVEMENT_TYPE_OF[native] === achievement.achievementType,
  );
  if (!type) return undefined;
  const alignments = alignmentsOf(achievement);
  const byType = (targetType: string) => alignments.filter((a) => a.targetType === targetType);
  const codeOf = (targetType: string) => text(byType(targetType)[0]?.targetCode);
  const native: Subject = {};
  const ids = asArray(subject.identifier).filter(isRecord);
  const name = text(ids.find((i) => i.identityType === 'name')?.identityHash);
  const doc = text(ids.find((i) => i.identityType === IDENTITY_DOCUMENT_TYPE)?.identityHash);
  if (doc) {
    const [docType, country, last4] = doc.split(':');
    native.identityDocument = { type: docType, country, last4 };
  }
  const level = byType(ALIGNMENT_TYPES.frameworkLevel)[0];
  if (level && text(level.targetFramework) && Number.isInteger(Number(level.targetCode))) {
    native.nationalLevel = { framework: level.targetFramework, level: Number(level.targetCode) };
  }
  const standards = byType(ALIGNMENT_TYPES.standard).flatMap((a) =>
    text(a.targetCode)
      ? [{ code: a.targetCode, version: standardVersion(a.targetUrl), title: a.targetName }]
      : [],
  );
  if (standards.length) native.standards = standards;
  const isco08 = codeOf(ALIGNMENT_TYPES.occupation);
  if (isco08) native.isco08 = isco08;
  const iscedField = codeOf(ALIGNMENT_TYPES.iscedField);
  if (iscedField) native.iscedField = iscedField;
  const iscedLevel = Number(codeOf(ALIGNMENT_TYPES.iscedLevel));
  if (Number.isInteger(iscedLevel)) native.iscedLevel = iscedLevel;
  if (type === 'AcademicTitleCredential' && text(achievement.name)) {
    native.titleAsIssued = achievement.name;
  }
  return { type, subject: native, holderName: name ?? null, form: 'openbadges-3.0' };
}

/**
 * What a credential certifies in the terms of our types: its own type and subject for a credential
 * of ours; for an Open Badge we issued, the type its `achievementType` stands for
 * (`Competency` → `CompetencyCertificationCredential`, `Certificate` → `AcademicTitleCredential`)
 * and a subject read back from its alignments and identifiers (standards, ISCO-08 group, framework
 * level, ISCED level and field, identity document). Undefined for any other credential.
 */
export function readCertification(
  credential: Credential | undefined,
): CertificationReading | undefined {
  if (!credential) return undefined;
  if (isOpenBadgeCredential(credential)) return readOpenBadge(credential);
  const type = asArray(credential.type).find(isCredentialType);
  if (!type) return undefined;
  const subject = isRecord(credential.credentialSubject) ? credential.credentialSubject : {};
  return { type, subject, holderName: personName(subject) ?? null, form: 'native' };
}
