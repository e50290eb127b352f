// Step 7's question, what the credential is equivalent to in the destination: an explicit
// mapping of the agreement, else its equivalence rule, else (for a decision) the decision itself.

import type { MappingKind, Purpose } from './recognition.constants.js';
import type {
  AgreementData,
  AppliedCondition,
  CredentialFacts,
  Equivalent,
  MappingData,
  ReferenceFramework,
  ReferenceStandard,
  VerificationFacts,
} from './recognition-engine.types.js';

/** What one evaluation knows: the request, with the credential's country and meta level resolved. */
export interface Context {
  credential: CredentialFacts;
  origin: string;
  destination: string;
  purpose: Purpose;
  date: string;
  metaLevel: number | undefined;
  verification: VerificationFacts;
  standards: Map<string, ReferenceStandard>;
  frameworks: ReferenceFramework[];
}

export const covers = (codes: readonly string[], code: string | null | undefined) =>
  !!code && codes.some((prefix) => code.startsWith(prefix));

export const isDecision = (credential: CredentialFacts) =>
  credential.type === 'RecognitionDecisionCredential';

/** What the credential is worth in the destination, as far as one agreement says. */
export interface Equivalence {
  kind: MappingKind;
  equivalent: Equivalent | null;
  missingUnits: string[];
  conditions: AppliedCondition[];
}

export const soft = (
  code: AppliedCondition['code'],
  source: AppliedCondition['source'],
  params: Record<string, unknown> = {},
): AppliedCondition => ({ code, hard: false, source, params });

function standardEquivalent(
  standard: ReferenceStandard,
  basis: Equivalent['basis'],
  kind: Equivalent['kind'],
  mappingId: string | null,
): Equivalent {
  return {
    basis,
    kind,
    country: standard.country,
    standardId: standard.id,
    title: standard.title,
    framework: standard.framework,
    level: standard.level,
    levels: [standard.level],
    metaLevel: standard.metaLevel,
    isco08: standard.isco08,
    mappingId,
  };
}

// A mapping by standard is more specific than one by occupation, which is more than by level.
const specificity = (mapping: MappingData) =>
  (mapping.from.standardId ? 4 : 0) +
  (mapping.from.isco ? 2 : 0) +
  (mapping.from.metaLevel ? 1 : 0);
const MAPPING_FAVOUR: Record<MappingKind, number> = { FULL: 2, PARTIAL: 1, NONE: 0 };

export function explicitMapping(agreement: AgreementData, ctx: Context): Equivalence | undefined {
  const { credential } = ctx;
  const matches = agreement.mappings.filter(
    (m) =>
      m.origin === ctx.origin &&
      m.destination === ctx.destination &&
      (m.from.standardId || m.from.isco || m.from.metaLevel) &&
      (!m.from.standardId || credential.standardIds.includes(m.from.standardId)) &&
      (!m.from.isco || covers([m.from.isco], credential.occupation)) &&
      (!m.from.metaLevel || m.from.metaLevel === ctx.metaLevel),
  );
  const [mapping] = matches.sort(
    (a, b) =>
      specificity(b) - specificity(a) ||
      MAPPING_FAVOUR[b.kind] - MAPPING_FAVOUR[a.kind] ||
      a.id.localeCompare(b.id),
  );
  if (!mapping) return undefined;
  const conditions = mapping.conditions.map((code) => soft(code, 'MAPPING'));
  if (mapping.kind === 'NONE')
    return { kind: 'NONE', equivalent: null, missingUnits: [], conditions };
  const standard = mapping.to.standardId ? ctx.standards.get(mapping.to.standardId) : undefined;
  const equivalent: Equivalent = standard
    ? standardEquivalent(standard, 'MAPPING', mapping.kind, mapping.id)
    : {
        basis: 'MAPPING',
        kind: mapping.kind,
        country: ctx.destination,
        standardId: mapping.to.standardId ?? null,
        title: mapping.to.title ?? null,
        framework: mapping.to.framework ?? null,
        level: mapping.to.level ?? null,
        levels: mapping.to.level ? [mapping.to.level] : [],
        metaLevel: null,
        isco08: null,
        mappingId: mapping.id,
      };
  if (standard && mapping.to.title) equivalent.title = mapping.to.title;
  return { kind: mapping.kind, equivalent, missingUnits: [...mapping.missingUnits], conditions };
}

