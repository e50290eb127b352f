/** The version of the decision rules (DOMAIN.md, "The recognition decision") the engine applies. */
export const RULES_VERSION = '2026-12-1';

/** What the holder wants the credential for in the destination country. */
export const PURPOSES = ['EMPLOYMENT', 'ACADEMIC_CONTINUATION', 'PROFESSIONAL_PRACTICE'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const AGREEMENT_KINDS = ['BILATERAL', 'MULTILATERAL', 'PILOT', 'UNILATERAL_POLICY'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_MODES = ['AUTOMATIC', 'ON_REQUEST', 'CASE_BY_CASE'] as const;
export type AgreementMode = (typeof AGREEMENT_MODES)[number];

export const AGREEMENT_STATUSES = ['IN_FORCE', 'SUSPENDED', 'TERMINATED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const MAPPING_KINDS = ['FULL', 'PARTIAL', 'NONE'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

/**
 * Equivalences an agreement derives instead of listing them, for the directions that have no
 * explicit mapping. `SAME_OCCUPATION_SAME_LEVEL`: the destination's standard of the same ISCO-08
 * unit group is FULL at the same meta level, PARTIAL (with a gap assessment) one level apart;
 * where the destination has no standard for that unit group, the rule itself is the equivalence:
 * FULL, as the unit group at the destination framework's level(s) referenced to the meta level.
 */
export const EQUIVALENCE_RULES = ['SAME_OCCUPATION_SAME_LEVEL'] as const;
export type EquivalenceRule = (typeof EQUIVALENCE_RULES)[number];

/** Conditions that must hold for the agreement to apply at all. */
export const HARD_CONDITION_CODES = [
  'ISSUED_AFTER',
  'MAX_AGE_YEARS',
  'ISSUER_AUTHORISED',
  'IDENTITY_VERIFIED',
] as const;
export type HardConditionCode = (typeof HARD_CONDITION_CODES)[number];

/** Conditions the holder still has to meet in the destination: recognition with conditions. */
export const SOFT_CONDITION_CODES = [
  'GAP_ASSESSMENT',
  'LANGUAGE_TEST',
  'PROFESSIONAL_LICENCE',
  'COMPLEMENTARY_STUDIES',
] as const;
export type SoftConditionCode = (typeof SOFT_CONDITION_CODES)[number];

export const CONDITION_CODES = [...HARD_CONDITION_CODES, ...SOFT_CONDITION_CODES] as const;
export type ConditionCode = (typeof CONDITION_CODES)[number];

export const isHardCondition = (code: string): code is HardConditionCode =>
  (HARD_CONDITION_CODES as readonly string[]).includes(code);

export const RECOGNITION_OUTCOMES = [
  'RECOGNISED',
  'VALID_WITH_CONDITIONS',
  'VALID_NOT_COVERED',
  'VALID_DOMESTIC',
  'AGREEMENT_SUSPENDED',
  'REVOKED',
  'SUSPENDED',
  'EXPIRED',
  'INVALID',
] as const;
export type RecognitionOutcome = (typeof RECOGNITION_OUTCOMES)[number];

/** Why the engine answered what it did; each outcome comes with at least one. */
export const RECOGNITION_REASONS = [
  // steps 1–3
  'INVALID',
  'REVOKED',
  'SUSPENDED',
  'EXPIRED',
  'SAME_COUNTRY',
  // before the agreements: issued under the OPEN profile, outside any accreditation
  'OUTSIDE_ACCREDITATION',
  // step 4
  'NO_AGREEMENT',
  'AGREEMENT_SUSPENDED',
  // step 5
  'TYPE_OUT_OF_SCOPE',
  'LEVEL_OUT_OF_SCOPE',
  'OCCUPATION_OUT_OF_SCOPE',
  'STANDARD_OUT_OF_SCOPE',
  'FIELD_OUT_OF_SCOPE',
  'PURPOSE_OUT_OF_SCOPE',
  'DECISION_NOT_GRANTED',
  // step 6: the unmet hard conditions, by their codes
  ...HARD_CONDITION_CODES,
  // step 7
  'FULL_EQUIVALENCE',
  'DECISION_HONOURED',
  'PARTIAL_EQUIVALENCE',
  'NO_EQUIVALENCE',
  'NO_EQUIVALENCE_DEFINED',
  'CONDITIONS_APPLY',
  'FIELD_RESTRICTION',
  'DECISION_CONDITIONAL',
] as const;
export type RecognitionReason = (typeof RECOGNITION_REASONS)[number];
