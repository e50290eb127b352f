import type { CreateAccreditationDto } from '../registry/dto/accreditation-input.dto.js';
import type { CreateIssuerDto } from '../registry/dto/issuer-input.dto.js';

/**
 * The fictional demo region of DOMAIN.md: every body is invented and says so. Each issuer comes
 * with the accreditation matching what it certifies there.
 */
type OptionalLists = 'iscedFields' | 'occupations' | 'standards' | 'jurisdiction';
export type DemoAccreditation = Omit<CreateAccreditationDto, OptionalLists> &
  Partial<Pick<CreateAccreditationDto, OptionalLists>>;

export interface DemoIssuer {
  issuer: CreateIssuerDto;
  accreditations: DemoAccreditation[];
}

const competency = 'CompetencyCertificationCredential';
const title = 'AcademicTitleCredential';
const decision = 'RecognitionDecisionCredential';

/** The issuer whose API key a first start prints, so a new user can issue at once. */
export const DEMO_API_KEY_ISSUER = 'co-ens';

/**
 * The sandbox issuer: `OPEN` profile (any VC 2.0 credential, outside accreditation) with a hosted
 * did:key, for trying the standard APIs and for the W3C conformance suites (which resolve only
 * did:key DIDs). A first start prints its API key too.
 */
export const SANDBOX_ISSUER = 'sandbox';

