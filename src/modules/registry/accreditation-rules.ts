import type { CredentialType } from '../../vc/schemas.js';
import type { IssuerStatus } from './registry.constants.js';

/** Why an issuer may not issue a given credential on a given date. */
export type AccreditationDenial =
  | 'ISSUER_SUSPENDED'
  | 'ISSUER_CLOSED'
  | 'NO_ACCREDITATION'
  | 'TYPE_NOT_COVERED'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'LEVEL_OUT_OF_RANGE'
  | 'FIELD_NOT_COVERED'
  | 'OCCUPATION_NOT_COVERED'
  | 'STANDARD_NOT_COVERED';

/** What a credential claims, as far as accreditation is concerned. */
export interface IssuanceClaim {
  type: CredentialType;
  /** The issuance instant; accreditations are compared on its calendar date (UTC). */
  at: Date;
  level?: { framework: string; level: number };
  iscedField?: string;
  occupation?: string;
  standards?: string[];
}

export interface AccreditationScope {
  id: string;
  credentialTypes: readonly string[];
  frameworkCode: string | null;
  minLevel: number | null;
  maxLevel: number | null;
  iscedFields: readonly string[];
  occupations: readonly string[];
  standards: readonly string[];
  validFrom: string;
  validUntil: string | null;
}

export interface StatusChange {
  toStatus: IssuerStatus;
  at: Date;
}

export type AccreditationDecision<A extends AccreditationScope = AccreditationScope> =
  | { allowed: true; accreditation: A }
  | { allowed: false; reason: AccreditationDenial; accreditation?: A };

/** Maps a framework level to the regional meta-framework level, when it is referenced. */
export type MetaLevelOf = (framework: string, level: number) => number | undefined;

/**
 * The issuer's status at an instant. Before its first recorded change an issuer counts with its
 * initial status: entering the registry is not when a body began to certify.
 */
export function statusAt(history: readonly StatusChange[], at: Date): IssuerStatus | undefined {
  const sorted = [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
  let status = sorted[0]?.toStatus;
  for (const change of sorted) {
    if (change.at.getTime() > at.getTime()) break;
    status = change.toStatus;
  }
  return status;
}

/** A hierarchical code (ISCED-F, ISCO-08) is covered by itself or any of its ancestors. */
function coveredBy(code: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  return code !== undefined && allowed.some((prefix) => code.startsWith(prefix));
}

function levelInRange(scope: AccreditationScope, claim: IssuanceClaim, metaLevelOf: MetaLevelOf) {
  if (!scope.frameworkCode || (scope.minLevel === null && scope.maxLevel === null)) return true;
  if (!claim.level) return false;
  let value = claim.level.level;
  let min = scope.minLevel;
  let max = scope.maxLevel;
  if (claim.level.framework !== scope.frameworkCode) {
    // Different frameworks meet on the regional meta-framework.
    const meta = metaLevelOf(claim.level.framework, claim.level.level);
    if (meta === undefined) return false;
    value = meta;
    min =
      scope.minLevel === null ? null : (metaLevelOf(scope.frameworkCode, scope.minLevel) ?? null);
    max =
      scope.maxLevel === null ? null : (metaLevelOf(scope.frameworkCode, scope.maxLevel) ?? null);
  }
  return (min === null || value >= min) && (max === null || value <= max);
}

/** The checks in order; an accreditation that passes more of them explains a refusal best. */
function firstFailure(
  scope: AccreditationScope,
  claim: IssuanceClaim,
  date: string,
  metaLevelOf: MetaLevelOf,
): AccreditationDenial | undefined {
  if (!scope.credentialTypes.includes(claim.type)) return 'TYPE_NOT_COVERED';
  if (date < scope.validFrom) return 'NOT_YET_VALID';
  if (scope.validUntil !== null && date > scope.validUntil) return 'EXPIRED';
  if (!levelInRange(scope, claim, metaLevelOf)) return 'LEVEL_OUT_OF_RANGE';
  if (!coveredBy(claim.iscedField, scope.iscedFields)) return 'FIELD_NOT_COVERED';
  if (!coveredBy(claim.occupation, scope.occupations)) return 'OCCUPATION_NOT_COVERED';
  const standards = claim.standards ?? [];
  if (
    scope.standards.length > 0 &&
    (standards.length === 0 || standards.some((s) => !scope.standards.includes(s)))
  ) {
    return 'STANDARD_NOT_COVERED';
  }
  return undefined;
}

const CHECK_ORDER: AccreditationDenial[] = [
  'TYPE_NOT_COVERED',
  'NOT_YET_VALID',
  'EXPIRED',
  'LEVEL_OUT_OF_RANGE',
  'FIELD_NOT_COVERED',
  'OCCUPATION_NOT_COVERED',
  'STANDARD_NOT_COVERED',
];

/**
 * May this issuer issue this credential at this instant? The accreditation that allows it, or
 * the precise reason it may not.
 */
export function evaluateAccreditation<A extends AccreditationScope>(input: {
  history: readonly StatusChange[];
  accreditations: readonly A[];
  claim: IssuanceClaim;
  metaLevelOf: MetaLevelOf;
}): AccreditationDecision<A> {
  const { history, accreditations, claim, metaLevelOf } = input;
  const status = statusAt(history, claim.at);
  if (status === 'SUSPENDED') return { allowed: false, reason: 'ISSUER_SUSPENDED' };
  if (status === 'CLOSED') return { allowed: false, reason: 'ISSUER_CLOSED' };
  if (accreditations.length === 0) return { allowed: false, reason: 'NO_ACCREDITATION' };

  const date = claim.at.toISOString().slice(0, 10);
  let best: { reason: AccreditationDenial; accreditation: A } | undefined;
  for (const accreditation of accreditations) {
    const reason = firstFailure(accreditation, claim, date, metaLevelOf);
    if (!reason) return { allowed: true, accreditation };
    if (!best || CHECK_ORDER.indexOf(reason) > CHECK_ORDER.indexOf(best.reason)) {
      best = { reason, accreditation };
    }
  }
  return { allowed: false, reason: best!.reason, accreditation: best!.accreditation };
}
