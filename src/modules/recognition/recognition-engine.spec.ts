import { FRAMEWORKS } from '../reference/data/frameworks.js';
import { STANDARDS } from '../reference/data/standards.js';
import {
  agreementStatusAt,
  evaluateRecognition,
  metaLevelOfIscedLevel,
  type AgreementData,
  type CredentialFacts,
  type RecognitionInput,
  type ReferenceFramework,
  type ReferenceStandard,
  type VerificationFacts,
} from './recognition-engine.js';
import { isHardCondition, RULES_VERSION, type Purpose } from './recognition.constants.js';
import { demoAgreementDto, demoAgreements, demoMappingDto } from './recognition-demo.js';

// The demo region's agreements, as the service hands them to the engine after seeding them.
function demoAgreementData(): AgreementData[] {
  return demoAgreements().map((demo) => {
    const dto = demoAgreementDto(demo.agreement);
    let status = 'IN_FORCE' as AgreementData['status'];
    const history: AgreementData['statusHistory'] = [{ from: null, to: status, at: demo.since }];
    for (const change of demo.changes) {
      history.push({ from: status, to: change.to, at: change.at });
      status = change.to;
    }
    return {
      id: dto.id,
      name: dto.name,
      kind: dto.kind,
      mode: dto.mode,
      credentialTypes: dto.credentialTypes,
      metaLevelMin: dto.metaLevelMin ?? null,
      metaLevelMax: dto.metaLevelMax ?? null,
      iscedFields: dto.iscedFields,
      occupations: dto.occupations,
      standards: dto.standards,
      purposes: dto.purposes,
      acceptsDecisionsFrom: dto.acceptsDecisionsFrom,
      conditions: dto.conditions.map((c) => ({
        code: c.code,
        hard: isHardCondition(c.code),
        params: c.params ?? {},
      })),
      fieldRestrictions: dto.fieldRestrictions,
      equivalenceRule: dto.equivalenceRule ?? null,
      validFrom: dto.validFrom,
      validTo: dto.validTo ?? null,
      status,
      directions: dto.directions,
      statusHistory: history,
      mappings: demo.mappings.map(demoMappingDto).map((m, i) => ({
        id: `${dto.id}-m${i}`,
        origin: m.origin,
        destination: m.destination,
        from: m.from,
        to: m.to,
        kind: m.kind,
        missingUnits: m.missingUnits,
        conditions: m.conditions,
        note: m.note ?? null,
      })),
    };
  });
}

// CO and PE levels n, and CL and EC levels n, reference meta level n in the demo region.
const standards: ReferenceStandard[] = STANDARDS.map((s) => ({
  id: s.id,
  title: s.title,
  country: s.country,
  isco08: s.isco08,
  framework: s.framework,
  level: s.level,
  metaLevel: s.level,
  units: s.units,
}));

const frameworks: ReferenceFramework[] = FRAMEWORKS.flatMap((f) =>
  f.country ? [{ code: f.code, country: f.country, levels: f.levels }] : [],
);

const competency = 'CompetencyCertificationCredential';

// The demo holders' credentials, as the verification pipeline reads them.
const maria = (over: Partial<CredentialFacts> = {}): CredentialFacts => ({
  type: competency,
  issuingCountry: 'CO',
  issuerSlug: 'co-ens',
  validFrom: '2022-05-10',
  metaLevel: 3,
  occupation: '5322',
  standardIds: ['std-co-cuid'],
  ...over,
});
const jose = (over: Partial<CredentialFacts> = {}): CredentialFacts => ({
  type: competency,
  issuingCountry: 'PE',
  issuerSlug: 'pe-ccl-andes',
  validFrom: '2023-03-01',
  validUntil: '2028-03-01',
  metaLevel: 3,
  occupation: '5120',
  standardIds: ['std-pe-coc'],
  ...over,
});
const chileanKitchenAssistant = (over: Partial<CredentialFacts> = {}): CredentialFacts => ({
  type: competency,
  issuingCountry: 'CL',
  issuerSlug: 'cl-cec-sur',
  validFrom: '2025-09-15',
  metaLevel: 2,
  occupation: '9412',
  standardIds: ['std-cl-ayc'],
  ...over,
});
// The bridge finds no national level on a decision: the meta level comes from the ISCED level.
const anaDecision = (over: Partial<CredentialFacts> = {}): CredentialFacts => ({
  type: 'RecognitionDecisionCredential',
  issuingCountry: 'CO',
  issuerSlug: 'co-men-demo',
  validFrom: '2023-08-14',
  metaLevel: null,
  iscedLevel: 6,
  iscedField: '0913',
  standardIds: [],
  decision: {
    decidingCountry: 'CO',
    outcome: 'GRANTED',
    effects: ['ACADEMIC', 'PROFESSIONAL_PRACTICE'],
    recognisedTitle: 'Enfermera',
    equivalentLevel: { framework: 'CO-MNC', level: 6 },
    decisionNumber: 'DEMO-RES-2023-0001',
  },
  ...over,
});
const carlos = (over: Partial<CredentialFacts> = {}): CredentialFacts => ({
  type: competency,
  issuingCountry: 'EC',
  issuerSlug: 'ec-scp',
  validFrom: '2019-11-20',
  metaLevel: 3,
  occupation: '7411',
  standardIds: ['std-ec-elec'],
  ...over,
});
const luisaDecision = (): CredentialFacts => ({
  type: 'RecognitionDecisionCredential',
  issuingCountry: 'EC',
  issuerSlug: 'ec-sres',
  validFrom: '2024-04-02',
  iscedLevel: 6,
  iscedField: '0411',
  standardIds: [],
  decision: {
    decidingCountry: 'EC',
    outcome: 'GRANTED',
    effects: ['ACADEMIC', 'EMPLOYMENT'],
    recognisedTitle: 'Licenciada en Contabilidad y Auditoría',
    decisionNumber: 'DEMO-SNIESE-2024-0005',
  },
});
const pedro = (): CredentialFacts => ({
  type: competency,
  issuingCountry: 'CO',
  issuerSlug: 'co-ens',
  validFrom: '2021-09-01',
  metaLevel: 3,
  occupation: '5120',
  standardIds: ['std-co-coc'],
});

