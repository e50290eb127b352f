import type { IssueCredentialDto } from '../credentials/dto/issue-credential.dto.js';

/** A demo holder's credential (DOMAIN.md, "Holders and credentials"). All of it is fictional. */
export interface DemoCredential {
  /** How tests and the first-start banner refer to it. */
  name: string;
  issuer: string;
  request: IssueCredentialDto;
  revoke?: string;
}

const org = (name: string, country: string) => ({ name, country });

const maria = {
  documents: [
    { type: 'PPT' as const, country: 'CO', number: 'DEMO-PPT-0001' },
    { type: 'CEDULA' as const, country: 'VE', number: 'V-00000001' },
  ],
  givenNames: 'María',
  familyNames: 'Demo Rivas',
};
const jose = {
  documents: [
    { type: 'CARNE_EXTRANJERIA' as const, country: 'PE', number: 'DEMO-CE-0002' },
    { type: 'PASSPORT' as const, country: 'VE', number: 'DEMO-P-0002' },
  ],
  givenNames: 'José',
  familyNames: 'Demo Pérez',
};
const ana = {
  documents: [
    { type: 'PPT' as const, country: 'CO', number: 'DEMO-PPT-0003' },
    { type: 'CEDULA' as const, country: 'VE', number: 'V-00000003' },
  ],
  givenNames: 'Ana',
  familyNames: 'Demo Salas',
};
const anaTitle = {
  institution: org('Universidad Nacional de Caribay (ficticia)', 'VE'),
  programme: 'Enfermería',
  titleAsIssued: 'Licenciada en Enfermería',
  iscedLevel: 6,
  iscedField: '0913',
  dateAwarded: '2015-07-15',
  legalisation: 'ALT_MECHANISM',
};
const luisa = {
  documents: [{ type: 'CEDULA' as const, country: 'VE', number: 'V-00000005' }],
  givenNames: 'Luisa',
  familyNames: 'Demo Mora',
};
const luisaTitle = {
  institution: org('Universidad Nacional de Caribay (ficticia)', 'VE'),
  programme: 'Contaduría Pública',
  titleAsIssued: 'Licenciada en Contaduría',
  iscedLevel: 6,
  iscedField: '0411',
  dateAwarded: '2012-07-20',
  legalisation: 'APOSTILLE',
};