export const DEMO_ISSUERS: DemoIssuer[] = [
  {
    issuer: {
      slug: 'co-men-demo',
      legalName: 'Oficina de Convalidaciones – Ministerio de Educación (ficticia)',
      country: 'CO',
      kinds: ['ACADEMIC_RECOGNITION_AUTHORITY'],
    },
    accreditations: [
      {
        credentialTypes: [decision],
        validFrom: '2015-01-01',
        accreditedBy: 'Ministerio de Educación Nacional (ficticio)',
        legalReference: 'Resolución DEMO-10687 de 2019 (ficticia)',
      },
    ],
  },
  {
    issuer: {
      slug: 'co-ens',
      legalName: 'Entidad Nacional de Saberes (ficticia)',
      country: 'CO',
      kinds: ['STANDARD_SETTER', 'CERTIFYING_BODY'],
    },
    accreditations: [
      {
        credentialTypes: [competency],
        framework: 'CO-MNC',
        minLevel: 1,
        maxLevel: 5,
        standards: ['std-co-cuid', 'std-co-coc', 'std-co-elec'],
        validFrom: '2015-01-01',
        accreditedBy: 'Ministerio del Trabajo (ficticio)',
        legalReference: 'Decreto DEMO-1072 (ficticio)',
      },
    ],
  },
  {
    issuer: {
      slug: 'pe-dcl',
      legalName: 'Dirección de Certificación Laboral (ficticia)',
      country: 'PE',
      kinds: ['STANDARD_SETTER', 'CERTIFYING_BODY'],
    },
    accreditations: [
      {
        credentialTypes: [competency],
        framework: 'PE-MNC',
        minLevel: 1,
        maxLevel: 5,
        standards: ['std-pe-cuid', 'std-pe-coc'],
        validFrom: '2015-01-01',
        accreditedBy: 'Ministerio de Trabajo y Promoción del Empleo (ficticio)',
        legalReference: 'R.M. DEMO-2015 (ficticia)',
      },
    ],
  },
  {
    issuer: {
      slug: 'pe-ccl-andes',
      legalName: 'Centro de Certificación Los Andes (ficticio)',
      country: 'PE',
      kinds: ['ASSESSMENT_CENTRE'],
      parent: 'pe-dcl',
    },
    accreditations: [
      {
        credentialTypes: [competency],
        framework: 'PE-MNC',
        minLevel: 1,
        maxLevel: 4,
        standards: ['std-pe-cuid', 'std-pe-coc'],
        validFrom: '2022-07-01',
        validUntil: '2027-06-30',
        accreditedBy: 'pe-dcl',
        legalReference: 'Autorización DEMO-CCL-2022-07 (ficticia)',
      },
    ],
  },
  {
    issuer: {
      slug: 'pe-sru',
      legalName: 'Superintendencia de Registro Universitario (ficticia)',
      country: 'PE',
      kinds: ['ACADEMIC_RECOGNITION_AUTHORITY'],
    },
    accreditations: [
      {
        credentialTypes: [decision],
        validFrom: '2015-01-01',
        accreditedBy: 'Ley Universitaria DEMO (ficticia)',
      },
    ],
  },
  {
    issuer: {
      slug: 'ec-sres',
      legalName: 'Secretaría de Registro de Educación Superior (ficticia)',
      country: 'EC',
      kinds: ['ACADEMIC_RECOGNITION_AUTHORITY'],
    },
    accreditations: [
      {
        credentialTypes: [decision],
        validFrom: '2015-01-01',
        accreditedBy: 'Ley Orgánica de Educación Superior DEMO (ficticia)',
      },
    ],
  },
  {
    issuer: {
      slug: 'ec-scp',
      legalName: 'Servicio de Cualificación Profesional (ficticio)',
      country: 'EC',
      kinds: ['CERTIFYING_BODY'],
    },
    accreditations: [
      {
        credentialTypes: [competency],
        framework: 'EC-CNC',
        minLevel: 1,
        maxLevel: 5,
        standards: ['std-ec-elec'],
        validFrom: '2015-01-01',
        accreditedBy: 'Ministerio del Trabajo (ficticio)',
      },
    ],
  },
  {
    issuer: {
      slug: 'cl-cvt',
      legalName: 'Comisión ValorTrabajo (ficticia)',
      country: 'CL',
      kinds: ['STANDARD_SETTER'],
    },
    accreditations: [
      {
        credentialTypes: [competency],
        framework: 'CL-MCTP',
        minLevel: 1,
        maxLevel: 5,
        standards: ['std-cl-ayc'],
        validFrom: '2015-01-01',
        accreditedBy: 'Ley DEMO-20.267 (ficticia)',
      },
    ],
  },
  {
    issuer: {
      slug: 'cl-cec-sur',
      legalName: 'Centro de Evaluación y Certificación Sur (ficticio)',
      country: 'CL',
      kinds: ['ASSESSMENT_CENTRE'],
      parent: 'cl-cvt',
    },
    accreditations: [
      {
        credentialTypes: [competency],
        framework: 'CL-MCTP',
        minLevel: 1,
        maxLevel: 5,
        standards: ['std-cl-ayc'],
        validFrom: '2020-01-01',
        accreditedBy: 'cl-cvt',
        legalReference: 'Acreditación DEMO-CEC-2020 (ficticia)',
      },
    ],
  },
  {
    issuer: {
      slug: 'br-ufn',
      legalName: 'Universidade Federal Fictícia do Norte',
      country: 'BR',
      kinds: ['HEI', 'ACADEMIC_RECOGNITION_AUTHORITY'],
    },
    accreditations: [
      {
        credentialTypes: [title, decision],
        validFrom: '2000-01-01',
        accreditedBy: 'Ministério da Educação (fictício)',
      },
    ],
  },
  {
    issuer: {
      slug: 've-unc',
      legalName: 'Universidad Nacional de Caribay (ficticia)',
      country: 'VE',
      kinds: ['HEI'],
    },
    accreditations: [
      {
        credentialTypes: [title],
        validFrom: '1990-01-01',
        accreditedBy: 'Consejo Nacional de Universidades (ficticio)',
      },
    ],
  },
  {
    issuer: {
      slug: SANDBOX_ISSUER,
      legalName: 'Emisor de pruebas del registro (sandbox, sin acreditación)',
      country: 'CO',
      kinds: ['CERTIFYING_BODY'],
      didMethod: 'key',
      issuanceProfile: 'OPEN',
      sandbox: true,
    },
    accreditations: [],
  },
];