const verified = (over: Partial<VerificationFacts> = {}): VerificationFacts => ({
  status: 'VALID',
  identityVerified: true,
  issuerAuthorised: true,
  ...over,
});

function decide(
  credential: CredentialFacts,
  destinationCountry: string,
  purpose: Purpose = 'EMPLOYMENT',
  over: Partial<RecognitionInput> = {},
) {
  return evaluateRecognition({
    credential,
    destinationCountry,
    purpose,
    date: '2026-06-01',
    agreements: demoAgreementData(),
    verification: verified(),
    standards,
    frameworks,
    ...over,
  });
}

/** A small agreement for the cases the demo region does not reach. */
const agreement = (over: Partial<AgreementData> = {}): AgreementData => ({
  id: 'agr-test',
  name: 'Test agreement',
  kind: 'BILATERAL',
  mode: 'AUTOMATIC',
  credentialTypes: [competency],
  metaLevelMin: null,
  metaLevelMax: null,
  iscedFields: [],
  occupations: [],
  standards: [],
  purposes: ['EMPLOYMENT'],
  acceptsDecisionsFrom: [],
  conditions: [],
  fieldRestrictions: [],
  equivalenceRule: null,
  validFrom: '2020-01-01',
  validTo: null,
  status: 'IN_FORCE',
  directions: [{ origin: 'CO', destination: 'BR' }],
  statusHistory: [],
  mappings: [],
  ...over,
});

const fullMapping = (over: Partial<AgreementData['mappings'][number]> = {}) => ({
  id: 'map-1',
  origin: 'CO',
  destination: 'BR',
  from: { standardId: 'std-co-cuid' },
  to: { title: 'Cuidador de idosos' },
  kind: 'FULL' as const,
  missingUnits: [],
  conditions: [],
  ...over,
});

const toBrazil = (a: AgreementData[], credential = maria(), over: Partial<RecognitionInput> = {}) =>
  decide(credential, 'BR', 'EMPLOYMENT', { agreements: a, ...over });

