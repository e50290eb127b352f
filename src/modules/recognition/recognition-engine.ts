// The recognition decision of DOMAIN.md as one pure function: no database, no clock, no Nest.
// Everything it needs (the agreements with their history and mappings, the reference standards,
// the verification verdict) comes in as data, so any caller can explain or replay an answer.

import {
  HARD_CONDITION_CODES,
  RULES_VERSION,
  type AgreementStatus,
  type HardConditionCode,
  type RecognitionOutcome,
  type RecognitionReason,
} from './recognition.constants.js';
import type {
  AgreementCondition,
  AgreementData,
  AgreementRef,
  AppliedCondition,
  CredentialFacts,
  Equivalent,
  RecognitionInput,
  RecognitionResult,
} from './recognition-engine.types.js';
import {
  covers,
  decisionEquivalence,
  explicitMapping,
  isDecision,
  ruleEquivalence,
  soft,
  type Context,
} from './recognition-equivalence.js';

export type {
  AgreementCondition,
  AgreementData,
  AgreementRef,
  AgreementStatusChangeData,
  AppliedCondition,
  CredentialFacts,
  DecisionFacts,
  Equivalent,
  FieldRestriction,
  MappingData,
  RecognitionAlternative,
  RecognitionInput,
  RecognitionResult,
  ReferenceFramework,
  ReferenceStandard,
  VerificationFacts,
  VerificationStatus,
} from './recognition-engine.types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const ISCED_TO_META: Record<number, number> = { 5: 5, 6: 6, 7: 7, 8: 8 };

/**
 * The meta level of a tertiary ISCED 2011 level (5–8 map to MRR-LAC 5–8, by the regional
 * framework's design); undefined below tertiary, where a title needs its national level.
 */
export function metaLevelOfIscedLevel(iscedLevel: number | null | undefined): number | undefined {
  return iscedLevel === null || iscedLevel === undefined ? undefined : ISCED_TO_META[iscedLevel];
}

/** The date `years` after `date` (29 February rolls to 1 March). */
function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/**
 * The agreement's status on `date`: null outside its validity; otherwise the status of its last
 * change on or before that day, or, before its first recorded change, the status it was recorded
 * with (entering the registry is not when an agreement came into force).
 */
export function agreementStatusAt(
  agreement: Pick<AgreementData, 'validFrom' | 'validTo' | 'status' | 'statusHistory'>,
  date: string,
): AgreementStatus | null {
  if (date < agreement.validFrom || (agreement.validTo !== null && date > agreement.validTo)) {
    return null;
  }
  const history = [...agreement.statusHistory].sort((a, b) => a.at.localeCompare(b.at));
  if (history.length === 0) return agreement.status;
  let status: AgreementStatus = history[0].from ?? history[0].to;
  for (const change of history) {
    if (change.at.slice(0, 10) > date) break;
    status = change.to;
  }
  return status;
}

const refOf = (agreement: AgreementData): AgreementRef => ({
  id: agreement.id,
  name: agreement.name,
  kind: agreement.kind,
  mode: agreement.mode,
});

/** One agreement's answer, with how far the credential got through the rules. */
interface Candidate {
  agreement: AgreementData;
  outcome: 'RECOGNISED' | 'VALID_WITH_CONDITIONS' | 'VALID_NOT_COVERED';
  /** 5 scope, 6 hard conditions, 7 equivalence: a later step is closer to recognition. */
  step: 5 | 6 | 7;
  reasons: RecognitionReason[];
  equivalent: Equivalent | null;
  conditions: AppliedCondition[];
  missingUnits: string[];
}

/** Step 4's link: a direction origin → destination, or for a decision, the deciding country honoured. */
function connects(agreement: AgreementData, ctx: Context): boolean {
  if (isDecision(ctx.credential)) {
    return (
      agreement.acceptsDecisionsFrom.includes(ctx.origin) &&
      agreement.directions.some((d) => d.destination === ctx.destination)
    );
  }
  return agreement.directions.some(
    (d) => d.origin === ctx.origin && d.destination === ctx.destination,
  );
}

