/** A case's lifecycle: SUBMITTED → IN_REVIEW ⇄ INFO_REQUESTED → DECIDED, or WITHDRAWN. */
export const CASE_STATUSES = [
  'SUBMITTED',
  'IN_REVIEW',
  'INFO_REQUESTED',
  'DECIDED',
  'WITHDRAWN',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How the holder had the origin document legalised, if at all. */
export const LEGALISATION_ROUTES = [
  'APOSTILLE',
  'CONSULAR',
  'ALT_MECHANISM',
  'WAIVED_BY_COURT',
  'VERIFIED_IN_REGISTRY',
  'NONE',
] as const;
export type LegalisationRoute = (typeof LEGALISATION_ROUTES)[number];

/**
 * How firmly the origin was established, strongest first: a credential that verified in this
 * registry; legalised paper the authority checked; an alternative mechanism or a court waiver;
 * the holder's declaration.
 */
export const ASSURANCE_LEVELS = [
  'REGISTRY_VERIFIED',
  'LEGALISED_PAPER',
  'ALTERNATIVE_MECHANISM',
  'DECLARATION',
] as const;
export type AssuranceLevel = (typeof ASSURANCE_LEVELS)[number];

export const CASE_OUTCOMES = ['RECOGNISED', 'RECOGNISED_WITH_CONDITIONS', 'REFUSED'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** What a holder recognised with conditions still has to do. */
export const DECISION_CONDITION_KINDS = [
  'COMPLEMENTARY_TRAINING',
  'EXAM',
  'LICENCE',
  'OTHER',
] as const;
export type DecisionConditionKind = (typeof DECISION_CONDITION_KINDS)[number];

export const DECISION_EFFECTS = ['ACADEMIC', 'EMPLOYMENT', 'PROFESSIONAL_PRACTICE'] as const;
export type DecisionEffect = (typeof DECISION_EFFECTS)[number];

/** Supporting files: PDF or image, sniffed from their bytes, at most this many bytes each. */
export const CASE_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
// Within the JSON body limit (BODY_LIMIT_BYTES, 1 MiB by default) once base64-encoded.
export const CASE_FILE_MAX_BYTES = 512 * 1024;
export const CASE_FILES_PER_MESSAGE = 3;
