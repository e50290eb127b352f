// The RecognitionDecisionCredential a case's decision becomes: the subject, the assurance level
// of the origin, and the digest-bound reference to the recognised credential.

import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { CaseDecision, CaseEvidence } from './entities/recognition-case.entity.js';
import type { ProcedureRules } from './procedure-rules.js';
import type {
  AssuranceLevel,
  CaseOutcome,
  LegalisationRoute,
} from './recognition-cases.constants.js';

type Subject = Record<string, unknown>;

const OUTCOME: Record<CaseOutcome, string> = {
  RECOGNISED: 'GRANTED',
  RECOGNISED_WITH_CONDITIONS: 'GRANTED_WITH_CONDITIONS',
  REFUSED: 'DENIED',
};

const SUMMARY_FIELDS = [
  'institution',
  'programme',
  'titleAsIssued',
  'iscedLevel',
  'iscedField',
  'dateAwarded',
  'legalisation',
] as const;

/**
 * How firmly the origin was established: a credential that verified in this registry at
 * submission, or one the holder says was verified in another registry; legalised paper (apostille,
 * consular); an alternative mechanism or a court waiver; otherwise the holder's declaration.
 */
export function assuranceLevelOf(
  legalisation: LegalisationRoute,
  verifiedInRegistry: boolean,
): AssuranceLevel {
  if (verifiedInRegistry || legalisation === 'VERIFIED_IN_REGISTRY') return 'REGISTRY_VERIFIED';
  switch (legalisation) {
    case 'APOSTILLE':
    case 'CONSULAR':
      return 'LEGALISED_PAPER';
    case 'ALT_MECHANISM':
    case 'WAIVED_BY_COURT':
      return 'ALTERNATIVE_MECHANISM';
    case 'NONE':
      return 'DECLARATION';
  }
}

/** Whether the recognised credential verified in this registry when the case was submitted. */
export const verifiedAtSubmission = (evidence: CaseEvidence, credentialId: string) =>
  evidence.credentials.some((c) => c.id === credentialId && c.verified && c.status === 'VALID');

/** A multibase (base64url, `u`) sha2-256 multihash of some bytes. */
export function digestMultibaseOf(bytes: string | Buffer): string {
  const digest = createHash('sha256').update(bytes).digest();
  return `u${Buffer.concat([Buffer.from([0x12, 0x20]), digest]).toString('base64url')}`;
}

/**
 * The digest that binds a decision to the credential it recognises, which anyone holding that
 * credential can recompute: of the compact JWT for VC-JWT, else of the credential's JSON in the
 * JSON Canonicalization Scheme (RFC 8785), so that the order of its members does not matter.
 */
export function credentialDigest(credential: { document: object; jwt: string | null }): string {
  return digestMultibaseOf(credential.jwt ?? (canonicalize(credential.document) as string));
}

export function decisionSubject(input: {
  recognised: { document: Record<string, unknown>; jwt: string | null; type: string };
  authority: { name: string; country: string };
  rules: ProcedureRules;
  decision: CaseDecision;
  legalisation: LegalisationRoute;
}): Subject {
  const { recognised, decision } = input;
  const origin = (recognised.document.credentialSubject ?? {}) as Subject;
  const reference = {
    id: String(recognised.document.id),
    digestMultibase: credentialDigest(recognised),
  };
  const summary =
    recognised.type === 'AcademicTitleCredential'
      ? Object.fromEntries(SUMMARY_FIELDS.flatMap((k) => (k in origin ? [[k, origin[k]]] : [])))
      : undefined;
  return {
    name: origin.name,
    identityDocument: origin.identityDocument,
    authority: input.authority,
    procedure: input.rules.procedure,
    criterion: decision.route,
    decisionNumber: decision.decisionNumber,
    decisionDate: decision.decisionDate,
    outcome: OUTCOME[decision.outcome],
    ...(decision.equivalentTitle ? { equivalentTitle: decision.equivalentTitle } : {}),
    ...(decision.equivalentLevel ? { equivalentLevel: decision.equivalentLevel } : {}),
    effects: decision.effects,
    conditions: decision.conditions.map((c) => `${c.kind}: ${c.description}`),
    ...(decision.reasons.length > 0 ? { reasons: decision.reasons } : {}),
    recognisedCredential: summary ? { summary, reference } : { reference },
    legalisationRoute: input.legalisation,
    assuranceLevel: decision.assuranceLevel,
  };
}
