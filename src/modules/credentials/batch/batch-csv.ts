import { AppError, type FieldError } from '../../../common/errors/app-error.js';
import { isCredentialType, type CredentialType } from '../../../vc/schemas.js';
import { CsvSyntaxError, parseCsv } from './csv.js';

/** The most rows one batch may hold. */
export const MAX_BATCH_ROWS = 10_000;

type Json = Record<string, unknown>;

const DOCUMENT_FIELDS = ['Type', 'Country', 'Number'] as const;
const MAX_DOCUMENTS = 5;
const PLAIN_COLUMNS = ['type', 'format', 'validFrom', 'validUntil', 'givenNames', 'familyNames'];
/** The statistical annex, one `statistics.<field>` column each (see StatisticsAnnexDto). */
const STATISTICS_FIELDS = [
  'sex',
  'nationality',
  'migrationStatus',
  'ageBand',
  'disability',
  'ethnicity',
];
const REQUIRED_COLUMNS = [
  'type',
  'givenNames',
  'familyNames',
  'documentType',
  'documentCountry',
  'documentNumber',
];

/** `document` for the first document, `document2` … `document5` for the others. */
const documentPrefix = (n: number) => (n === 1 ? 'document' : `document${n}`);

function isKnownColumn(column: string): boolean {
  if (PLAIN_COLUMNS.includes(column) || column === 'subject') return true;
  if (STATISTICS_FIELDS.some((field) => column === `statistics.${field}`)) return true;
  if (/^subject(\.[A-Za-z0-9_]+)+$/.test(column)) return true;
  return Array.from({ length: MAX_DOCUMENTS }, (_, i) => documentPrefix(i + 1)).some((prefix) =>
    DOCUMENT_FIELDS.some((field) => column === `${prefix}${field}`),
  );
}

function deref(root: Json, schema: unknown): Json | undefined {
  let current = schema as Json | undefined;
  for (let hops = 0; typeof current?.$ref === 'string' && hops < 10; hops += 1) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) return undefined;
    current = ref
      .slice(2)
      .split('/')
      .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], root) as Json | undefined;
  }
  return current;
}

// The schema of the subject field at a dotted path (numeric segments index arrays).
function schemaAt(root: Json | undefined, path: string[]): Json | undefined {
  if (!root) return undefined;
  let schema = deref(root, (root.$defs as Json | undefined)?.credentialSubject);
  for (const segment of path) {
    if (!schema) return undefined;
    const property = (schema.properties as Json | undefined)?.[segment];
    if (property) schema = deref(root, property);
    else if (/^\d+$/.test(segment) && schema.items) schema = deref(root, schema.items);
    else return undefined;
  }
  return schema;
}

const typesOf = (schema: Json | undefined): unknown[] =>
  schema === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];

// A cell's text as the JSON value its schema expects; text that does not fit is left as it is
// for the schema validation to report.
function coerce(root: Json | undefined, schema: Json | undefined, raw: string): unknown {
  const types = typesOf(schema);
  const value = raw.trim();
  if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(value)) {
    return Number(value);
  }
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  if (types.includes('array')) {
    if (value.startsWith('[')) return parseJson(value) ?? raw;
    const items = root && schema ? deref(root, schema.items) : undefined;
    return value.split('|').map((item) => coerce(root, items, item));
  }
  if (types.includes('object')) return parseJson(value) ?? raw;
  return raw;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function setPath(target: Json, path: string[], value: unknown): void {
  let node: Json = target;
  path.forEach((segment, i) => {
    if (i === path.length - 1) {
      node[segment] = value;
      return;
    }
    if (typeof node[segment] !== 'object' || node[segment] === null) {
      node[segment] = /^\d+$/.test(path[i + 1]) ? [] : {};
    }
    node = node[segment] as Json;
  });
}

/**
 * Turns a CSV batch into rows shaped like the JSON batch items (`IssueCredentialDto`), to be
 * validated the same way. The column layout (header names, any order):
 *
 * - `type` (required), `format` (`di` | `jwt` | `openbadges-3.0`), `validFrom`, `validUntil` (ISO 8601);
 * - `givenNames`, `familyNames` (required);
 * - `documentType`, `documentCountry`, `documentNumber` (required): the document the credential
 *   names; `document2Type` … `document5Number`: more documents of the holder, optional;
 * - `subject`: the credentialSubject fields as one JSON object, and/or `subject.<path>`
 *   columns, one per field (`subject.isco08`, `subject.nationalLevel.level`,
 *   `subject.standards.0.code`): numeric segments index arrays, values take the type the schema
 *   gives the field (numbers, booleans; `a|b|c` for an array of texts; JSON for an object) and
 *   override the same field of the `subject` cell. Empty cells are left out;
 * - `statistics.sex`, `statistics.nationality`, `statistics.migrationStatus`,
 *   `statistics.ageBand`, `statistics.disability`, `statistics.ethnicity`: the optional
 *   statistical annex, never signed into the credential.
 *
 * @param schemas the JSON Schema documents by credential type, for typing `subject.*` cells.
 * @throws AppError INVALID_BATCH naming the line of a malformed record or an unknown or missing
 *   column; BATCH_TOO_LARGE over {@link MAX_BATCH_ROWS} rows.
 */