describe('evaluateRecognition: the expected outcomes of the demo region (2026-06-01)', () => {
  it("María's certificate → PE, EMPLOYMENT: RECOGNISED via agr-spe-andino-demo-2, same ISCO and level", () => {
    const result = decide(maria(), 'PE');
    expect(result).toMatchObject({
      outcome: 'RECOGNISED',
      reasons: ['FULL_EQUIVALENCE'],
      agreement: { id: 'agr-spe-andino-demo-2' },
      equivalent: { basis: 'RULE', kind: 'FULL', standardId: 'std-pe-cuid', country: 'PE' },
      conditions: [],
      missingUnits: [],
      // The CO → PE titles agreement links the countries too, but covers decisions only.
      alternatives: [
        {
          agreement: { id: 'agr-co-pe-titulos-demo' },
          outcome: 'VALID_NOT_COVERED',
          reasons: ['TYPE_OUT_OF_SCOPE', 'LEVEL_OUT_OF_SCOPE'],
        },
      ],
      rulesVersion: RULES_VERSION,
    });
  });

  it("José's certificate → CL, EMPLOYMENT: RECOGNISED via agr-pe-cl-2026-demo as std-cl-ayc", () => {
    expect(decide(jose(), 'CL')).toMatchObject({
      outcome: 'RECOGNISED',
      reasons: ['FULL_EQUIVALENCE'],
      agreement: { id: 'agr-pe-cl-2026-demo', mode: 'ON_REQUEST' },
      equivalent: { basis: 'MAPPING', kind: 'FULL', standardId: 'std-cl-ayc', level: 2 },
    });
  });

  it('a CL std-cl-ayc certificate → PE, EMPLOYMENT: VALID_WITH_CONDITIONS, PARTIAL, UC3 and UC4, gap assessment', () => {
    expect(decide(chileanKitchenAssistant(), 'PE')).toMatchObject({
      outcome: 'VALID_WITH_CONDITIONS',
      reasons: ['PARTIAL_EQUIVALENCE'],
      agreement: { id: 'agr-pe-cl-2026-demo' },
      equivalent: { kind: 'PARTIAL', standardId: 'std-pe-coc' },
      conditions: [{ code: 'GAP_ASSESSMENT', hard: false, source: 'MAPPING' }],
      missingUnits: ['UC3', 'UC4'],
    });
  });

  it("Ana's CO decision → PE, ACADEMIC_CONTINUATION: RECOGNISED via agr-co-pe-titulos-demo", () => {
    expect(decide(anaDecision(), 'PE', 'ACADEMIC_CONTINUATION')).toMatchObject({
      outcome: 'RECOGNISED',
      reasons: ['DECISION_HONOURED'],
      agreement: { id: 'agr-co-pe-titulos-demo' },
      equivalent: {
        basis: 'DECISION',
        title: 'Enfermera',
        framework: 'CO-MNC',
        level: 6,
        metaLevel: 6,
      },
      conditions: [],
    });
  });

  it("Ana's CO decision → PE, EMPLOYMENT: VALID_WITH_CONDITIONS, professional licence", () => {
    expect(decide(anaDecision(), 'PE', 'EMPLOYMENT')).toMatchObject({
      outcome: 'VALID_WITH_CONDITIONS',
      reasons: ['FIELD_RESTRICTION'],
      agreement: { id: 'agr-co-pe-titulos-demo' },
      equivalent: { title: 'Enfermera' },
      conditions: [{ code: 'PROFESSIONAL_LICENCE', hard: false, source: 'FIELD_RESTRICTION' }],
    });
  });

  it("Ana's CO decision → PE, PROFESSIONAL_PRACTICE: VALID_NOT_COVERED, purpose out of scope", () => {
    expect(decide(anaDecision(), 'PE', 'PROFESSIONAL_PRACTICE')).toMatchObject({
      outcome: 'VALID_NOT_COVERED',
      reasons: ['PURPOSE_OUT_OF_SCOPE'],
      agreement: { id: 'agr-co-pe-titulos-demo' },
      equivalent: null,
    });
  });

  it("Carlos's certificate → CO, EMPLOYMENT: VALID_NOT_COVERED, too old and issued too early", () => {
    const result = decide(carlos(), 'CO');
    expect(result).toMatchObject({
      outcome: 'VALID_NOT_COVERED',
      agreement: { id: 'agr-spe-andino-demo-2' },
      conditions: [
        { code: 'ISSUED_AFTER', hard: true, params: { date: '2021-01-01' } },
        { code: 'MAX_AGE_YEARS', hard: true, params: { years: 5 } },
      ],
    });
    expect(result.reasons).toEqual(['ISSUED_AFTER', 'MAX_AGE_YEARS']);
  });

  it("Luisa's EC decision → CO: VALID_NOT_COVERED, no agreement honours EC decisions", () => {
    for (const purpose of ['EMPLOYMENT', 'ACADEMIC_CONTINUATION'] as const) {
      expect(decide(luisaDecision(), 'CO', purpose)).toMatchObject({
        outcome: 'VALID_NOT_COVERED',
        reasons: ['NO_AGREEMENT'],
        agreement: null,
      });
    }
  });

  it("Pedro's certificate → PE: REVOKED", () => {
    expect(
      decide(pedro(), 'PE', 'EMPLOYMENT', { verification: verified({ status: 'REVOKED' }) }),
    ).toEqual({
      outcome: 'REVOKED',
      reasons: ['REVOKED'],
      agreement: null,
      equivalent: null,
      conditions: [],
      missingUnits: [],
      alternatives: [],
      rulesVersion: RULES_VERSION,
    });
  });
});

describe('evaluateRecognition: steps 1–3, the credential itself', () => {
  it('1: an invalid credential is INVALID, whatever else holds', () => {
    expect(
      decide(maria(), 'CO', 'EMPLOYMENT', { verification: verified({ status: 'INVALID' }) }),
    ).toMatchObject({ outcome: 'INVALID', reasons: ['INVALID'] });
  });

  it.each([
    ['REVOKED', 'REVOKED'],
    ['SUSPENDED', 'SUSPENDED'],
  ] as const)('2: a %s credential is %s, before the country is looked at', (status, outcome) => {
    expect(
      decide(maria(), 'CO', 'EMPLOYMENT', { verification: verified({ status }) }),
    ).toMatchObject({ outcome, reasons: [outcome] });
  });

  it('2: past validUntil at the date is EXPIRED; on its last day it is not', () => {
    expect(decide(jose(), 'CL', 'EMPLOYMENT', { date: '2028-03-02' })).toMatchObject({
      outcome: 'EXPIRED',
      reasons: ['EXPIRED'],
    });
    expect(decide(jose(), 'CL', 'EMPLOYMENT', { date: '2028-03-01' }).outcome).toBe('RECOGNISED');
  });

  it('2: the date decides expiry, not the verification of today', () => {
    const expiredToday = { verification: verified({ status: 'EXPIRED' }) };
    expect(decide(jose(), 'CL', 'EMPLOYMENT', expiredToday).outcome).toBe('RECOGNISED');
    expect(decide(maria({ validUntil: null }), 'PE', 'EMPLOYMENT', expiredToday).outcome).toBe(
      'EXPIRED',
    );
  });

  it('3: in its own country a credential is VALID_DOMESTIC', () => {
    expect(decide(maria(), 'CO')).toMatchObject({
      outcome: 'VALID_DOMESTIC',
      reasons: ['SAME_COUNTRY'],
      agreement: null,
    });
  });

  it("3: a decision is domestic in the deciding country, whoever's title it recognises", () => {
    expect(decide(anaDecision(), 'CO', 'ACADEMIC_CONTINUATION').outcome).toBe('VALID_DOMESTIC');
    const signedAbroad = anaDecision({ issuingCountry: 'VE' });
    expect(decide(signedAbroad, 'CO', 'ACADEMIC_CONTINUATION').outcome).toBe('VALID_DOMESTIC');
    expect(decide(signedAbroad, 'PE', 'ACADEMIC_CONTINUATION').outcome).toBe('RECOGNISED');
  });
});

