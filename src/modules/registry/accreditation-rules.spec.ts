import {
  evaluateAccreditation,
  statusAt,
  type AccreditationScope,
  type IssuanceClaim,
  type StatusChange,
} from './accreditation-rules.js';

const scope = (overrides: Partial<AccreditationScope> = {}): AccreditationScope => ({
  id: 'acc-1',
  credentialTypes: ['CompetencyCertificationCredential'],
  frameworkCode: 'PE-MNC',
  minLevel: 1,
  maxLevel: 4,
  iscedFields: [],
  occupations: ['51', '5322'],
  standards: [],
  validFrom: '2022-01-01',
  validUntil: '2027-06-30',
  ...overrides,
});

const claim = (overrides: Partial<IssuanceClaim> = {}): IssuanceClaim => ({
  type: 'CompetencyCertificationCredential',
  at: new Date('2023-03-01T12:00:00Z'),
  level: { framework: 'PE-MNC', level: 3 },
  occupation: '5120',
  ...overrides,
});

// PE and CO levels 1–8 reference meta 1–8; CL levels 1–5 reference meta 1–5.
const metaLevelOf = (framework: string, level: number) =>
  ['PE-MNC', 'CO-MNC', 'CL-MCTP', 'MRR-LAC'].includes(framework) ? level : undefined;

const active: StatusChange[] = [{ toStatus: 'ACTIVE', at: new Date('2026-01-01T00:00:00Z') }];

function decide(accreditations: AccreditationScope[], c: IssuanceClaim, history = active) {
  return evaluateAccreditation({ history, accreditations, claim: c, metaLevelOf });
}

describe('evaluateAccreditation', () => {
  it('allows a covered claim and names the accreditation', () => {
    expect(decide([scope()], claim())).toEqual({ allowed: true, accreditation: scope() });
  });

  it.each([
    ['wrong type', claim({ type: 'AcademicTitleCredential' }), 'TYPE_NOT_COVERED'],
    [
      'level above the range',
      claim({ level: { framework: 'PE-MNC', level: 5 } }),
      'LEVEL_OUT_OF_RANGE',
    ],
    ['no level where one is required', claim({ level: undefined }), 'LEVEL_OUT_OF_RANGE'],
    ['occupation not covered', claim({ occupation: '7411' }), 'OCCUPATION_NOT_COVERED'],
    ['before validFrom', claim({ at: new Date('2021-12-31T23:00:00Z') }), 'NOT_YET_VALID'],
    ['after validUntil', claim({ at: new Date('2027-07-01T00:00:00Z') }), 'EXPIRED'],
  ])('refuses %s', (_name, c, reason) => {
    expect(decide([scope()], c)).toMatchObject({ allowed: false, reason });
  });

  it('refuses a field not covered, treating ISCED-F codes hierarchically', () => {
    const titles = scope({
      credentialTypes: ['AcademicTitleCredential'],
      frameworkCode: null,
      occupations: [],
      iscedFields: ['091'],
    });
    const title = claim({ type: 'AcademicTitleCredential', occupation: undefined });
    expect(decide([titles], { ...title, iscedField: '0913' })).toMatchObject({ allowed: true });
    expect(decide([titles], { ...title, iscedField: '0411' })).toMatchObject({
      allowed: false,
      reason: 'FIELD_NOT_COVERED',
    });
  });

  it('refuses a standard outside the accredited ones', () => {
    const standards = scope({ standards: ['std-pe-coc'] });
    expect(decide([standards], claim({ standards: ['std-pe-coc'] }))).toMatchObject({
      allowed: true,
    });
    expect(decide([standards], claim({ standards: ['std-pe-cuid'] }))).toMatchObject({
      reason: 'STANDARD_NOT_COVERED',
    });
  });

  it('compares levels of different frameworks through the meta-framework', () => {
    const chile = claim({ level: { framework: 'CL-MCTP', level: 2 } });
    expect(decide([scope()], chile)).toMatchObject({ allowed: true });
    const unknown = claim({ level: { framework: 'XX', level: 2 } });
    expect(decide([scope()], unknown)).toMatchObject({ reason: 'LEVEL_OUT_OF_RANGE' });
  });

  it('refuses while the issuer was suspended or closed at the date, not before or after', () => {
    const history = [
      { toStatus: 'ACTIVE' as const, at: new Date('2026-01-01T00:00:00Z') },
      { toStatus: 'SUSPENDED' as const, at: new Date('2026-05-01T00:00:00Z') },
      { toStatus: 'ACTIVE' as const, at: new Date('2026-06-01T00:00:00Z') },
      { toStatus: 'CLOSED' as const, at: new Date('2026-09-01T00:00:00Z') },
    ];
    const at = (iso: string) => claim({ at: new Date(iso) });
    expect(decide([scope()], at('2023-03-01T00:00:00Z'), history)).toMatchObject({ allowed: true });
    expect(decide([scope()], at('2026-05-15T00:00:00Z'), history)).toMatchObject({
      reason: 'ISSUER_SUSPENDED',
    });
    expect(decide([scope()], at('2026-07-01T00:00:00Z'), history)).toMatchObject({ allowed: true });
    expect(decide([scope()], at('2026-10-01T00:00:00Z'), history)).toMatchObject({
      reason: 'ISSUER_CLOSED',
    });
  });

  it('answers NO_ACCREDITATION when the issuer has none', () => {
    expect(decide([], claim())).toEqual({ allowed: false, reason: 'NO_ACCREDITATION' });
  });

  it('explains a refusal by the accreditation that came closest', () => {
    const titles = scope({ id: 'titles', credentialTypes: ['AcademicTitleCredential'] });
    const expired = scope({ id: 'old', validUntil: '2022-12-31' });
    expect(decide([titles, expired], claim())).toMatchObject({
      reason: 'EXPIRED',
      accreditation: { id: 'old' },
    });
  });

  it('takes any accreditation that covers the claim', () => {
    const old = scope({ id: 'old', validUntil: '2022-12-31' });
    const current = scope({ id: 'current', validFrom: '2023-01-01', validUntil: null });
    expect(decide([old, current], claim())).toMatchObject({ accreditation: { id: 'current' } });
  });
});

describe('statusAt', () => {
  it('uses the initial status before the first change', () => {
    expect(statusAt(active, new Date('2000-01-01'))).toBe('ACTIVE');
    expect(statusAt([], new Date())).toBeUndefined();
  });
});
