// The code lists only (plain constants, no Nest module): the cases' own words stay theirs.
import { PROCEDURE_ROUTES } from '../recognition-cases/procedure-rules.js';
import { LEGALISATION_ROUTES } from '../recognition-cases/recognition-cases.constants.js';
import { PURPOSES } from '../recognition/recognition.constants.js';
import { protect, type CellCount, type Line } from './disclosure-control.js';
import { K } from './statistics-publication.js';
import { CASE_STATES, type CaseFact, type VerificationCount } from './statistics-sources.js';
import {
  ALL,
  cellKey,
  codesOf,
  TABLE_IDS,
  tableStructure,
  type Dimension,
  type TableDefinition,
} from './statistics-tables.js';

/** No destination country declared, no purpose declared, no recognition asked. */
export const NONE = 'NONE';

/**
 * The activity tables: what the registry is used for, by destination country and year. Two
 * families, each a population of its own protected as a whole like the certification tables:
 * verification events (no person behind them: each event is its own unit) and recognition
 * cases (each a holder's; their pseudonym counts distinct people and honours consent).
 */
export interface ActivityTableDefinition extends TableDefinition {
  family: 'verifications' | 'cases';
  codes: readonly string[];
}

/** One fact of a family: its column (destination country), year, row codes, weight and unit. */
export interface ActivityFact {
  country: string;
  year: string;
  codes: Record<string, string>;
  /** Units it stands for (a grouped count of verification events, or 1). */
  weight: number;
  /** The person behind it; null when none is (each unit is then its own). */
  person: string | null;
}

export interface ActivityPublication {
  tables: Map<string, { definition: ActivityTableDefinition; dimensions: Dimension[] }>;
  values: Map<string, number | null>;
  cells: Map<string, CellCount>;
  lines: Line[];
  /** Median days from submission to decision by (country, year) cell key; null when withheld. */
  medianDays: Map<string, number | null>;
}

/** Builds the tables of one family from its facts and protects them together. */
export function publishFamily(
  facts: readonly ActivityFact[],
  definitions: readonly ActivityTableDefinition[],
): Omit<ActivityPublication, 'medianDays'> {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  const country: Dimension = {
    name: 'country',
    children: new Map([[ALL, sorted(facts.map((f) => f.country))]]),
  };
  const period: Dimension = {
    name: 'period',
    children: new Map([[ALL, sorted(facts.map((f) => f.year))]]),
  };
  const tables: ActivityPublication['tables'] = new Map();
  const lines: Line[] = [];
  const keys = new Set<string>();
  for (const definition of definitions) {
    const row: Dimension = {
      name: definition.rowDimension,
      children: new Map([[ALL, definition.codes]]),
    };
    const dimensions = [country, period, row];
    tables.set(definition.id, { definition, dimensions });
    const structure = tableStructure(dimensions);
    for (const coordinates of structure.cells) keys.add(cellKey(coordinates));
    for (const line of structure.lines) lines.push(line.map(cellKey));
  }
  const units = new Map<string, { count: number; persons: Set<string>; anonymous: number }>();
  for (const key of keys) units.set(key, { count: 0, persons: new Set(), anonymous: 0 });
  for (const fact of facts) {
    const seen = new Set<string>();
    for (const { definition } of tables.values()) {
      for (const c of [fact.country, ALL]) {
        for (const p of [fact.year, ALL]) {
          for (const r of [fact.codes[definition.rowDimension], ALL]) {
            const key = cellKey({ country: c, period: p, [definition.rowDimension]: r });
            if (seen.has(key)) continue;
            seen.add(key);
            const unit = units.get(key);
            if (!unit) throw new Error(`No cell ${key} in the ${definition.family} tables`);
            unit.count += fact.weight;
            if (fact.person === null) unit.anonymous += fact.weight;
            else unit.persons.add(fact.person);
          }
        }
      }
    }
  }
  const cells = new Map<string, CellCount>();
  for (const [key, unit] of units) {
    cells.set(key, { count: unit.count, persons: unit.persons.size + unit.anonymous, k: K });
  }
  const { suppressed } = protect(cells, lines);
  const values = new Map<string, number | null>();
  for (const [key, cell] of cells) values.set(key, suppressed.has(key) ? null : cell.count);
  return { tables, values, cells, lines };
}

const VERIFICATION_PURPOSES: readonly string[] = [...PURPOSES, NONE];
/** The answer a verifier got for the declared country, grouped as the dashboard reads it. */
const VERIFICATION_ANSWERS = ['RECOGNISED', 'CONDITIONS', 'NOT_RECOGNISED', 'NOT_VALID', NONE];
const ANSWER_OF: Record<string, string> = {
  RECOGNISED: 'RECOGNISED',
  VALID_WITH_CONDITIONS: 'CONDITIONS',
  VALID_NOT_COVERED: 'NOT_RECOGNISED',
  VALID_DOMESTIC: 'NOT_RECOGNISED',
  AGREEMENT_SUSPENDED: 'NOT_RECOGNISED',
  REVOKED: 'NOT_VALID',
  SUSPENDED: 'NOT_VALID',
  EXPIRED: 'NOT_VALID',
  INVALID: 'NOT_VALID',
};