describe('evaluateRecognition: step 4, the agreements in force on the date', () => {
  it('no agreement into the destination is NO_AGREEMENT', () => {
    expect(decide(maria(), 'BR')).toMatchObject({
      outcome: 'VALID_NOT_COVERED',
      reasons: ['NO_AGREEMENT'],
      agreement: null,
      alternatives: [],
    });
    expect(decide(maria(), 'CL').reasons).toEqual(['NO_AGREEMENT']);
  });

  it('agreements are directional: CO → PE titles do not reach PE → CO', () => {
    const peruvianDecision = anaDecision({
      issuingCountry: 'PE',
      decision: { ...anaDecision().decision!, decidingCountry: 'PE' },
    });
    expect(decide(peruvianDecision, 'CO', 'ACADEMIC_CONTINUATION').reasons).toEqual([
      'NO_AGREEMENT',
    ]);
  });

  it('before an agreement starts it does not apply', () => {
    expect(decide(jose(), 'CL', 'EMPLOYMENT', { date: '2026-02-28' }).reasons).toEqual([
      'NO_AGREEMENT',
    ]);
    expect(decide(jose(), 'CL', 'EMPLOYMENT', { date: '2026-03-01' }).outcome).toBe('RECOGNISED');
  });

  it('an ended agreement applies to the dates it was in force; its successor after', () => {
    const in2025 = decide(maria(), 'PE', 'EMPLOYMENT', { date: '2025-06-01' });
    expect(in2025).toMatchObject({
      outcome: 'RECOGNISED',
      agreement: { id: 'agr-spe-andino-demo' },
    });
    expect(decide(maria(), 'PE', 'EMPLOYMENT', { date: '2025-12-31' }).agreement?.id).toBe(
      'agr-spe-andino-demo',
    );
    expect(decide(maria(), 'PE', 'EMPLOYMENT', { date: '2026-01-01' }).agreement?.id).toBe(
      'agr-spe-andino-demo-2',
    );
  });

  it('a decision is linked by the countries whose decisions the agreement honours, not by direction', () => {
    // agr-spe-andino-demo-2 has the direction EC → CO, but honours no decisions.
    expect(decide(luisaDecision(), 'CO').reasons).toEqual(['NO_AGREEMENT']);
    // agr-co-pe-titulos-demo honours CO decisions only into PE.
    expect(decide(anaDecision(), 'CL', 'ACADEMIC_CONTINUATION').reasons).toEqual(['NO_AGREEMENT']);
  });

  describe('status at the date, from the history', () => {
    const suspendedInMay = (): AgreementData[] =>
      demoAgreementData().map((a) =>
        a.id === 'agr-pe-cl-2026-demo'
          ? {
              ...a,
              status: 'SUSPENDED',
              statusHistory: [
                ...a.statusHistory,
                { from: 'IN_FORCE', to: 'SUSPENDED', at: '2026-05-10T15:30:00.000Z' },
              ],
            }
          : a,
      );

    it('only a suspended agreement on the date is AGREEMENT_SUSPENDED, naming it', () => {
      expect(decide(jose(), 'CL', 'EMPLOYMENT', { agreements: suspendedInMay() })).toMatchObject({
        outcome: 'AGREEMENT_SUSPENDED',
        reasons: ['AGREEMENT_SUSPENDED'],
        agreement: { id: 'agr-pe-cl-2026-demo' },
        equivalent: null,
      });
    });

    it('the suspension counts from its day on, not before', () => {
      const agreements = suspendedInMay();
      expect(decide(jose(), 'CL', 'EMPLOYMENT', { agreements, date: '2026-05-09' }).outcome).toBe(
        'RECOGNISED',
      );
      expect(decide(jose(), 'CL', 'EMPLOYMENT', { agreements, date: '2026-05-10' }).outcome).toBe(
        'AGREEMENT_SUSPENDED',
      );
    });

    it("a reinstated agreement applies again, whatever today's status says", () => {
      const agreements = suspendedInMay().map((a) =>
        a.id === 'agr-pe-cl-2026-demo'
          ? {
              ...a,
              statusHistory: [
                ...a.statusHistory,
                { from: 'SUSPENDED' as const, to: 'IN_FORCE' as const, at: '2026-05-20T09:00:00Z' },
                { from: 'IN_FORCE' as const, to: 'SUSPENDED' as const, at: '2026-09-01T09:00:00Z' },
              ],
            }
          : a,
      );
      expect(decide(jose(), 'CL', 'EMPLOYMENT', { agreements }).outcome).toBe('RECOGNISED');
      expect(decide(jose(), 'CL', 'EMPLOYMENT', { agreements, date: '2026-09-02' }).outcome).toBe(
        'AGREEMENT_SUSPENDED',
      );
    });

    it('a terminated agreement is no agreement at all', () => {
      const terminated = agreement({
        status: 'TERMINATED',
        statusHistory: [
          { from: null, to: 'IN_FORCE', at: '2020-01-01T00:00:00Z' },
          { from: 'IN_FORCE', to: 'TERMINATED', at: '2026-01-15T00:00:00Z' },
        ],
        mappings: [fullMapping()],
      });
      expect(toBrazil([terminated]).reasons).toEqual(['NO_AGREEMENT']);
      expect(toBrazil([terminated], maria(), { date: '2026-01-14' }).outcome).toBe('RECOGNISED');
    });

    it('an agreement in force is used, and a suspended one is listed beside it', () => {
      const suspended = agreement({
        id: 'agr-suspended',
        status: 'SUSPENDED',
        statusHistory: [{ from: 'IN_FORCE', to: 'SUSPENDED', at: '2024-01-01T00:00:00Z' }],
      });
      const inForce = agreement({ mappings: [fullMapping()] });
      expect(toBrazil([suspended, inForce])).toMatchObject({
        outcome: 'RECOGNISED',
        agreement: { id: 'agr-test' },
        alternatives: [
          {
            agreement: { id: 'agr-suspended' },
            outcome: 'AGREEMENT_SUSPENDED',
            reasons: ['AGREEMENT_SUSPENDED'],
          },
        ],
      });
    });
  });
});