function scopeReasons(agreement: AgreementData, ctx: Context): RecognitionReason[] {
  const { credential } = ctx;
  const reasons: RecognitionReason[] = [];
  if (!agreement.credentialTypes.includes(credential.type)) reasons.push('TYPE_OUT_OF_SCOPE');
  if (agreement.metaLevelMin !== null || agreement.metaLevelMax !== null) {
    const level = ctx.metaLevel;
    if (
      level === undefined ||
      (agreement.metaLevelMin !== null && level < agreement.metaLevelMin) ||
      (agreement.metaLevelMax !== null && level > agreement.metaLevelMax)
    ) {
      reasons.push('LEVEL_OUT_OF_SCOPE');
    }
  }
  if (agreement.occupations.length > 0 && !covers(agreement.occupations, credential.occupation)) {
    reasons.push('OCCUPATION_OUT_OF_SCOPE');
  }
  if (
    agreement.standards.length > 0 &&
    !credential.standardIds.some((id) => agreement.standards.includes(id))
  ) {
    reasons.push('STANDARD_OUT_OF_SCOPE');
  }
  if (agreement.iscedFields.length > 0 && !covers(agreement.iscedFields, credential.iscedField)) {
    reasons.push('FIELD_OUT_OF_SCOPE');
  }
  if (!agreement.purposes.includes(ctx.purpose)) reasons.push('PURPOSE_OUT_OF_SCOPE');
  if (isDecision(credential) && credential.decision?.outcome === 'DENIED') {
    reasons.push('DECISION_NOT_GRANTED');
  }
  return reasons;
}

function hardConditionMet(condition: AgreementCondition, ctx: Context): boolean {
  const code = condition.code as HardConditionCode;
  switch (code) {
    case 'ISSUED_AFTER':
      return ctx.credential.validFrom > String(condition.params.date);
    case 'MAX_AGE_YEARS':
      return ctx.date <= addYears(ctx.credential.validFrom, Number(condition.params.years));
    case 'ISSUER_AUTHORISED':
      return ctx.verification.issuerAuthorised;
    case 'IDENTITY_VERIFIED':
      return ctx.verification.identityVerified;
  }
}

