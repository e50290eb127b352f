import type { DecisionView } from './verify-page.js';

type Subject = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
const object = (value: unknown): Subject =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Subject) : {};

/**
 * What a RecognitionDecisionCredential says about the title it recognised (its title,
 * institution and country) and about itself (authority, number, date, outcome); null for any
 * other credential. Only what the signed credential states, nothing looked up.
 */
export function decisionViewOf(
  type: string | null,
  credentialSubject: unknown,
): DecisionView | null {
  if (type !== 'RecognitionDecisionCredential') return null;
  const subject = object(credentialSubject);
  const recognised = object(object(subject.recognisedCredential).summary);
  const institution = object(recognised.institution);
  const authority = object(subject.authority);
  return {
    originalTitle: text(recognised.titleAsIssued),
    institution: text(institution.name),
    originCountry: text(institution.country),
    authority: text(authority.name),
    authorityCountry: text(authority.country),
    number: text(subject.decisionNumber),
    date: text(subject.decisionDate),
    outcome: text(subject.outcome),
    equivalentTitle: text(subject.equivalentTitle),
  };
}
