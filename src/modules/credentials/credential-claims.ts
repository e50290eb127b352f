import type { IssuanceClaim } from '../registry/accreditation-rules.js';
import type { CredentialType } from '../../vc/schemas.js';

type Subject = Record<string, unknown>;

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** What was certified, in a few words: the title, the standard or the decision. */
export function summaryOf(type: CredentialType, subject: Subject): string {
  switch (type) {
    case 'AcademicTitleCredential':
      return text(subject.titleAsIssued) ?? type;
    case 'CompetencyCertificationCredential': {
      const [first] = (subject.standards as { title?: string; code?: string }[] | undefined) ?? [];
      return first?.title ?? first?.code ?? type;
    }
    case 'RecognitionDecisionCredential':
      return text(subject.equivalentTitle) ?? text(subject.decisionNumber) ?? type;
  }
}

/** The parts of a subject an accreditation speaks about (level, field, occupation, standards). */
export function claimOf(
  type: CredentialType,
  subject: Subject,
  at: Date,
  standardIds: string[],
): IssuanceClaim {
  const level = subject.nationalLevel as { framework?: string; level?: number } | undefined;
  return {
    type,
    at,
    level:
      level?.framework && typeof level.level === 'number'
        ? { framework: level.framework, level: level.level }
        : undefined,
    iscedField: text(subject.iscedField),
    occupation: text(subject.isco08),
    standards: standardIds,
  };
}

export function standardRefsOf(subject: Subject): { code: string; version?: string }[] {
  const standards = subject.standards;
  if (!Array.isArray(standards)) return [];
  return standards.flatMap((s: { code?: unknown; version?: unknown }) =>
    typeof s.code === 'string' ? [{ code: s.code, version: text(s.version) }] : [],
  );
}