export function ruleEquivalence(agreement: AgreementData, ctx: Context): Equivalence | undefined {
  switch (agreement.equivalenceRule) {
    case null:
      return undefined;
    case 'SAME_OCCUPATION_SAME_LEVEL': {
      const { occupation } = ctx.credential;
      const level = ctx.metaLevel;
      if (!occupation || level === undefined) return undefined;
      const [closest] = [...ctx.standards.values()]
        .filter(
          (s) => s.country === ctx.destination && s.isco08 === occupation && s.metaLevel !== null,
        )
        .map((s) => ({ standard: s, gap: Math.abs((s.metaLevel as number) - level) }))
        .sort((a, b) => a.gap - b.gap || a.standard.id.localeCompare(b.standard.id));
      if (!closest) return occupationAtLevel(ctx, occupation, level);
      if (closest.gap === 0) {
        return {
          kind: 'FULL',
          equivalent: standardEquivalent(closest.standard, 'RULE', 'FULL', null),
          missingUnits: [],
          conditions: [],
        };
      }
      if (closest.gap === 1) {
        return {
          kind: 'PARTIAL',
          equivalent: standardEquivalent(closest.standard, 'RULE', 'PARTIAL', null),
          missingUnits: [],
          conditions: [soft('GAP_ASSESSMENT', 'RULE')],
        };
      }
      return { kind: 'NONE', equivalent: null, missingUnits: [], conditions: [] };
    }
  }
}

/**
 * The rule's own equivalent where the destination has no standard for the occupation: the same
 * ISCO-08 unit group at the destination framework's level(s) referenced to the same meta level.
 */
function occupationAtLevel(ctx: Context, isco08: string, metaLevel: number): Equivalence {
  const frameworks = ctx.frameworks
    .filter((f) => f.country === ctx.destination)
    .map((f) => ({
      code: f.code,
      levels: f.levels
        .filter((l) => l.metaLevel === metaLevel)
        .map((l) => l.level)
        .sort((a, b) => a - b),
    }))
    .sort((a, b) => b.levels.length - a.levels.length || a.code.localeCompare(b.code));
  const [framework] = frameworks;
  const levels = framework?.levels ?? [];
  return {
    kind: 'FULL',
    equivalent: {
      basis: 'RULE',
      kind: 'FULL',
      country: ctx.destination,
      standardId: null,
      title: null,
      framework: levels.length > 0 ? framework.code : null,
      level: levels[0] ?? null,
      levels,
      metaLevel,
      isco08,
      mappingId: null,
    },
    missingUnits: [],
    conditions: [],
  };
}

/** A decision honoured as it stands: its equivalent title and level are the equivalent. */
export function decisionEquivalence(ctx: Context): Equivalence | undefined {
  const decision = ctx.credential.decision;
  if (!isDecision(ctx.credential) || !decision) return undefined;
  return {
    kind: 'FULL',
    equivalent: {
      basis: 'DECISION',
      kind: 'FULL',
      country: decision.decidingCountry,
      standardId: null,
      title: decision.recognisedTitle ?? null,
      framework: decision.equivalentLevel?.framework ?? null,
      level: decision.equivalentLevel?.level ?? null,
      levels: decision.equivalentLevel ? [decision.equivalentLevel.level] : [],
      metaLevel: ctx.metaLevel ?? null,
      isco08: null,
      mappingId: null,
    },
    missingUnits: [],
    conditions: [],
  };
}