export const ACTIVITY_TABLES: readonly ActivityTableDefinition[] = [
  {
    id: 'verifications',
    family: 'verifications',
    rowDimension: 'purpose',
    sensitive: false,
    quarters: false,
    codes: VERIFICATION_PURPOSES,
  },
  {
    id: 'verification-answers',
    family: 'verifications',
    rowDimension: 'answer',
    sensitive: false,
    quarters: false,
    codes: VERIFICATION_ANSWERS,
  },
  {
    id: 'cases',
    family: 'cases',
    rowDimension: 'caseState',
    sensitive: false,
    quarters: false,
    codes: CASE_STATES,
  },
  {
    id: 'case-routes',
    family: 'cases',
    rowDimension: 'route',
    sensitive: false,
    quarters: false,
    codes: PROCEDURE_ROUTES,
  },
  {
    id: 'case-legalisation',
    family: 'cases',
    rowDimension: 'legalisation',
    sensitive: false,
    quarters: false,
    codes: LEGALISATION_ROUTES,
  },
];

export const ACTIVITY_TABLE_IDS = ACTIVITY_TABLES.map((t) => t.id);

export function verificationFacts(counts: readonly VerificationCount[]): ActivityFact[] {
  return counts.map((count) => ({
    country: count.country ?? NONE,
    year: count.year,
    codes: {
      purpose:
        count.purpose && VERIFICATION_PURPOSES.includes(count.purpose) ? count.purpose : NONE,
      answer: count.country === null ? NONE : (ANSWER_OF[count.outcome ?? ''] ?? NONE),
    },
    weight: count.count,
    person: null,
  }));
}

export function caseFacts(
  cases: readonly CaseFact[],
  pseudonym: (holderId: string) => string,
): (ActivityFact & { daysToDecision: number | null })[] {
  return cases.map((c) => ({
    country: c.destinationCountry,
    year: c.year,
    codes: { caseState: c.state, route: c.route, legalisation: c.legalisation },
    weight: 1,
    person: pseudonym(c.holderId),
    daysToDecision: c.daysToDecision,
  }));
}

/**
 * The median days to decision of each published (country, year) column, shown only where the
 * decided cases of that column are a published cell: a median of fewer than k tells about them.
 */
function medians(
  facts: readonly (ActivityFact & { daysToDecision: number | null })[],
  values: ReadonlyMap<string, number | null>,
  countries: readonly string[],
  years: readonly string[],
): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const country of [ALL, ...countries]) {
    for (const year of [ALL, ...years]) {
      const coordinates = { country, period: year };
      const decided = values.get(cellKey({ ...coordinates, caseState: 'DECIDED' }));
      const days = facts
        .filter(
          (f) =>
            f.daysToDecision !== null &&
            (country === ALL || f.country === country) &&
            (year === ALL || f.year === year),
        )
        .map((f) => f.daysToDecision!)
        .sort((a, b) => a - b);
      const publishable = decided !== null && decided !== undefined && decided >= K;
      out.set(cellKey(coordinates), publishable ? median(days) : null);
    }
  }
  return out;
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
}

/** Both families, each protected on its own (they share no population). */
export function publishActivity(
  verifications: readonly VerificationCount[],
  cases: readonly CaseFact[],
  pseudonym: (holderId: string) => string,
): ActivityPublication {
  const byFamily = (family: ActivityTableDefinition['family']) =>
    ACTIVITY_TABLES.filter((t) => t.family === family);
  const checks = publishFamily(verificationFacts(verifications), byFamily('verifications'));
  const counted = caseFacts(cases, pseudonym);
  const casework = publishFamily(counted, byFamily('cases'));
  const caseTable = casework.tables.get('cases')!;
  const codes = (name: string) =>
    codesOf(caseTable.dimensions.find((d) => d.name === name)!).filter((c) => c !== ALL);
  // Keys of the two families never meet: their row dimensions differ and their margins are
  // prefixed by family.
  const prefix = (family: string, map: Map<string, number | null>) =>
    new Map([...map].map(([key, value]) => [`${family}#${key}`, value]));
  return {
    tables: new Map([...checks.tables, ...casework.tables]),
    values: new Map([
      ...prefix('verifications', checks.values),
      ...prefix('cases', casework.values),
    ]),
    cells: new Map([
      ...[...checks.cells].map(([k, v]) => [`verifications#${k}`, v] as const),
      ...[...casework.cells].map(([k, v]) => [`cases#${k}`, v] as const),
    ]),
    lines: [
      ...checks.lines.map((l) => l.map((k) => `verifications#${k}`)),
      ...casework.lines.map((l) => l.map((k) => `cases#${k}`)),
    ],
    medianDays: medians(counted, casework.values, codes('country'), codes('period')),
  };
}

/** Every published table: the certification tables, then the activity tables. */
export const ALL_TABLE_IDS = [...TABLE_IDS, ...ACTIVITY_TABLE_IDS];
