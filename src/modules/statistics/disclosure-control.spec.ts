import { disclosedCells, protect, type CellCount, type Line } from './disclosure-control.js';
import { DECISION_OUTCOMES, DECISION_TYPE } from './statistics-annex.js';
import { publishActivity } from './statistics-activity.js';
import { CASE_STATES, type CaseFact, type VerificationCount } from './statistics-sources.js';
import { K, K_SENSITIVE, publish } from './statistics-publication.js';
import type { CountedRecord } from './statistics-records.service.js';
import { ALL, cellKey, DECISION_TABLES, TABLES } from './statistics-tables.js';

/** A seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function pick<T>(rand: () => number, values: readonly T[], weights?: number[]): T {
  const w = weights ?? values.map(() => 1);
  let r = rand() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < values.length; i++) {
    r -= w[i];
    if (r < 0) return values[i];
  }
  return values[values.length - 1];
}

function records(seed: number, n: number): CountedRecord[] {
  const rand = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const credentialType = pick(
      rand,
      ['CompetencyCertificationCredential', 'AcademicTitleCredential', DECISION_TYPE],
      [8, 1, 1],
    );
    const decision = credentialType === DECISION_TYPE;
    return {
      subjectKey: `p${i % Math.floor(n * 0.95)}`,
      issuerCountry: pick(rand, ['CO', 'PE', 'EC'], [55, 40, 5]),
      credentialType,
      issuedMonth: `${pick(rand, ['2021', '2022'])}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-01`,
      iscoMajor: pick(rand, ['5', '7', '9', '3']),
      metaLevel: pick(rand, [2, 3, 4]),
      sex: pick(rand, ['FEMALE', 'MALE', 'OTHER', null], [64, 33, 1, 2]),
      nationality: pick(rand, ['VE', 'CO', 'PE', 'HT']),
      migrationStatus: pick(
        rand,
        [
          'MIGRANT_REGULAR',
          'MIGRANT_IRREGULAR',
          'REFUGEE_ASYLUM_SEEKER',
          'NATIONAL',
          'RETURNED_NATIONAL',
          null,
        ],
        [40, 15, 12, 28, 2, 3],
      ),
      ageBand: pick(rand, ['15-24', '25-34', '35-44', '45-54', '55-64', '65+']),
      disability: pick(rand, ['YES', 'NO', null], [3, 90, 7]),
      ethnicity: pick(rand, ['CO:NARP', 'PE:QUECHUA', 'VE:NINGUNO', null], [5, 3, 40, 52]),
      decisionOutcome: decision ? pick(rand, DECISION_OUTCOMES, [6, 3, 1]) : null,
      originCountry: decision ? pick(rand, ['VE', 'CO', 'HT', null], [60, 20, 2, 18]) : null,
    };
  });
}

/** What an attacker derives from published values by row/column differencing, repeated. */
function deriveByDifferencing(
  values: ReadonlyMap<string, number | null>,
  lines: readonly Line[],
): Map<string, number> {
  const known = new Map<string, number>();
  for (const [key, value] of values) if (value !== null) known.set(key, value);
  const derived = new Map<string, number>();
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const unknown = line.filter((key) => !known.has(key));
      if (unknown.length !== 1) continue;
      const total = line[line.length - 1];
      const sumChildren = line.slice(0, -1).reduce((s, key) => s + (known.get(key) ?? 0), 0);
      const value = unknown[0] === total ? sumChildren : known.get(total)! - sumChildren;
      known.set(unknown[0], value);
      derived.set(unknown[0], value);
      changed = true;
    }
  }
  return derived;
}