describe('evaluateRecognition: step 5, scope', () => {
  it.each<[string, CredentialFacts, string]>([
    [
      'an academic title under a competency agreement',
      jose({ type: 'AcademicTitleCredential' }),
      'TYPE_OUT_OF_SCOPE',
    ],
    ['a level above the range', maria({ metaLevel: 5 }), 'LEVEL_OUT_OF_SCOPE'],
    ['an unknown level where a range is set', maria({ metaLevel: null }), 'LEVEL_OUT_OF_SCOPE'],
    [
      'an occupation outside the list',
      maria({ occupation: '9412', standardIds: [] }),
      'OCCUPATION_OUT_OF_SCOPE',
    ],
    ['no occupation where a list is set', maria({ occupation: null }), 'OCCUPATION_OUT_OF_SCOPE'],
  ])('%s is VALID_NOT_COVERED', (_name, credential, reason) => {
    const destination = credential.issuingCountry === 'PE' ? 'CL' : 'PE';
    expect(decide(credential, destination)).toMatchObject({
      outcome: 'VALID_NOT_COVERED',
      reasons: [reason],
    });
  });

  it('a level below the range, and a decision outside ISCED 6–7, are out of scope', () => {
    expect(decide(maria({ metaLevel: 0 }), 'PE').reasons).toEqual(['LEVEL_OUT_OF_SCOPE']);
    const masterOrDoctorate = (iscedLevel: number) =>
      decide(anaDecision({ iscedLevel }), 'PE', 'ACADEMIC_CONTINUATION');
    expect(masterOrDoctorate(7).outcome).toBe('RECOGNISED');
    expect(masterOrDoctorate(8).reasons).toEqual(['LEVEL_OUT_OF_SCOPE']);
    expect(masterOrDoctorate(5).reasons).toEqual(['LEVEL_OUT_OF_SCOPE']);
  });

  it('a purpose outside the agreement is PURPOSE_OUT_OF_SCOPE', () => {
    expect(decide(jose(), 'CL', 'ACADEMIC_CONTINUATION').reasons).toEqual(['PURPOSE_OUT_OF_SCOPE']);
  });

  it('fields and standards, when listed, must match; a broad field covers its detailed ones', () => {
    const health = agreement({
      credentialTypes: ['AcademicTitleCredential'],
      iscedFields: ['091'],
      mappings: [fullMapping({ from: { metaLevel: 6 } })],
    });
    const title = (iscedField: string): CredentialFacts => ({
      type: 'AcademicTitleCredential',
      issuingCountry: 'CO',
      issuerSlug: 'co-uni',
      validFrom: '2020-01-01',
      iscedLevel: 6,
      iscedField,
      standardIds: [],
    });
    expect(toBrazil([health], title('0913')).outcome).toBe('RECOGNISED');
    expect(toBrazil([health], title('0411')).reasons).toEqual(['FIELD_OUT_OF_SCOPE']);
    const cooking = agreement({ standards: ['std-co-coc'] });
    expect(toBrazil([cooking]).reasons).toEqual(['STANDARD_OUT_OF_SCOPE']);
  });

  it('an occupation group covers its unit groups', () => {
    const care = agreement({ occupations: ['53'], mappings: [fullMapping()] });
    expect(toBrazil([care]).outcome).toBe('RECOGNISED');
  });

  it('names every scope it falls out of', () => {
    expect(
      decide(jose({ metaLevel: 6, type: 'AcademicTitleCredential' }), 'CO', 'ACADEMIC_CONTINUATION')
        .reasons,
    ).toEqual(['TYPE_OUT_OF_SCOPE', 'LEVEL_OUT_OF_SCOPE', 'PURPOSE_OUT_OF_SCOPE']);
  });

  it('a denied decision is not honoured', () => {
    const denied = anaDecision({ decision: { ...anaDecision().decision!, outcome: 'DENIED' } });
    expect(decide(denied, 'PE', 'ACADEMIC_CONTINUATION').reasons).toEqual(['DECISION_NOT_GRANTED']);
  });

  it('scope is decided before the hard conditions', () => {
    expect(decide(carlos({ metaLevel: 5 }), 'CO').reasons).toEqual(['LEVEL_OUT_OF_SCOPE']);
  });
});