function evaluateAgreement(agreement: AgreementData, ctx: Context): Candidate {
  const base = { agreement, equivalent: null, conditions: [], missingUnits: [] };

  const outOfScope = scopeReasons(agreement, ctx);
  if (outOfScope.length > 0) {
    return { ...base, outcome: 'VALID_NOT_COVERED', step: 5, reasons: outOfScope };
  }

  const unmet = agreement.conditions
    .filter((c) => c.hard && !hardConditionMet(c, ctx))
    .sort(
      (a, b) =>
        HARD_CONDITION_CODES.indexOf(a.code as HardConditionCode) -
        HARD_CONDITION_CODES.indexOf(b.code as HardConditionCode),
    );
  if (unmet.length > 0) {
    return {
      ...base,
      outcome: 'VALID_NOT_COVERED',
      step: 6,
      reasons: [...new Set(unmet.map((c) => c.code as HardConditionCode))],
      conditions: unmet.map((c) => ({
        code: c.code,
        hard: true,
        source: 'AGREEMENT',
        params: c.params,
      })),
    };
  }

  const equivalence =
    explicitMapping(agreement, ctx) ?? ruleEquivalence(agreement, ctx) ?? decisionEquivalence(ctx);
  if (equivalence?.kind === 'NONE') {
    return { ...base, outcome: 'VALID_NOT_COVERED', step: 7, reasons: ['NO_EQUIVALENCE'] };
  }

  const reasons: RecognitionReason[] = [];
  const conditions: AppliedCondition[] = [];
  if (!equivalence) {
    reasons.push('NO_EQUIVALENCE_DEFINED');
    conditions.push(soft('GAP_ASSESSMENT', 'MAPPING'));
  } else if (equivalence.kind === 'PARTIAL') {
    reasons.push('PARTIAL_EQUIVALENCE');
  }
  conditions.push(...(equivalence?.conditions ?? []));

  const agreed = agreement.conditions.filter((c) => !c.hard);
  if (agreed.length > 0) {
    reasons.push('CONDITIONS_APPLY');
    conditions.push(...agreed.map((c) => soft(c.code, 'AGREEMENT', c.params)));
  }

  const restrictions = agreement.fieldRestrictions.filter(
    (r) =>
      (!r.purposes || r.purposes.length === 0 || r.purposes.includes(ctx.purpose)) &&
      (covers(r.iscedFields ?? [], ctx.credential.iscedField) ||
        covers(r.occupations ?? [], ctx.credential.occupation)),
  );
  if (restrictions.length > 0) {
    reasons.push('FIELD_RESTRICTION');
    conditions.push(
      ...restrictions.map((r) =>
        soft(r.condition, 'FIELD_RESTRICTION', {
          iscedFields: r.iscedFields ?? [],
          occupations: r.occupations ?? [],
        }),
      ),
    );
  }

  const decision = ctx.credential.decision;
  if (isDecision(ctx.credential) && decision?.outcome === 'GRANTED_WITH_CONDITIONS') {
    reasons.push('DECISION_CONDITIONAL');
    conditions.push(
      soft('DECISION_CONDITIONS', 'DECISION', { conditions: decision.conditions ?? [] }),
    );
  }

  const uniqueConditions = conditions.filter(
    (c, i) => conditions.findIndex((o) => o.code === c.code && o.source === c.source) === i,
  );
  const recognised = reasons.length === 0;
  const decisionBasis = equivalence?.equivalent?.basis === 'DECISION';
  return {
    ...base,
    outcome: recognised ? 'RECOGNISED' : 'VALID_WITH_CONDITIONS',
    step: 7,
    reasons: recognised ? [decisionBasis ? 'DECISION_HONOURED' : 'FULL_EQUIVALENCE'] : reasons,
    equivalent: equivalence?.equivalent ?? null,
    conditions: uniqueConditions,
    missingUnits: equivalence?.missingUnits ?? [],
  };
}

const OUTCOME_FAVOUR: Record<Candidate['outcome'], number> = {
  RECOGNISED: 3,
  VALID_WITH_CONDITIONS: 2,
  VALID_NOT_COVERED: 1,
};

/** Most favourable first; among equals, fewer conditions and gaps, then the newer agreement. */
function byFavour(a: Candidate, b: Candidate): number {
  return (
    OUTCOME_FAVOUR[b.outcome] - OUTCOME_FAVOUR[a.outcome] ||
    b.step - a.step ||
    a.conditions.length - b.conditions.length ||
    a.missingUnits.length - b.missingUnits.length ||
    a.reasons.length - b.reasons.length ||
    b.agreement.validFrom.localeCompare(a.agreement.validFrom) ||
    a.agreement.id.localeCompare(b.agreement.id)
  );
}

const answer = (
  outcome: RecognitionOutcome,
  reasons: RecognitionReason[],
  rest: Partial<RecognitionResult> = {},
): RecognitionResult => ({
  outcome,
  reasons,
  agreement: null,
  equivalent: null,
  conditions: [],
  missingUnits: [],
  alternatives: [],
  rulesVersion: RULES_VERSION,
  ...rest,
});

function assertDate(name: string, value: unknown): void {
  if (typeof value !== 'string' || !DATE.test(value)) {
    throw new TypeError(`${name} must be a date YYYY-MM-DD, got ${String(value)}`);
  }
}

/** Whether the facts have the dates the engine decides on (a credential the pipeline parsed). */
export function isEvaluable(credential: CredentialFacts): boolean {
  return (
    DATE.test(credential.validFrom) && (!credential.validUntil || DATE.test(credential.validUntil))
  );
}

/**
 * The answer for a valid credential issued outside accreditation (the `OPEN` issuance profile):
 * no agreement covers it, whatever it says, so it is valid and not covered.
 */
