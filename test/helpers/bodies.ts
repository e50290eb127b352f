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
