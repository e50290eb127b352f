import type { CreateAgreementDto, CreateMappingDto } from './dto/agreement-input.dto.js';
import type { AgreementStatus } from './recognition.constants.js';

/**
 * The four recognition agreements of DOMAIN.md's fictional demo region, with their mappings and
 * status history. Everything here is invented and says so.
 */
type OptionalLists =
  | 'iscedFields'
  | 'occupations'
  | 'standards'
  | 'acceptsDecisionsFrom'
  | 'conditions'
  | 'fieldRestrictions';
export type DemoAgreementInput = Omit<CreateAgreementDto, OptionalLists> &
  Partial<Pick<CreateAgreementDto, OptionalLists>>;
export type DemoMappingInput = Omit<CreateMappingDto, 'missingUnits' | 'conditions'> &
  Partial<Pick<CreateMappingDto, 'missingUnits' | 'conditions'>>;

export interface DemoAgreement {
  agreement: DemoAgreementInput;
  mappings: DemoMappingInput[];
  /** When it came into force (ISO date-time). */
  since: string;
  /** Later status changes, oldest first. */
  changes: { to: AgreementStatus; at: string; reason: string }[];
}

const competency = 'CompetencyCertificationCredential';
const decision = 'RecognitionDecisionCredential';

const andinoCountries = ['CO', 'EC', 'PE'];
const allPairs = (countries: string[]) =>
  countries.flatMap((origin) =>
    countries.filter((c) => c !== origin).map((destination) => ({ origin, destination })),
  );

/** The andino pilot's scope, shared by the pilot and its successor. */
const andinoScope = (): Omit<
  DemoAgreementInput,
  'id' | 'name' | 'legalInstrument' | 'validFrom'
> => ({
  kind: 'PILOT',
  directions: allPairs(andinoCountries),
  credentialTypes: [competency],
  occupations: ['5322', '5120', '7411'],
  metaLevelMin: 1,
  metaLevelMax: 4,
  purposes: ['EMPLOYMENT'],
  mode: 'AUTOMATIC',
  equivalenceRule: 'SAME_OCCUPATION_SAME_LEVEL',
  conditions: [
    { code: 'ISSUED_AFTER', params: { date: '2021-01-01' } },
    { code: 'MAX_AGE_YEARS', params: { years: 5 } },
    { code: 'IDENTITY_VERIFIED' },
  ],
});

/** Fresh copies each call, so no caller can change another's. */
export function demoAgreements(): DemoAgreement[] {
  return [
    {
      agreement: {
        id: 'agr-pe-cl-2026-demo',
        name: 'Acuerdo Perú–Chile de reconocimiento de certificaciones de competencias laborales (demo)',
        legalInstrument: 'Acuerdo bilateral DEMO-PE-CL-2026 (ficticio)',
        kind: 'BILATERAL',
        directions: [
          { origin: 'PE', destination: 'CL' },
          { origin: 'CL', destination: 'PE' },
        ],
        credentialTypes: [competency],
        purposes: ['EMPLOYMENT'],
        mode: 'ON_REQUEST',
        // "Certificate not expired" is rule 2 of every decision; the agreement adds the rest.
        conditions: [{ code: 'ISSUER_AUTHORISED' }, { code: 'IDENTITY_VERIFIED' }],
        validFrom: '2026-03-01',
        validTo: '2030-02-28',
      },
      mappings: [
        {
          origin: 'PE',
          destination: 'CL',
          from: { standardId: 'std-pe-coc' },
          to: { standardId: 'std-cl-ayc' },
          kind: 'FULL',
        },
        {
          origin: 'CL',
          destination: 'PE',
          from: { standardId: 'std-cl-ayc' },
          to: { standardId: 'std-pe-coc' },
          kind: 'PARTIAL',
          missingUnits: ['UC3', 'UC4'],
          conditions: ['GAP_ASSESSMENT'],
          note: 'Las UCL chilenas no cubren la carta y costeo ni la organización de la cocina (demo)',
        },
      ],
      since: '2026-03-01T00:00:00.000Z',
      changes: [],
    },
    {
      agreement: {
        id: 'agr-spe-andino-demo',
        name: 'Piloto andino de pasaporte de competencias (demo)',
        legalInstrument: 'Declaración ministerial DEMO-SPE-2022 (ficticia)',
        ...andinoScope(),
        validFrom: '2022-07-01',
        validTo: '2025-12-31',
      },
      mappings: [],
      since: '2022-07-01T00:00:00.000Z',
      changes: [
        {
          to: 'TERMINATED',
          at: '2026-01-01T00:00:00.000Z',
          reason: 'Plazo cumplido; lo sucede agr-spe-andino-demo-2',
        },
      ],
    },
    {
      agreement: {
        id: 'agr-spe-andino-demo-2',
        name: 'Piloto andino de pasaporte de competencias, segunda fase (demo)',
        legalInstrument: 'Declaración ministerial DEMO-SPE-2025 (ficticia)',
        ...andinoScope(),
        validFrom: '2026-01-01',
        validTo: '2028-12-31',
      },
      mappings: [],
      since: '2026-01-01T00:00:00.000Z',
      changes: [],
    },
    {
      agreement: {
        id: 'agr-co-pe-titulos-demo',
        name: 'Reconocimiento en el Perú de las convalidaciones colombianas (demo)',
        legalInstrument: 'Resolución DEMO-SRU-2024-117 (ficticia)',
        kind: 'UNILATERAL_POLICY',
        directions: [{ origin: 'CO', destination: 'PE' }],
        credentialTypes: [decision],
        acceptsDecisionsFrom: ['CO'],
        metaLevelMin: 6,
        metaLevelMax: 7,
        purposes: ['ACADEMIC_CONTINUATION', 'EMPLOYMENT'],
        mode: 'AUTOMATIC',
        fieldRestrictions: [
          {
            iscedFields: ['091', '0421', '011'],
            purposes: ['EMPLOYMENT'],
            condition: 'PROFESSIONAL_LICENCE',
          },
        ],
        validFrom: '2025-01-01',
      },
      mappings: [],
      since: '2025-01-01T00:00:00.000Z',
      changes: [],
    },
  ];
}

/** A demo agreement as the service takes it: every list present. */
export function demoAgreementDto(input: DemoAgreementInput): CreateAgreementDto {
  return {
    iscedFields: [],
    occupations: [],
    standards: [],
    acceptsDecisionsFrom: [],
    conditions: [],
    fieldRestrictions: [],
    ...input,
  };
}

export function demoMappingDto(input: DemoMappingInput): CreateMappingDto {
  return { missingUnits: [], conditions: [], ...input };
}
