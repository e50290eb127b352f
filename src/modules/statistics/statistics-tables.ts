import {
  AGE_BANDS,
  DECISION_OUTCOMES,
  DISABILITY_ANSWERS,
  ETHNICITY_CODES,
  ETHNICITY_GROUPS,
  MIGRATION_STATUSES,
  SEXES,
} from './statistics-annex.js';
import type { CountedRecord } from './statistics-records.service.js';

/** The total of a dimension. */
export const ALL = '*';
/** An attribute the issuer did not send. */
export const NOT_DECLARED = 'NOT_DECLARED';

/**
 * A dimension of the published tables: a tree of codes under ALL (a year and its quarters; the
 * countries). Only these fixed, coarse codes are ever published.
 */
export interface Dimension {
  name: string;
  /** Codes by parent; ALL is the root. */
  children: ReadonlyMap<string, readonly string[]>;
}

/** The fixed set of published tables: each counts certifications by country, period, type and one more dimension. */
export interface TableDefinition {
  id: string;
  /** The dimension its rows show (besides country, period and type). */
  rowDimension: string;
  /** A cross with a sensitive attribute: k = 10. */
  sensitive: boolean;
  /** Quarters under the years (the time series), or years only. */
  quarters: boolean;
  codes?: readonly string[];
  /** The record's row code; `codes` are the row dimension's, when they come from the data. */
  codeOf?: (record: CountedRecord, codes: readonly string[]) => string;
  /** Row codes that come from the data rather than a fixed list. */
  dataCodes?: 'origins';
}

const MIGRANT = new Set(['MIGRANT_REGULAR', 'MIGRANT_IRREGULAR', 'REFUGEE_ASYLUM_SEEKER']);

/** Venezuelan migrants, other migrants, nationals, or not declared: the programme's figure. */
export const POPULATION_GROUPS = ['VE_MIGRANT', 'OTHER_MIGRANT', 'NATIONAL', NOT_DECLARED];
function populationGroup(record: CountedRecord): string {
  const status = record.migrationStatus;
  if (status && MIGRANT.has(status))
    return record.nationality === 'VE' ? 'VE_MIGRANT' : 'OTHER_MIGRANT';
  if (status === 'NATIONAL' || status === 'RETURNED_NATIONAL') return 'NATIONAL';
  return NOT_DECLARED;
}

/** Origin countries are rows only past this many decisions in all; the rest are OTHER. */
const ORIGIN_ROW_MINIMUM = 10;
const OTHER = 'OTHER';
/**
 * Issuing countries, years and credential types with fewer units or people than this (the
 * stricter k) are left out of the tables until they reach it: a handful of certifications in a
 * year of their own would otherwise force complements on the large cells beside them in every
 * table, and leave little published (docs/statistics.md).
 */
export const CATEGORY_MINIMUM = 10;

const ISCO_MAJOR_GROUPS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'NONE'];
const META_LEVELS = ['1', '2', '3', '4', '5', '6', '7', '8', 'NONE'];
const declared = (value: string | null): string => value ?? NOT_DECLARED;

export const TABLES: readonly TableDefinition[] = [
  { id: 'certifications', rowDimension: 'period', sensitive: false, quarters: true },
  {
    id: 'sex',
    rowDimension: 'sex',
    sensitive: false,
    quarters: false,
    codes: [...SEXES, NOT_DECLARED],
    codeOf: (r) => declared(r.sex),
  },
  {
    id: 'population',
    rowDimension: 'population',
    sensitive: true,
    quarters: false,
    codes: POPULATION_GROUPS,
    codeOf: populationGroup,
  },
  {
    id: 'migration-status',
    rowDimension: 'migrationStatus',
    sensitive: true,
    quarters: false,
    codes: [...MIGRATION_STATUSES, NOT_DECLARED],
    codeOf: (r) => declared(r.migrationStatus),
  },
  {
    id: 'age',
    rowDimension: 'ageBand',
    sensitive: false,
    quarters: false,
    codes: [...AGE_BANDS, NOT_DECLARED],
    codeOf: (r) => declared(r.ageBand),
  },
  {
    id: 'disability',
    rowDimension: 'disability',
    sensitive: true,
    quarters: false,
    codes: [...DISABILITY_ANSWERS, NOT_DECLARED],
    codeOf: (r) => declared(r.disability),
  },
  {
    id: 'ethnicity',
    rowDimension: 'ethnicity',
    sensitive: true,
    quarters: false,
    codes: [...ETHNICITY_GROUPS, NOT_DECLARED],
    codeOf: (r) => (r.ethnicity ? (ETHNICITY_CODES[r.ethnicity] ?? 'UNKNOWN') : NOT_DECLARED),
  },
  {
    id: 'occupation',
    rowDimension: 'iscoMajor',
    sensitive: false,
    quarters: false,
    codes: ISCO_MAJOR_GROUPS,
    codeOf: (r) => r.iscoMajor ?? 'NONE',
  },
  {
    id: 'level',
    rowDimension: 'metaLevel',
    sensitive: false,
    quarters: false,
    codes: META_LEVELS,
    codeOf: (r) => (r.metaLevel === null ? 'NONE' : String(r.metaLevel)),
  },
];