describe('disclosure control', () => {
  it('protects a small two-way table with its margins', () => {
    // rows a, b, total; columns x, y, total
    const counts: Record<string, number> = {
      ax: 3,
      ay: 20,
      a: 23,
      bx: 30,
      by: 40,
      b: 70,
      x: 33,
      y: 60,
      t: 93,
    };
    const cells = new Map<string, CellCount>(
      Object.entries(counts).map(([key, count]) => [key, { count, persons: count, k: 5 }]),
    );
    const lines: Line[] = [
      ['ax', 'ay', 'a'],
      ['bx', 'by', 'b'],
      ['x', 'y', 't'],
      ['ax', 'bx', 'x'],
      ['ay', 'by', 'y'],
      ['a', 'b', 't'],
    ];
    const { suppressed, primary } = protect(cells, lines);
    expect([...primary]).toEqual(['ax']);
    expect(suppressed.size).toBeGreaterThanOrEqual(4);
    expect(disclosedCells(cells, lines, suppressed)).toEqual([]);
    const values = new Map([...cells].map(([k, c]) => [k, suppressed.has(k) ? null : c.count]));
    expect(deriveByDifferencing(values, lines).size).toBe(0);
  });

  it('the audit finds a cell the line rule alone leaves exposed', () => {
    // Two 2x2 blocks joined through one shared cell: every line holds two suppressed cells, yet
    // a cell is determined by their combination.
    const cells = new Map<string, CellCount>(
      ['a', 'b', 'c', 't1', 'd', 'e', 't2', 'u'].map((key) => [
        key,
        { count: 7, persons: 7, k: 5 },
      ]),
    );
    const lines: Line[] = [
      ['a', 'b', 't1'],
      ['b', 'c', 't2'],
      ['a', 'c', 'u'],
    ];
    const exposed = disclosedCells(cells, lines, new Set(['a', 'b', 'c']));
    expect(exposed.length).toBeGreaterThan(0);
    const { suppressed } = protect(cells, lines);
    expect(disclosedCells(cells, lines, suppressed)).toEqual([]);
  });

  describe.each([11, 23, 97])('a registry of 900 certifications (seed %i)', (seed) => {
    const data = records(seed, 900);
    const publication = publish(data, [...TABLES, ...DECISION_TABLES]);

    it('publishes no cell under its k, neither in units nor in people', () => {
      for (const [key, value] of publication.values) {
        if (value === null || value === 0) continue;
        const cell = publication.cells.get(key)!;
        expect(cell.count).toBeGreaterThanOrEqual(cell.k);
        expect(cell.persons).toBeGreaterThanOrEqual(cell.k);
        if (/migrationStatus=|population=|ethnicity=|disability=|originCountry=/.test(key)) {
          expect(cell.k).toBe(K_SENSITIVE);
        } else expect(cell.k).toBeGreaterThanOrEqual(K);
      }
      expect([...publication.values.values()].some((v) => v === null)).toBe(true);
    });

    it('no suppressed value is derived by row, column or margin differencing', () => {
      expect(deriveByDifferencing(publication.values, publication.lines)).toEqual(new Map());
    });

    it('no suppressed value is derived from two queries that differ by one filter', () => {
      const rand = random(seed + 1);
      const keys = [...publication.values.keys()];
      let pairs = 0;
      for (let i = 0; i < 5000; i++) {
        const coordinates = parse(pick(rand, keys));
        const names = Object.keys(coordinates);
        if (names.length === 0) continue;
        const dropped = pick(rand, names);
        // Query A filters on `dropped`; query B, the same without that filter.
        const narrow = cellKey(coordinates);
        const wide = cellKey({ ...coordinates, [dropped]: ALL });
        const a = publication.values.get(narrow);
        const b = publication.values.get(wide);
        if (a === undefined || b === undefined) continue;
        pairs += 1;
        // Both published: B - A is the rest of the line; it may not single out a suppressed cell.
        if (a === null || b === null) continue;
        const line = publication.lines.find((l) => l[l.length - 1] === wide && l.includes(narrow));
        if (!line) continue;
        const hidden = line.slice(0, -1).filter((key) => publication.values.get(key) === null);
        expect(hidden.length).not.toBe(1);
      }
      expect(pairs).toBeGreaterThan(1000);
    });

    it('no suppressed value follows from all the published tables together', () => {
      const suppressed = new Set(
        [...publication.values].filter(([, v]) => v === null).map(([key]) => key),
      );
      expect(disclosedCells(publication.cells, publication.lines, suppressed)).toEqual([]);
    });
  });

  it('a withdrawn person leaves every cell', () => {
    const data = records(5, 300);
    const without = data.filter((r) => r.subjectKey !== 'p0');
    const all = publish(data, TABLES).cells;
    const less = publish(without, TABLES).cells;
    const removed = data.length - without.length;
    expect(all.get('')!.count - less.get('')!.count).toBe(removed);
  });
});

