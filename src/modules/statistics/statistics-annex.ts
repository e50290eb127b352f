/**
 * The statistical annex: optional attributes an issuer may attach to a certification for
 * statistics only. Never signed into the credential, never in a verification answer; stored
 * pseudonymised (see StatisticsRecordsService) and counted only while the holder's statistics
 * consent stands. The code lists and lawful bases are in docs/statistics.md.
 */
export const SEXES = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] as const;
export type Sex = (typeof SEXES)[number];

export const MIGRATION_STATUSES = [
  'NATIONAL',
  'MIGRANT_REGULAR',
  'MIGRANT_IRREGULAR',
  'REFUGEE_ASYLUM_SEEKER',
  'RETURNED_NATIONAL',
  'UNKNOWN',
] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

export const AGE_BANDS = ['15-24', '25-34', '35-44', '45-54', '55-64', '65+', 'UNKNOWN'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const DISABILITY_ANSWERS = ['YES', 'NO', 'UNKNOWN'] as const;
export type DisabilityAnswer = (typeof DISABILITY_ANSWERS)[number];

/** Regional groups the national self-identification lists are published in. */
export const ETHNICITY_GROUPS = [
  'INDIGENOUS',
  'AFRODESCENDANT',
  'OTHER',
  'NONE',
  'UNKNOWN',
] as const;
export type EthnicityGroup = (typeof ETHNICITY_GROUPS)[number];

/**
 * Each country's own self-identification list (the census categories, abridged), as
 * `<country>:<code>`, with the regional group it is published in.
 */
export const ETHNICITY_CODES: Record<string, EthnicityGroup> = {
  'CO:INDIGENA': 'INDIGENOUS',
  'CO:NARP': 'AFRODESCENDANT',
  'CO:RROM': 'OTHER',
  'CO:NINGUNO': 'NONE',
  'PE:QUECHUA': 'INDIGENOUS',
  'PE:AIMARA': 'INDIGENOUS',
  'PE:AMAZONICO': 'INDIGENOUS',
  'PE:AFROPERUANO': 'AFRODESCENDANT',
  'PE:MESTIZO': 'OTHER',
  'PE:BLANCO': 'OTHER',
  'PE:OTRO': 'OTHER',
  'EC:INDIGENA': 'INDIGENOUS',
  'EC:AFROECUATORIANO': 'AFRODESCENDANT',
  'EC:MONTUBIO': 'OTHER',
  'EC:MESTIZO': 'OTHER',
  'EC:BLANCO': 'OTHER',
  'CL:PUEBLO_ORIGINARIO': 'INDIGENOUS',
  'CL:AFRODESCENDIENTE': 'AFRODESCENDANT',
  'CL:NINGUNO': 'NONE',
  'BR:INDIGENA': 'INDIGENOUS',
  'BR:PRETA': 'AFRODESCENDANT',
  'BR:PARDA': 'AFRODESCENDANT',
  'BR:BRANCA': 'OTHER',
  'BR:AMARELA': 'OTHER',
  'VE:INDIGENA': 'INDIGENOUS',
  'VE:AFRODESCENDIENTE': 'AFRODESCENDANT',
  'VE:OTRO': 'OTHER',
  'VE:NINGUNO': 'NONE',
  UNKNOWN: 'UNKNOWN',
};
export const ETHNICITY_CODE_LIST = Object.keys(ETHNICITY_CODES);

/** The annex as an issuer sends it; every field optional. */
export interface StatisticsAnnex {
  sex?: Sex;
  /** ISO 3166-1 alpha-2. */
  nationality?: string;
  migrationStatus?: MigrationStatus;
  ageBand?: AgeBand;
  disability?: DisabilityAnswer;
  ethnicity?: string;
}

/** The dimensions of a certification that statistics count it by, from the credential. */
export interface CertificationFacts {
  /** The holder whose pseudonym keys the record; null for a credential issued without one. */
  holderId: string | null;
  /** Used as the unit when there is no holder. */
  credentialId: string;
  issuerSlug: string;
  issuerCountry: string;
  credentialType: string;
  issuedAt: Date;
  /** ISCO-08 code of the occupation, when the credential names one. */
  isco08?: string;
  /** The national framework level the credential names, for its regional meta-level. */
  nationalLevel?: { framework: string; level: number };
  /** A recognition decision's outcome, as its subject states it. */
  decisionOutcome?: string;
  /** The country of the title a recognition decision recognised, when the subject names it. */
  originCountry?: string;
}

export const DECISION_TYPE = 'RecognitionDecisionCredential';
export const DECISION_OUTCOMES = ['GRANTED', 'GRANTED_WITH_CONDITIONS', 'DENIED'] as const;

/** The decision columns of a record: set only for a recognition decision. */
export function decisionFacts(facts: CertificationFacts): {
  decisionOutcome: string | null;
  originCountry: string | null;
} {
  if (facts.credentialType !== DECISION_TYPE) return { decisionOutcome: null, originCountry: null };
  const outcome = (DECISION_OUTCOMES as readonly string[]).includes(facts.decisionOutcome ?? '')
    ? facts.decisionOutcome!
    : null;
  return { decisionOutcome: outcome, originCountry: facts.originCountry ?? null };
}

/** What statistics read of a credential subject: occupation, national level, a decision's facts. */
export function subjectFacts(
  subject: Record<string, unknown>,
): Pick<CertificationFacts, 'isco08' | 'nationalLevel' | 'decisionOutcome' | 'originCountry'> {
  const level = subject.nationalLevel as { framework?: unknown; level?: unknown } | undefined;
  // A recognition decision: its outcome, and the origin country of an academic title's summary.
  const recognised = subject.recognisedCredential as
    { summary?: { institution?: { country?: unknown } } } | undefined;
  const origin = recognised?.summary?.institution?.country;
  return {
    decisionOutcome: typeof subject.outcome === 'string' ? subject.outcome : undefined,
    originCountry: typeof origin === 'string' && /^[A-Z]{2}$/.test(origin) ? origin : undefined,
    isco08: typeof subject.isco08 === 'string' ? subject.isco08 : undefined,
    nationalLevel:
      typeof level?.framework === 'string' && typeof level.level === 'number'
        ? { framework: level.framework, level: level.level }
        : undefined,
  };
}