describe('evaluateRecognition: step 6, hard conditions', () => {
  it('an identity not verified is IDENTITY_VERIFIED', () => {
    expect(
      decide(maria(), 'PE', 'EMPLOYMENT', { verification: verified({ identityVerified: false }) }),
    ).toMatchObject({ outcome: 'VALID_NOT_COVERED', reasons: ['IDENTITY_VERIFIED'] });
  });

  it('an issuer not authorised is ISSUER_AUTHORISED', () => {
    expect(
      decide(jose(), 'CL', 'EMPLOYMENT', { verification: verified({ issuerAuthorised: false }) })
        .reasons,
    ).toEqual(['ISSUER_AUTHORISED']);
  });

  it('lists every unmet condition, in the order of the rules', () => {
    const result = decide(carlos(), 'PE', 'EMPLOYMENT', {
      verification: verified({ identityVerified: false, issuerAuthorised: false }),
    });
    expect(result.reasons).toEqual(['ISSUED_AFTER', 'MAX_AGE_YEARS', 'IDENTITY_VERIFIED']);
  });

  it('MAX_AGE_YEARS: exactly five years old is still covered, a day more is not', () => {
    const issued = maria({ validFrom: '2021-06-01' });
    expect(decide(issued, 'PE', 'EMPLOYMENT', { date: '2026-06-01' }).outcome).toBe('RECOGNISED');
    expect(decide(issued, 'PE', 'EMPLOYMENT', { date: '2026-06-02' }).reasons).toEqual([
      'MAX_AGE_YEARS',
    ]);
  });

  it('ISSUED_AFTER is strictly after its date', () => {
    const onTheDay = maria({ validFrom: '2021-01-01' });
    const dayAfter = maria({ validFrom: '2021-01-02' });
    const date = '2025-06-01';
    expect(decide(onTheDay, 'PE', 'EMPLOYMENT', { date }).reasons).toEqual(['ISSUED_AFTER']);
    expect(decide(dayAfter, 'PE', 'EMPLOYMENT', { date }).outcome).toBe('RECOGNISED');
  });
});