describe.each([3, 41])('the activity tables (seed %i)', (seed) => {
  const rand = random(seed);
  const year = () => pick(rand, ['2025', '2026']);
  // Grouped counts, as the verifiers' source hands them over.
  const verifications: VerificationCount[] = Array.from({ length: 120 }, () => ({
    year: year(),
    country: pick(rand, ['PE', 'CO', 'CL', null], [50, 30, 2, 18]),
    purpose: pick(rand, ['EMPLOYMENT', 'ACADEMIC_CONTINUATION', 'PROFESSIONAL_PRACTICE', null]),
    outcome: pick(rand, ['RECOGNISED', 'VALID_WITH_CONDITIONS', 'VALID_NOT_COVERED', 'REVOKED']),
    count: 1 + Math.floor(rand() * 6),
  }));
  const cases: CaseFact[] = Array.from({ length: 300 }, (_, i) => {
    const state = pick(rand, CASE_STATES, [20, 5, 60, 15]);
    return {
      holderId: `h${i % 280}`,
      destinationCountry: pick(rand, ['CO', 'PE', 'EC', 'BR'], [45, 35, 15, 5]),
      year: year(),
      route: pick(rand, ['ACCREDITATION', 'PRECEDENT', 'ACADEMIC_EVALUATION', 'TREATY', 'OTHER']),
      legalisation: pick(rand, ['APOSTILLE', 'VERIFIED_IN_REGISTRY', 'NONE', 'CONSULAR']),
      state,
      daysToDecision: state === 'DECIDED' ? Math.floor(rand() * 120) : null,
    };
  });
  const publication = publishActivity(verifications, cases, (holderId) => `s-${holderId}`);

  it('publishes no cell under k, in units or (for cases) in people', () => {
    for (const [key, value] of publication.values) {
      if (value === null || value === 0) continue;
      const cell = publication.cells.get(key)!;
      expect(cell.count).toBeGreaterThanOrEqual(K);
      expect(cell.persons).toBeGreaterThanOrEqual(K);
    }
    expect([...publication.values.values()].some((v) => v === null)).toBe(true);
  });

  it('no suppressed value is derived by differencing nor from the linear system', () => {
    expect(deriveByDifferencing(publication.values, publication.lines)).toEqual(new Map());
    const suppressed = new Set(
      [...publication.values].filter(([, v]) => v === null).map(([key]) => key),
    );
    expect(disclosedCells(publication.cells, publication.lines, suppressed)).toEqual([]);
  });

  it('counts every verification event once per table, and a median only over k decisions', () => {
    const events = verifications.reduce((sum, v) => sum + v.count, 0);
    expect(publication.cells.get('verifications#')!.count).toBe(events);
    expect(publication.cells.get('cases#')!.count).toBe(cases.length);
    for (const [key, median] of publication.medianDays) {
      if (median === null) continue;
      const decided = publication.values.get(
        `cases#${cellKey({ ...parse(key), caseState: 'DECIDED' })}`,
      );
      expect(decided).toBeGreaterThanOrEqual(K);
    }
    expect(publication.medianDays.get('')).not.toBeNull();
  });
});

function parse(key: string): Record<string, string> {
  return Object.fromEntries(key ? key.split('|').map((part) => part.split('=')) : []);
}