/** The recognition decisions' tables: a population of their own, apart from certifications. */
export const DECISION_TABLES: readonly TableDefinition[] = [
  {
    id: 'decision-outcome',
    rowDimension: 'decisionOutcome',
    sensitive: false,
    quarters: false,
    codes: [...DECISION_OUTCOMES, NOT_DECLARED],
    codeOf: (r) => r.decisionOutcome ?? NOT_DECLARED,
  },
  {
    // The origin of a recognised title stands close to the holder's nationality: k = 10.
    id: 'decision-origin',
    rowDimension: 'originCountry',
    sensitive: true,
    quarters: false,
    dataCodes: 'origins',
    codeOf: (r, codes) =>
      r.originCountry === null
        ? NOT_DECLARED
        : codes.includes(r.originCountry)
          ? r.originCountry
          : OTHER,
  },
];

export const TABLE_IDS = [...TABLES, ...DECISION_TABLES].map((t) => t.id);

/** The coordinates of a cell: dimension name → code; a dimension left out is ALL. */
export type Coordinates = Record<string, string>;

/** One key per cell, shared by every table that shows it (a margin is one cell). */
export function cellKey(coordinates: Coordinates): string {
  return Object.keys(coordinates)
    .filter((name) => coordinates[name] !== ALL)
    .sort()
    .map((name) => `${name}=${coordinates[name]}`)
    .join('|');
}