describe('evaluateRecognition: step 7, equivalence and soft conditions', () => {
  it('the andino rule: one meta level apart is PARTIAL with a gap assessment', () => {
    expect(decide(maria({ metaLevel: 4 }), 'PE')).toMatchObject({
      outcome: 'VALID_WITH_CONDITIONS',
      reasons: ['PARTIAL_EQUIVALENCE'],
      equivalent: { basis: 'RULE', kind: 'PARTIAL', standardId: 'std-pe-cuid' },
      conditions: [{ code: 'GAP_ASSESSMENT', source: 'RULE' }],
    });
  });

  it('the andino rule: two levels apart is no equivalence', () => {
    expect(decide(maria({ metaLevel: 1 }), 'PE')).toMatchObject({
      outcome: 'VALID_NOT_COVERED',
      reasons: ['NO_EQUIVALENCE'],
      agreement: { id: 'agr-spe-andino-demo-2' },
    });
  });

  it('the andino rule finds the destination standard of the same occupation', () => {
    expect(decide(carlos({ validFrom: '2024-02-01' }), 'CO')).toMatchObject({
      outcome: 'RECOGNISED',
      equivalent: { standardId: 'std-co-elec' },
    });
    expect(decide(jose(), 'CO').equivalent?.standardId).toBe('std-co-coc');
  });

  it('the andino rule without a destination standard: RECOGNISED as the ISCO group at the level', () => {
    // No EC standard for elderly care: the rule itself defines the equivalence.
    expect(decide(maria(), 'EC')).toMatchObject({
      outcome: 'RECOGNISED',
      reasons: ['FULL_EQUIVALENCE'],
      agreement: { id: 'agr-spe-andino-demo-2' },
      equivalent: {
        basis: 'RULE',
        kind: 'FULL',
        country: 'EC',
        standardId: null,
        title: null,
        isco08: '5322',
        framework: 'EC-CNC',
        level: 3,
        levels: [3],
        metaLevel: 3,
      },
      conditions: [],
      missingUnits: [],
    });
  });

  it('the rule names every destination level referenced to the meta level', () => {
    const twoLevels: ReferenceFramework = {
      code: 'EC-CNC',
      country: 'EC',
      levels: [
        { level: 2, metaLevel: 3 },
        { level: 3, metaLevel: 3 },
        { level: 4, metaLevel: 4 },
      ],
    };
    expect(
      decide(maria(), 'EC', 'EMPLOYMENT', { frameworks: [twoLevels] }).equivalent,
    ).toMatchObject({ framework: 'EC-CNC', level: 2, levels: [2, 3], isco08: '5322' });
  });

  it('the rule without a destination level at that meta level still answers with the group', () => {
    expect(decide(maria(), 'EC', 'EMPLOYMENT', { frameworks: [] })).toMatchObject({
      outcome: 'RECOGNISED',
      equivalent: { basis: 'RULE', framework: null, level: null, levels: [], isco08: '5322' },
    });
  });

  it('the rule names the destination standard when one exists at the same level', () => {
    expect(decide(maria(), 'PE').equivalent).toMatchObject({
      basis: 'RULE',
      standardId: 'std-pe-cuid',
      isco08: '5322',
      levels: [3],
    });
  });

  it('the rule needs the occupation and the meta level', () => {
    const rule = agreement({ equivalenceRule: 'SAME_OCCUPATION_SAME_LEVEL' });
    expect(toBrazil([rule], maria({ occupation: null })).reasons).toEqual([
      'NO_EQUIVALENCE_DEFINED',
    ]);
    expect(toBrazil([rule], maria({ metaLevel: null })).reasons).toEqual([
      'NO_EQUIVALENCE_DEFINED',
    ]);
  });

  it('without a mapping, a rule or a decision: VALID_WITH_CONDITIONS, gap assessment', () => {
    expect(toBrazil([agreement()])).toMatchObject({
      outcome: 'VALID_WITH_CONDITIONS',
      reasons: ['NO_EQUIVALENCE_DEFINED'],
      equivalent: null,
      conditions: [{ code: 'GAP_ASSESSMENT', source: 'MAPPING' }],
    });
  });

  it('a NONE mapping is VALID_NOT_COVERED', () => {
    const none = agreement({ mappings: [fullMapping({ kind: 'NONE', to: {} })] });
    expect(toBrazil([none])).toMatchObject({
      outcome: 'VALID_NOT_COVERED',
      reasons: ['NO_EQUIVALENCE'],
    });
  });

  it('the most specific mapping wins: by standard over by occupation over by level', () => {
    const mappings = [
      fullMapping({ id: 'by-level', from: { metaLevel: 3 }, kind: 'PARTIAL' }),
      fullMapping({ id: 'by-isco', from: { isco: '5322' }, to: { title: 'Cuidador' } }),
      fullMapping({ id: 'by-standard', from: { standardId: 'std-co-cuid' }, kind: 'PARTIAL' }),
    ];
    expect(toBrazil([agreement({ mappings })]).equivalent).toMatchObject({
      mappingId: 'by-standard',
      kind: 'PARTIAL',
    });
    expect(toBrazil([agreement({ mappings: mappings.slice(0, 2) })]).equivalent).toMatchObject({
      mappingId: 'by-isco',
      title: 'Cuidador',
    });
  });

  it('a mapping applies only in its own direction', () => {
    const elsewhere = agreement({ mappings: [fullMapping({ origin: 'PE' })] });
    expect(toBrazil([elsewhere]).reasons).toEqual(['NO_EQUIVALENCE_DEFINED']);
  });

  it('an explicit mapping takes precedence over the rule', () => {
    const agreements = demoAgreementData().map((a) =>
      a.id === 'agr-spe-andino-demo-2'
        ? {
            ...a,
            mappings: [
              fullMapping({
                origin: 'CO',
                destination: 'PE',
                kind: 'PARTIAL',
                to: { standardId: 'std-pe-cuid' },
                missingUnits: ['UC3'],
              }),
            ],
          }
        : a,
    );
    expect(decide(maria(), 'PE', 'EMPLOYMENT', { agreements })).toMatchObject({
      outcome: 'VALID_WITH_CONDITIONS',
      equivalent: { basis: 'MAPPING', standardId: 'std-pe-cuid', title: expect.any(String) },
      missingUnits: ['UC3'],
    });
  });

  it('a soft condition of the agreement makes even a FULL mapping conditional', () => {
    const withLanguage = agreement({
      conditions: [{ code: 'LANGUAGE_TEST', hard: false, params: { language: 'pt' } }],
      mappings: [fullMapping()],
    });
    expect(toBrazil([withLanguage])).toMatchObject({
      outcome: 'VALID_WITH_CONDITIONS',
      reasons: ['CONDITIONS_APPLY'],
      equivalent: { kind: 'FULL' },
      conditions: [
        { code: 'LANGUAGE_TEST', hard: false, source: 'AGREEMENT', params: { language: 'pt' } },
      ],
    });
  });

  it('a field restriction may name occupations, and applies to its purposes only', () => {
    const regulated = agreement({
      purposes: ['EMPLOYMENT', 'PROFESSIONAL_PRACTICE'],
      fieldRestrictions: [
        {
          occupations: ['53'],
          purposes: ['PROFESSIONAL_PRACTICE'],
          condition: 'PROFESSIONAL_LICENCE',
        },
      ],
      mappings: [fullMapping()],
    });
    expect(toBrazil([regulated]).outcome).toBe('RECOGNISED');
    expect(
      decide(maria(), 'BR', 'PROFESSIONAL_PRACTICE', { agreements: [regulated] }),
    ).toMatchObject({
      outcome: 'VALID_WITH_CONDITIONS',
      reasons: ['FIELD_RESTRICTION'],
      conditions: [{ code: 'PROFESSIONAL_LICENCE', source: 'FIELD_RESTRICTION' }],
    });
  });

  it('a decision granted with conditions is honoured with them', () => {
    const conditional = anaDecision({
      decision: {
        ...anaDecision().decision!,
        outcome: 'GRANTED_WITH_CONDITIONS',
        conditions: ['Internado rotatorio de 6 meses'],
      },
    });
    expect(decide(conditional, 'PE', 'ACADEMIC_CONTINUATION')).toMatchObject({
      outcome: 'VALID_WITH_CONDITIONS',
      reasons: ['DECISION_CONDITIONAL'],
      conditions: [
        {
          code: 'DECISION_CONDITIONS',
          source: 'DECISION',
          params: { conditions: ['Internado rotatorio de 6 meses'] },
        },
      ],
    });
  });
});