export const DEMO_CREDENTIALS: DemoCredential[] = [
  {
    name: 'maria-cuidado',
    issuer: 'co-ens',
    request: {
      type: 'CompetencyCertificationCredential',
      holder: maria,
      validFrom: '2022-05-10T00:00:00Z',
      subject: {
        standards: [
          {
            code: '299903010',
            version: '1',
            title: 'Asistir a la persona mayor en las actividades de la vida diaria (demo)',
          },
        ],
        unitsAchieved: ['299903010'],
        result: 'COMPETENT',
        assessmentCentre: org('Entidad Nacional de Saberes (ficticia)', 'CO'),
        assessmentDate: '2022-05-10',
        isco08: '5322',
        nationalLevel: { framework: 'CO-MNC', level: 3 },
      },
    },
  },
  {
    name: 'jose-cocina',
    issuer: 'pe-ccl-andes',
    request: {
      type: 'CompetencyCertificationCredential',
      holder: jose,
      validFrom: '2023-03-01T00:00:00Z',
      validUntil: '2028-03-01T00:00:00Z',
      subject: {
        standards: [{ code: 'PE-DEMO-COC-01', version: '1', title: 'Cocinero(a) (demo)' }],
        unitsAchieved: ['UC1', 'UC2', 'UC3', 'UC4'],
        result: 'COMPETENT',
        assessmentCentre: org('Centro de Certificación Los Andes (ficticio)', 'PE'),
        assessmentDate: '2023-02-20',
        isco08: '5120',
        nationalLevel: { framework: 'PE-MNC', level: 3 },
      },
    },
  },
  {
    name: 'rosa-ayudante-cocina',
    issuer: 'cl-cec-sur',
    request: {
      type: 'CompetencyCertificationCredential',
      holder: {
        documents: [{ type: 'RUT', country: 'CL', number: 'DEMO-RUT-0007' }],
        givenNames: 'Rosa',
        familyNames: 'Demo Vidal',
      },
      validFrom: '2024-04-15T00:00:00Z',
      subject: {
        standards: [{ code: 'CL-DEMO-P-0001', version: '1', title: 'Ayudante de cocina (demo)' }],
        unitsAchieved: ['UCL1', 'UCL2', 'UCL3'],
        result: 'COMPETENT',
        assessmentCentre: org('Centro de Evaluación y Certificación Sur (ficticio)', 'CL'),
        assessmentDate: '2024-04-10',
        isco08: '9412',
        nationalLevel: { framework: 'CL-MCTP', level: 2 },
      },
    },
  },
  {
    name: 'ana-titulo',
    issuer: 've-unc',
    request: {
      type: 'AcademicTitleCredential',
      holder: ana,
      validFrom: '2015-07-15T00:00:00Z',
      subject: anaTitle,
    },
  },
  {
    name: 'ana-convalidacion',
    issuer: 'co-men-demo',
    request: {
      type: 'RecognitionDecisionCredential',
      holder: ana,
      validFrom: '2023-09-12T00:00:00Z',
      subject: {
        authority: org('Oficina de Convalidaciones – Ministerio de Educación (ficticia)', 'CO'),
        procedure: 'Convalidación',
        criterion: 'ACADEMIC_EVALUATION',
        decisionNumber: 'DEMO-RES-2023-0001',
        decisionDate: '2023-09-12',
        outcome: 'GRANTED',
        equivalentTitle: 'Profesional en Enfermería',
        equivalentLevel: { framework: 'CO-MNC', level: 6 },
        effects: ['ACADEMIC', 'PROFESSIONAL_PRACTICE'],
        conditions: [],
        recognisedCredential: { summary: anaTitle },
      },
    },
  },
  {
    name: 'carlos-electricidad',
    issuer: 'ec-scp',
    request: {
      type: 'CompetencyCertificationCredential',
      holder: {
        documents: [{ type: 'CEDULA', country: 'EC', number: 'DEMO-EC-0004' }],
        givenNames: 'Carlos',
        familyNames: 'Demo Andrade',
      },
      validFrom: '2019-11-20T00:00:00Z',
      subject: {
        standards: [
          {
            code: 'EC-DEMO-ELE-07',
            version: '1',
            title: 'Instalaciones eléctricas residenciales (demo)',
          },
        ],
        unitsAchieved: ['EC-DEMO-ELE-07'],
        result: 'COMPETENT',
        assessmentCentre: org('Servicio de Cualificación Profesional (ficticio)', 'EC'),
        assessmentDate: '2019-11-15',
        isco08: '7411',
        nationalLevel: { framework: 'EC-CNC', level: 3 },
      },
    },
  },
  {
    name: 'luisa-titulo',
    issuer: 've-unc',
    request: {
      type: 'AcademicTitleCredential',
      holder: luisa,
      validFrom: '2012-07-20T00:00:00Z',
      subject: luisaTitle,
    },
  },
  {
    name: 'luisa-registro',
    issuer: 'ec-sres',
    request: {
      type: 'RecognitionDecisionCredential',
      holder: luisa,
      validFrom: '2024-02-05T00:00:00Z',
      subject: {
        authority: org('Secretaría de Registro de Educación Superior (ficticia)', 'EC'),
        procedure: 'Registro de título extranjero',
        criterion: 'ACCREDITATION',
        decisionNumber: 'DEMO-SNIESE-2024-0005',
        decisionDate: '2024-02-05',
        outcome: 'GRANTED',
        equivalentTitle: 'Licenciada en Contabilidad y Auditoría',
        equivalentLevel: { framework: 'EC-CNC', level: 5 },
        effects: ['ACADEMIC', 'EMPLOYMENT'],
        conditions: [],
        recognisedCredential: { summary: luisaTitle },
      },
    },
  },
  {
    name: 'pedro-cocina',
    issuer: 'co-ens',
    revoke: 'Certificado emitido por error (demo)',
    request: {
      type: 'CompetencyCertificationCredential',
      holder: {
        documents: [{ type: 'CEDULA', country: 'VE', number: 'V-00000006' }],
        givenNames: 'Pedro',
        familyNames: 'Demo Lima',
      },
      validFrom: '2023-06-01T00:00:00Z',
      subject: {
        standards: [{ code: '299902004', version: '2', title: 'Preparar alimentos (demo)' }],
        unitsAchieved: ['299902004'],
        result: 'COMPETENT',
        assessmentCentre: org('Entidad Nacional de Saberes (ficticia)', 'CO'),
        assessmentDate: '2023-05-25',
        isco08: '5120',
        nationalLevel: { framework: 'CO-MNC', level: 3 },
      },
    },
  },
];