export const quarterOf = (month: string) =>
  `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;

const flat = (codes: readonly string[]): Dimension['children'] => new Map([[ALL, codes]]);

/** The dimensions every table shares, from what has been recorded. */
/**
 * The records the tables count: those of an issuing country, year and credential type that
 * each hold at least CATEGORY_MINIMUM units and people (repeated, since leaving out a year can
 * leave a country short).
 */
export function publishedRecords(records: readonly CountedRecord[]): CountedRecord[] {
  const categories: ((r: CountedRecord) => string)[] = [
    (r) => r.issuerCountry,
    (r) => r.issuedMonth.slice(0, 4),
    (r) => r.credentialType,
  ];
  let kept = [...records];
  for (let changed = true; changed;) {
    changed = false;
    for (const categoryOf of categories) {
      const units = new Map<string, { count: number; persons: Set<string> }>();
      for (const r of kept) {
        const unit = units.get(categoryOf(r)) ?? { count: 0, persons: new Set<string>() };
        unit.count += 1;
        unit.persons.add(r.subjectKey);
        units.set(categoryOf(r), unit);
      }
      const enough = (r: CountedRecord) => {
        const unit = units.get(categoryOf(r))!;
        return unit.count >= CATEGORY_MINIMUM && unit.persons.size >= CATEGORY_MINIMUM;
      };
      const next = kept.filter(enough);
      changed ||= next.length < kept.length;
      kept = next;
    }
  }
  return kept;
}

/** The dimensions every table shares, from the records counted. */
export function sharedDimensions(records: readonly CountedRecord[]) {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
  const years = sorted(records.map((r) => r.issuedMonth.slice(0, 4)));
  const quarters = new Map<string, string[]>([[ALL, years]]);
  for (const year of years)
    quarters.set(
      year,
      [1, 2, 3, 4].map((q) => `${year}-Q${q}`),
    );
  const decisionsByOrigin = new Map<string, number>();
  for (const r of records) {
    if (r.originCountry !== null) {
      decisionsByOrigin.set(r.originCountry, (decisionsByOrigin.get(r.originCountry) ?? 0) + 1);
    }
  }
  const origins = [...decisionsByOrigin]
    .filter(([, n]) => n >= ORIGIN_ROW_MINIMUM)
    .map(([code]) => code)
    .sort();
  return {
    origins: [...origins, OTHER, NOT_DECLARED],
    country: { name: 'country', children: flat(sorted(records.map((r) => r.issuerCountry))) },
    type: { name: 'type', children: flat(sorted(records.map((r) => r.credentialType))) },
    years: { name: 'period', children: flat(years) },
    quarters: { name: 'period', children: quarters },
  };
}

export function dimensionsOf(
  table: TableDefinition,
  shared: ReturnType<typeof sharedDimensions>,
): Dimension[] {
  const period = table.quarters ? shared.quarters : shared.years;
  const dims: Dimension[] = [shared.country, period, shared.type];
  const codes = table.codes ?? (table.dataCodes ? shared[table.dataCodes] : undefined);
  if (codes) dims.push({ name: table.rowDimension, children: flat(codes) });
  return dims;
}

/** Every code of a dimension, ALL first, each parent before its children. */
export function codesOf(dimension: Dimension): string[] {
  const out: string[] = [];
  const visit = (code: string) => {
    out.push(code);
    for (const child of dimension.children.get(code) ?? []) visit(child);
  };
  visit(ALL);
  return out;
}

/** The codes a record counts under in a dimension: its own and every ancestor. */
function ancestry(dimension: Dimension, leaf: string): string[] {
  const parents = new Map<string, string>();
  for (const [parent, children] of dimension.children) {
    for (const child of children) parents.set(child, parent);
  }
  const out = [leaf];
  for (let code = parents.get(leaf); code !== undefined; code = parents.get(code)) out.push(code);
  return out;
}

function cartesian(lists: readonly (readonly string[])[]): string[][] {
  return lists.reduce<string[][]>(
    (acc, list) => acc.flatMap((prefix) => list.map((value) => [...prefix, value])),
    [[]],
  );
}

/** The cells of a table (every code combination), and its lines. */
export function tableStructure(dims: readonly Dimension[]): {
  cells: Coordinates[];
  lines: Coordinates[][];
} {
  const codes = dims.map(codesOf);
  const toCoordinates = (values: string[]) =>
    Object.fromEntries(dims.map((d, i) => [d.name, values[i]]));
  const cells = cartesian(codes).map(toCoordinates);
  const lines: Coordinates[][] = [];
  dims.forEach((dim, d) => {
    const others = codes.map((list, i) => (i === d ? [ALL] : list));
    for (const fixed of cartesian(others)) {
      for (const [parent, children] of dim.children) {
        const at = (code: string) => {
          const values = [...fixed];
          values[d] = code;
          return toCoordinates(values);
        };
        lines.push([...children.map(at), at(parent)]);
      }
    }
  });
  return { cells, lines };
}

/** The leaf code of a record in each of a table's dimensions. */
export function leavesOf(
  table: TableDefinition,
  dims: readonly Dimension[],
  record: CountedRecord,
): Record<string, string> {
  const rowCodes = dims.find((d) => d.name === table.rowDimension)?.children.get(ALL) ?? [];
  const period = table.quarters ? quarterOf(record.issuedMonth) : record.issuedMonth.slice(0, 4);
  const leaves: Record<string, string> = {
    country: record.issuerCountry,
    period,
    type: record.credentialType,
  };
  if (table.codeOf) leaves[table.rowDimension] = table.codeOf(record, rowCodes);
  return leaves;
}

/** Every cell key a record counts in, across a table's dimensions. */
export function keysOfRecord(
  table: TableDefinition,
  dims: readonly Dimension[],
  record: CountedRecord,
): string[] {
  const leaves = leavesOf(table, dims, record);
  const lists = dims.map((dim) => ancestry(dim, leaves[dim.name]));
  return cartesian(lists).map((values) =>
    cellKey(Object.fromEntries(dims.map((d, i) => [d.name, values[i]]))),
  );
}
