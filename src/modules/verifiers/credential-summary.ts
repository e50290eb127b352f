import type { Credential } from '../../vc/issue.js';
import { readCertification } from '../../vc/open-badges.js';

/** What a verifier is shown about a credential: no more than the credential itself says. */
export interface CredentialSummary {
  type: string | null;
  issuer: { did: string | null; name: string | null; country: string | null; slug: string | null };
  holder: { name: string | null };
  title: string | null;
  level: { framework: string; level: number } | null;
  validFrom: string | null;
  validUntil: string | null;
  /** For a recognition decision: what was decided, and the origin it recognised. */
  decision?: DecisionSummary | null;
}

export interface DecisionSummary {
  number: string | null;
  date: string | null;
  outcome: string | null;
  conditions: string[];
  legalisationRoute: string | null;
  assuranceLevel: string | null;
  origin: {
    institution: string | null;
    country: string | null;
    title: string | null;
    programme: string | null;
    dateAwarded: string | null;
  } | null;
}

const OUR_TYPES = [
  'AcademicTitleCredential',
  'CompetencyCertificationCredential',
  'RecognitionDecisionCredential',
];

type Subject = Record<string, unknown>;
const text = (value: unknown) => (typeof value === 'string' ? value : null);
const isText = (value: unknown): value is string => typeof value === 'string';

function titleOf(type: string | null, subject: Subject): string | null {
  switch (type ?? '') {
    case 'AcademicTitleCredential':
      return text(subject.titleAsIssued);
    case 'CompetencyCertificationCredential': {
      const [first] = (subject.standards as { title?: string }[] | undefined) ?? [];
      return text(first?.title);
    }
    case 'RecognitionDecisionCredential':
      return text(subject.equivalentTitle) ?? text(subject.decisionNumber);
    default:
      return null;
  }
}

function decisionOf(subject: Subject): DecisionSummary {
  const recognised = (subject.recognisedCredential ?? {}) as Subject;
  const origin = recognised.summary as Subject | undefined;
  const institution = (origin?.institution ?? {}) as Subject;
  return {
    number: text(subject.decisionNumber),
    date: text(subject.decisionDate),
    outcome: text(subject.outcome),
    conditions: Array.isArray(subject.conditions) ? subject.conditions.filter(isText) : [],
    legalisationRoute: text(subject.legalisationRoute),
    assuranceLevel: text(subject.assuranceLevel),
    origin: origin
      ? {
          institution: text(institution.name),
          country: text(institution.country),
          title: text(origin.titleAsIssued),
          programme: text(origin.programme),
          dateAwarded: text(origin.dateAwarded),
        }
      : null,
  };
}

export function summarise(
  credential: Credential | undefined,
  issuer: { slug: string; legalName: string; country: string } | null,
): CredentialSummary {
  const types = Array.isArray(credential?.type) ? (credential.type as string[]) : [];
  // An Open Badge we issued is shown as the certificate or title it carries.
  const reading = readCertification(credential);
  const type =
    reading?.type ??
    types.find((t) => OUR_TYPES.includes(t)) ??
    types.find((t) => t !== 'VerifiableCredential') ??
    null;
  const subject = reading?.subject ?? ((credential?.credentialSubject ?? {}) as Subject);
  const name = subject.name as { givenNames?: string; familyNames?: string } | undefined;
  const holderName = name ? [name.givenNames, name.familyNames].filter(Boolean).join(' ') : null;
  const issuerField = credential?.issuer;
  const issuerDid =
    typeof issuerField === 'string'
      ? issuerField
      : text((issuerField as { id?: unknown } | undefined)?.id);
  const level = subject.nationalLevel as { framework: string; level: number } | undefined;
  return {
    type,
    issuer: {
      did: issuerDid,
      name: issuer?.legalName ?? text((issuerField as { name?: unknown } | undefined)?.name),
      country: issuer?.country ?? null,
      slug: issuer?.slug ?? null,
    },
    holder: { name: reading?.holderName ?? holderName },
    title: titleOf(type, subject),
    level: level?.framework ? level : null,
    validFrom: text(credential?.validFrom) ?? text(credential?.issuanceDate),
    validUntil: text(credential?.validUntil) ?? text(credential?.expirationDate),
    ...(type === 'RecognitionDecisionCredential' ? { decision: decisionOf(subject) } : {}),
  };
}