export function rowsFromCsv(text: string, schemas: ReadonlyMap<CredentialType, Json>): unknown[] {
  let table;
  try {
    table = parseCsv(text, MAX_BATCH_ROWS);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    // The row a malformed record would have been: every data line before it was read fine.
    const row = Math.max(0, countRecordsBefore(text, error.line));
    throw new AppError('INVALID_BATCH', `The CSV is malformed at line ${error.line}.`, {
      errors: [{ path: error.line === 1 ? 'header' : `rows.${row}`, message: error.message }],
    });
  }
  if (table.records.length > MAX_BATCH_ROWS) throw tooLarge();
  const errors: FieldError[] = [
    ...table.header
      .filter((column) => !isKnownColumn(column))
      .map((column) => ({ path: `columns.${column}`, message: 'is not a known column' })),
    ...REQUIRED_COLUMNS.filter((column) => !table.header.includes(column)).map((column) => ({
      path: `columns.${column}`,
      message: 'is required',
    })),
  ];
  if (errors.length > 0) {
    throw new AppError('INVALID_BATCH', 'The CSV header is not the documented layout.', {
      errors,
    });
  }
  return table.records.map((record, row) => {
    const cells = new Map(table.header.map((column, i) => [column, record.cells[i]]));
    const cell = (column: string) => {
      const value = cells.get(column);
      return value === undefined || value.trim() === '' ? undefined : value.trim();
    };
    const documents = Array.from({ length: MAX_DOCUMENTS }, (_, i) => documentPrefix(i + 1))
      .map((prefix, i) => ({
        first: i === 0,
        type: cell(`${prefix}Type`),
        country: cell(`${prefix}Country`),
        number: cell(`${prefix}Number`),
      }))
      .filter((doc) => doc.first || doc.type || doc.country || doc.number)
      .map(({ type, country, number }) => ({ type, country, number }));
    const subjectCell = cell('subject');
    const subject: unknown = subjectCell === undefined ? {} : parseJson(subjectCell);
    if (typeof subject !== 'object' || subject === null || Array.isArray(subject)) {
      throw new AppError('INVALID_BATCH', `Row ${row} (line ${record.line}) is invalid.`, {
        errors: [{ path: `rows.${row}.subject`, message: 'must be a JSON object' }],
      });
    }
    const type = cell('type');
    const schema = isCredentialType(type) ? schemas.get(type) : undefined;
    for (const [column, raw] of cells) {
      if (!column.startsWith('subject.') || raw.trim() === '') continue;
      const path = column.split('.').slice(1);
      setPath(subject as Json, path, coerce(schema, schemaAt(schema, path), raw));
    }
    const annex: Record<string, string> = {};
    for (const field of STATISTICS_FIELDS) {
      const value = cell(`statistics.${field}`);
      if (value !== undefined) annex[field] = value;
    }
    return {
      type,
      format: cell('format'),
      ...(Object.keys(annex).length > 0 ? { statistics: annex } : {}),
      validFrom: cell('validFrom'),
      validUntil: cell('validUntil'),
      holder: { documents, givenNames: cell('givenNames'), familyNames: cell('familyNames') },
      subject,
    };
  });
}

function countRecordsBefore(text: string, line: number): number {
  try {
    return parseCsv(
      text
        .split('\n')
        .slice(0, line - 1)
        .join('\n'),
    ).records.length;
  } catch {
    return line - 2;
  }
}

export function tooLarge(): AppError {
  return new AppError(
    'BATCH_TOO_LARGE',
    `A batch holds at most ${MAX_BATCH_ROWS.toLocaleString('en')} rows.`,
    {
      errors: [
        {
          path: `rows.${MAX_BATCH_ROWS}`,
          message: `is over the limit of ${MAX_BATCH_ROWS} rows`,
        },
      ],
    },
  );
}
