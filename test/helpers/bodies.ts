// Request bodies for the e2e specs: functions that return fresh copies, so a test can change its
// copy freely. The people, issuers and standards are those of the fictional demo region.

export type TestDocument = { type: string; country: string; number: string };

export interface TestHolder {
  documents: TestDocument[];
  givenNames: string;
  familyNames: string;
}

/** María Demo Rivas, known by her Colombian PPT and her Venezuelan cédula. */
export const mariaHolder = (): TestHolder => ({
  documents: [
    { type: 'PPT', country: 'CO', number: 'DEMO-PPT-0001' },
    { type: 'CEDULA', country: 'VE', number: 'V-00000001' },
  ],
  givenNames: 'María',
  familyNames: 'Demo Rivas',
});

/** The i-th of many fictional people, each with a PPT of their own: `<prefix>-PPT-000042`. */
export const numberedHolder = (i: number, prefix: string, familyNames: string): TestHolder => ({
  documents: [
    { type: 'PPT', country: 'CO', number: `${prefix}-PPT-${String(i).padStart(6, '0')}` },
  ],
  givenNames: `Persona ${i}`,
  familyNames,
});

/** What co-ens certifies: the elderly-care standard std-co-cuid, CO-MNC level 3; fields replaced. */
export const competencySubject = (overrides: Record<string, unknown> = {}) => ({
  standards: [{ code: '299903010', version: '1', title: 'Cuidado de personas mayores (ficticia)' }],
  unitsAchieved: ['299903010-01'],
  result: 'COMPETENT',
  assessmentCentre: { name: 'Entidad Nacional de Saberes (ficticia)', country: 'CO' },
  assessmentDate: '2022-05-10',
  isco08: '5322',
  nationalLevel: { framework: 'CO-MNC', level: 3 },
  ...overrides,
});

export interface CertificateOverrides {
  /** Replaces these fields of the holder (María by default). */
  holder?: Partial<TestHolder>;
  /** Replaces these fields of the subject (`competencySubject()`). */
  subject?: Record<string, unknown>;
  /** Any other field of the body replaced or added (`validFrom`, `format`, … ; undefined drops it). */
  [field: string]: unknown;
}

/**
 * A body for `POST /issuer/credentials`, and a row of `POST /issuer/credentials/batch`: María's
 * competency certificate by co-ens, valid from 2022-05-10, with the given overrides.
 */
export function certificateBody({ holder, subject, ...fields }: CertificateOverrides = {}) {
  return {
    type: 'CompetencyCertificationCredential',
    holder: { ...mariaHolder(), ...holder },
    subject: competencySubject(subject),
    validFrom: '2022-05-10T00:00:00Z',
    ...fields,
  };
}

/** A Colombian certifying body of its own, for `POST /admin/issuers`. */
export const certifyingBodyBody = (slug: string, legalName: string) => ({
  slug,
  legalName,
  country: 'CO',
  kinds: ['CERTIFYING_BODY'],
});

/** An accreditation that covers `certificateBody()`, for `POST /admin/issuers/<slug>/accreditations`. */
export const certificateAccreditationBody = () => ({
  credentialTypes: ['CompetencyCertificationCredential'],
  framework: 'CO-MNC',
  minLevel: 1,
  maxLevel: 5,
  validFrom: '2020-01-01',
  accreditedBy: 'Ministerio (ficticio)',
});

/**
 * A Venezuelan nursing title by ve-unc, for `POST /issuer/credentials`: the origin of a
 * recognition case. Legalised by no route at all (`NONE`) unless overridden.
 */
export function venezuelanTitleBody(holder: TestHolder, subject: Record<string, unknown> = {}) {
  return {
    type: 'AcademicTitleCredential',
    holder,
    validFrom: '2016-07-15T00:00:00Z',
    subject: {
      institution: { name: 'Universidad Nacional de Caribay (ficticia)', country: 'VE' },
      programme: 'Enfermería',
      titleAsIssued: 'Licenciado en Enfermería',
      iscedLevel: 6,
      iscedField: '0913',
      dateAwarded: '2016-07-15',
      legalisation: 'NONE',
      ...subject,
    },
  };
}

/** A case for `POST /holder/cases`: convalidación in Colombia of the given credentials. */
export const openCaseBody = (credentialIds: string[], overrides: Record<string, unknown> = {}) => ({
  destinationCountry: 'CO',
  purpose: 'ACADEMIC_CONTINUATION',
  credentialIds,
  legalisation: 'NONE',
  statement: 'No pude apostillar mi título en Venezuela.',
  ...overrides,
});

/** A decision for `POST /authority/cases/<id>/decision`: recognised with an exam to pass. */
export const conditionalDecisionBody = (overrides: Record<string, unknown> = {}) => ({
  outcome: 'RECOGNISED_WITH_CONDITIONS',
  decisionNumber: 'DEMO-RES-2026-0042',
  route: 'ACADEMIC_EVALUATION',
  equivalentTitle: 'Profesional en Enfermería',
  equivalentLevel: { framework: 'CO-MNC', level: 6 },
  effects: ['ACADEMIC', 'EMPLOYMENT'],
  conditions: [{ kind: 'EXAM', description: 'Examen de salud pública (demo)' }],
  ...overrides,
});

/** The smallest PDF file-type recognises, as base64; and a text file that pretends to be one. */
export const tinyPdfBase64 = () =>
  Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');
export const fakePdfBase64 = () => Buffer.from('just text, named .pdf\n').toString('base64');

/** A body for `POST /admin/issuers/<slug>/oauth-clients`: an integration allowed these scopes. */
export const oauthClientBody = (scopes: string[], label = 'Plataforma de gestión (ficticia)') => ({
  label,
  scopes,
});

/**
 * A body for `POST /credentials/issue` (W3C VC API): María's competency certificate as co-ens
 * composes it itself.
 */
export const vcApiIssueBody = (issuerDid: string) => ({
  credential: {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', 'CompetencyCertificationCredential'],
    issuer: issuerDid,
    validFrom: '2022-05-10T00:00:00Z',
    credentialSubject: {
      name: { givenNames: 'María', familyNames: 'Demo Rivas' },
      identityDocument: { type: 'PPT', country: 'CO', last4: '0001' },
      ...competencySubject(),
    },
  },
  options: {},
});
