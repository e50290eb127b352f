// The data the recognition engine decides on and answers with: plain values, no classes.

import type { CredentialType } from '../../vc/schemas.js';
import type {
  AgreementKind,
  AgreementMode,
  AgreementStatus,
  ConditionCode,
  EquivalenceRule,
  MappingKind,
  Purpose,
  RecognitionOutcome,
  RecognitionReason,
  SoftConditionCode,
} from './recognition.constants.js';

/** What a receiving country decided about a foreign title (a RecognitionDecisionCredential). */
export interface DecisionFacts {
  /** The country whose authority decided; agreements honour decisions by this country. */
  decidingCountry: string;
  outcome: 'GRANTED' | 'GRANTED_WITH_CONDITIONS' | 'DENIED';
  effects: string[];
  /** The equivalent national title the decision granted. */
  recognisedTitle?: string | null;
  /** The equivalent national level the decision granted. */
  equivalentLevel?: { framework: string; level: number } | null;
  decisionNumber?: string | null;
  conditions?: string[];
}

/** The facts of a verified credential that recognition depends on. Dates are `YYYY-MM-DD`. */
export interface CredentialFacts {
  type: CredentialType;
  issuingCountry: string;
  issuerSlug: string;
  /** The issuance date. */
  validFrom: string;
  validUntil?: string | null;
  /** Level in the regional meta-framework (MRR-LAC). */
  metaLevel?: number | null;
  /** ISCED 2011 level of a title (for a decision: of the recognised title); gives the meta level when that is absent. */
  iscedLevel?: number | null;
  /** ISCED-F 2013 field (for a decision: of the recognised title). */
  iscedField?: string | null;
  /** ISCO-08 unit group. */
  occupation?: string | null;
  standardIds: string[];
  decision?: DecisionFacts | null;
}

export type VerificationStatus = 'VALID' | 'REVOKED' | 'SUSPENDED' | 'EXPIRED' | 'INVALID';

export interface VerificationFacts {
  status: VerificationStatus;
  /** The issuer checked the holder's identity document (the credential names it). */
  identityVerified: boolean;
  /** The issuer is authorised for this credential (accredited and not withdrawn). */
  issuerAuthorised: boolean;
}

export interface AgreementCondition {
  code: ConditionCode;
  hard: boolean;
  params: Record<string, unknown>;
}

/** A soft condition for credentials in some fields or occupations, e.g. regulated professions. */
export interface FieldRestriction {
  iscedFields?: string[];
  occupations?: string[];
  /** Purposes it applies to; empty or absent, every purpose. */
  purposes?: Purpose[];
  condition: SoftConditionCode;
}

export interface MappingData {
  id: string;
  origin: string;
  destination: string;
  from: { standardId?: string | null; metaLevel?: number | null; isco?: string | null };
  to: {
    standardId?: string | null;
    framework?: string | null;
    level?: number | null;
    title?: string | null;
  };
  kind: MappingKind;
  /** Units of the destination standard the credential does not cover. */
  missingUnits: string[];
  /** Soft conditions the mapping adds, e.g. a gap assessment for a PARTIAL one. */
  conditions: SoftConditionCode[];
  note?: string | null;
}

export interface AgreementStatusChangeData {
  from: AgreementStatus | null;
  to: AgreementStatus;
  /** ISO date-time; a change counts from its calendar date (UTC). */
  at: string;
}

export interface AgreementData {
  id: string;
  name: string;
  kind: AgreementKind;
  mode: AgreementMode;
  credentialTypes: string[];
  /** Meta level (MRR-LAC) range; null, unbounded. */
  metaLevelMin: number | null;
  metaLevelMax: number | null;
  /** ISCED-F codes; a broad or narrow field covers its detailed fields. Empty: any. */
  iscedFields: string[];
  /** ISCO-08 codes; a group covers its unit groups. Empty: any. */
  occupations: string[];
  /** Standard ids. Empty: any. */
  standards: string[];
  purposes: Purpose[];
  acceptsDecisionsFrom: string[];
  conditions: AgreementCondition[];
  fieldRestrictions: FieldRestriction[];
  equivalenceRule: EquivalenceRule | null;
  validFrom: string;
  validTo: string | null;
  /** Today's status; the engine uses the history for the date it decides on. */
  status: AgreementStatus;
  directions: { origin: string; destination: string }[];
  statusHistory: AgreementStatusChangeData[];
  mappings: MappingData[];
}

/** A national framework's levels and the meta levels they reference, for rule equivalents. */
export interface ReferenceFramework {
  code: string;
  /** ISO 3166-1 alpha-2 of the framework's country. */
  country: string;
  levels: { level: number; metaLevel: number | null }[];
}

/** A reference standard, for naming equivalents and applying equivalence rules. */
export interface ReferenceStandard {
  id: string;
  title: string;
  country: string;
  isco08: string;
  framework: string;
  level: number;
  metaLevel: number | null;
  units: { code: string }[];
}

export interface RecognitionInput {
  credential: CredentialFacts;
  destinationCountry: string;
  purpose: Purpose;
  /** `YYYY-MM-DD`: the day the answer is for. */
  date: string;
  agreements: AgreementData[];
  verification: VerificationFacts;
  /** Standards the equivalents may name (at least the destination country's). */
  standards?: ReferenceStandard[];
  /** National frameworks a rule's equivalent is expressed in (at least the destination's). */
  frameworks?: ReferenceFramework[];
}

export interface AgreementRef {
  id: string;
  name: string;
  kind: AgreementKind;
  mode: AgreementMode;
}

export interface Equivalent {
  /** Where the equivalence comes from. */
  basis: 'MAPPING' | 'RULE' | 'DECISION';
  kind: 'FULL' | 'PARTIAL';
  country: string;
  standardId: string | null;
  title: string | null;
  framework: string | null;
  level: number | null;
  /** Every level of `framework` referenced to the meta level, when a rule defines the equivalent. */
  levels: number[];
  metaLevel: number | null;
  /** The ISCO-08 unit group a rule's equivalent is for. */
  isco08: string | null;
  mappingId: string | null;
}

export interface AppliedCondition {
  code: ConditionCode | 'DECISION_CONDITIONS';
  /** True for a hard condition the credential does not meet (outcome VALID_NOT_COVERED). */
  hard: boolean;
  source: 'AGREEMENT' | 'FIELD_RESTRICTION' | 'MAPPING' | 'RULE' | 'DECISION';
  params: Record<string, unknown>;
}

export interface RecognitionAlternative {
  agreement: AgreementRef;
  outcome: RecognitionOutcome;
  reasons: RecognitionReason[];
  /** As in the main answer: the figures of its reasons (a hard condition's limit) and its conditions. */
  conditions: AppliedCondition[];
}

export interface RecognitionResult {
  outcome: RecognitionOutcome;
  reasons: RecognitionReason[];
  agreement: AgreementRef | null;
  equivalent: Equivalent | null;
  conditions: AppliedCondition[];
  missingUnits: string[];
  /** The other agreements that apply on the date, less favourable, with their own answers. */
  alternatives: RecognitionAlternative[];
  rulesVersion: string;
}