describe('evaluateRecognition: several agreements', () => {
  const conditional = agreement({
    id: 'agr-a-conditional',
    conditions: [{ code: 'GAP_ASSESSMENT', hard: false, params: {} }],
    mappings: [fullMapping()],
  });
  const full = agreement({ id: 'agr-z-full', mappings: [fullMapping()] });
  const narrow = agreement({ id: 'agr-narrow', purposes: ['ACADEMIC_CONTINUATION'] });

  it('the most favourable answer wins; the others are alternatives, best first', () => {
    expect(toBrazil([narrow, conditional, full])).toMatchObject({
      outcome: 'RECOGNISED',
      agreement: { id: 'agr-z-full' },
      alternatives: [
        { agreement: { id: 'agr-a-conditional' }, outcome: 'VALID_WITH_CONDITIONS' },
        {
          agreement: { id: 'agr-narrow' },
          outcome: 'VALID_NOT_COVERED',
          reasons: ['PURPOSE_OUT_OF_SCOPE'],
        },
      ],
    });
  });

  it('among conditional answers, the one with fewer conditions and gaps wins', () => {
    const partial = agreement({
      id: 'agr-partial',
      mappings: [fullMapping({ kind: 'PARTIAL', missingUnits: ['U1', 'U2'] })],
    });
    const lighter = agreement({
      id: 'agr-lighter',
      mappings: [fullMapping({ kind: 'PARTIAL', missingUnits: ['U1'] })],
    });
    expect(toBrazil([partial, lighter]).agreement?.id).toBe('agr-lighter');
  });

  it('among refusals, the one that got furthest explains best', () => {
    const strict = agreement({
      id: 'agr-strict',
      conditions: [{ code: 'ISSUED_AFTER', hard: true, params: { date: '2023-01-01' } }],
    });
    expect(toBrazil([narrow, strict])).toMatchObject({
      outcome: 'VALID_NOT_COVERED',
      reasons: ['ISSUED_AFTER'],
      agreement: { id: 'agr-strict' },
      alternatives: [{ agreement: { id: 'agr-narrow' } }],
    });
  });

  it('an alternative carries its reasons with their figures, as the main answer does', () => {
    const strict = agreement({
      id: 'agr-strict',
      conditions: [{ code: 'ISSUED_AFTER', hard: true, params: { date: '2023-01-01' } }],
    });
    expect(toBrazil([strict, full]).alternatives).toEqual([
      {
        agreement: expect.objectContaining({ id: 'agr-strict' }),
        outcome: 'VALID_NOT_COVERED',
        reasons: ['ISSUED_AFTER'],
        conditions: [
          { code: 'ISSUED_AFTER', hard: true, source: 'AGREEMENT', params: { date: '2023-01-01' } },
        ],
      },
    ]);
  });

  it('equal answers go to the newer agreement', () => {
    const older = agreement({
      id: 'agr-older',
      validFrom: '2019-01-01',
      mappings: [fullMapping()],
    });
    expect(toBrazil([older, full]).agreement?.id).toBe('agr-z-full');
  });
});

describe('evaluateRecognition: misuse', () => {
  it('throws a TypeError for a date that is not YYYY-MM-DD', () => {
    expect(() => decide(maria(), 'PE', 'EMPLOYMENT', { date: '01/06/2026' })).toThrow(TypeError);
    expect(() => decide(maria({ validFrom: '2022-05-10T00:00:00Z' }), 'PE')).toThrow(TypeError);
  });
});

describe('agreementStatusAt', () => {
  const dated = {
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    status: 'TERMINATED' as const,
    statusHistory: [
      { from: null, to: 'IN_FORCE' as const, at: '2026-11-20T10:00:00Z' },
      { from: 'IN_FORCE' as const, to: 'SUSPENDED' as const, at: '2026-11-25T10:00:00Z' },
      { from: 'SUSPENDED' as const, to: 'TERMINATED' as const, at: '2026-12-01T10:00:00Z' },
    ],
  };

  it('is null outside the validity', () => {
    expect(agreementStatusAt(dated, '2025-12-31')).toBeNull();
    expect(agreementStatusAt(dated, '2027-01-01')).toBeNull();
  });

  it('before the first record, counts the status it was recorded with', () => {
    expect(agreementStatusAt(dated, '2026-01-01')).toBe('IN_FORCE');
  });

  it('follows the history by calendar day', () => {
    expect(agreementStatusAt(dated, '2026-11-24')).toBe('IN_FORCE');
    expect(agreementStatusAt(dated, '2026-11-25')).toBe('SUSPENDED');
    expect(agreementStatusAt(dated, '2026-12-01')).toBe('TERMINATED');
  });

  it("without a history, is today's status", () => {
    expect(agreementStatusAt({ ...dated, statusHistory: [] }, '2026-06-01')).toBe('TERMINATED');
  });
});

describe('metaLevelOfIscedLevel', () => {
  it('maps tertiary ISCED levels to the same meta level, and nothing else', () => {
    expect([5, 6, 7, 8].map(metaLevelOfIscedLevel)).toEqual([5, 6, 7, 8]);
    expect(metaLevelOfIscedLevel(3)).toBeUndefined();
    expect(metaLevelOfIscedLevel(null)).toBeUndefined();
  });
});