export function outsideAccreditationAnswer(): RecognitionResult {
  return answer('VALID_NOT_COVERED', ['OUTSIDE_ACCREDITATION']);
}

/** The answer for a credential that could not be read: rule (1), invalid, without the engine. */
export function unreadableCredentialAnswer(): RecognitionResult {
  return answer('INVALID', ['INVALID']);
}

/**
 * Decides what a credential is worth in the destination country, for a purpose, on a date, by
 * the rule order of DOMAIN.md: (1) invalid, (2) revoked, suspended or expired at the date,
 * (3) domestic, (4) agreements in force on the date that link the credential's country to the
 * destination, (5) scope, (6) hard conditions, (7) equivalence and soft conditions. When several
 * agreements apply the most favourable answer wins and the others are listed as alternatives.
 */
export function evaluateRecognition(input: RecognitionInput): RecognitionResult {
  const { credential, verification, date } = input;
  assertDate('date', date);
  assertDate('credential.validFrom', credential.validFrom);
  if (credential.validUntil) assertDate('credential.validUntil', credential.validUntil);

  // 1–2: the credential itself.
  if (verification.status === 'INVALID') return answer('INVALID', ['INVALID']);
  if (verification.status === 'REVOKED') return answer('REVOKED', ['REVOKED']);
  if (verification.status === 'SUSPENDED') return answer('SUSPENDED', ['SUSPENDED']);
  const expired = credential.validUntil
    ? date > credential.validUntil
    : verification.status === 'EXPIRED';
  if (expired) return answer('EXPIRED', ['EXPIRED']);

  // 3: a decision belongs to the country that decided, any other credential to its issuer's.
  const origin = isDecision(credential)
    ? (credential.decision?.decidingCountry ?? credential.issuingCountry)
    : credential.issuingCountry;
  if (origin === input.destinationCountry) return answer('VALID_DOMESTIC', ['SAME_COUNTRY']);

  const ctx: Context = {
    credential,
    origin,
    destination: input.destinationCountry,
    purpose: input.purpose,
    date,
    metaLevel: credential.metaLevel ?? metaLevelOfIscedLevel(credential.iscedLevel),
    verification,
    standards: new Map((input.standards ?? []).map((s) => [s.id, s])),
    frameworks: input.frameworks ?? [],
  };

  // 4: the agreements on the date.
  const linked = input.agreements
    .filter((agreement) => connects(agreement, ctx))
    .map((agreement) => ({ agreement, status: agreementStatusAt(agreement, date) }));
  const inForce = linked.filter((l) => l.status === 'IN_FORCE').map((l) => l.agreement);
  const suspended = linked
    .filter((l) => l.status === 'SUSPENDED')
    .map((l) => l.agreement)
    .sort((a, b) => a.id.localeCompare(b.id));
  const suspendedAlternatives = suspended.map((agreement) => ({
    agreement: refOf(agreement),
    outcome: 'AGREEMENT_SUSPENDED' as const,
    reasons: ['AGREEMENT_SUSPENDED' as const],
    conditions: [],
  }));
  if (inForce.length === 0) {
    if (suspended.length === 0) return answer('VALID_NOT_COVERED', ['NO_AGREEMENT']);
    return answer('AGREEMENT_SUSPENDED', ['AGREEMENT_SUSPENDED'], {
      agreement: refOf(suspended[0]),
      alternatives: suspendedAlternatives.slice(1),
    });
  }

  // 5–7 for each agreement; the most favourable answer wins.
  const [best, ...others] = inForce.map((a) => evaluateAgreement(a, ctx)).sort(byFavour);
  return answer(best.outcome, best.reasons, {
    agreement: refOf(best.agreement),
    equivalent: best.equivalent,
    conditions: best.conditions,
    missingUnits: best.missingUnits,
    alternatives: [
      ...others.map((c) => ({
        agreement: refOf(c.agreement),
        outcome: c.outcome,
        reasons: c.reasons,
        conditions: c.conditions,
      })),
      ...suspendedAlternatives,
    ],
  });
}
