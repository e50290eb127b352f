import { join } from 'node:path';
import { AppError } from '../../../common/errors/app-error.js';
import { loadSchemas } from '../../../vc/schemas.js';
import { rowsFromCsv } from './batch-csv.js';
import { CsvSyntaxError, parseCsv } from './csv.js';

const schemas = loadSchemas(join(process.cwd(), 'schemas')).documents;

function refusal(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseCsv', () => {
  it('reads quoted cells with delimiters, quotes and line breaks, CRLF and a BOM', () => {
    const table = parseCsv('\uFEFFa,b,c\r\n1,"x, ""y""",3\r\n\r\n4,"two\nlines",6\r\n');
    expect(table).toEqual({
      header: ['a', 'b', 'c'],
      delimiter: ',',
      records: [
        { line: 2, cells: ['1', 'x, "y"', '3'] },
        { line: 4, cells: ['4', 'two\nlines', '6'] },
      ],
    });
  });

  it('reads `;` as the delimiter when the header uses it', () => {
    expect(parseCsv('a;b\n1,5;2\n').records).toEqual([{ line: 2, cells: ['1,5', '2'] }]);
  });

  it.each([
    ['an unclosed quote', 'a,b\n1,2\n3,"4\n5,6\n', 3],
    ['text after a closing quote', 'a,b\n1,"2"x\n', 2],
    ['a record with too many cells', 'a,b\n1,2\n3,4,5\n', 3],
    ['a record with too few cells', 'a,b\n1\n', 2],
  ])('names the line of %s', (_name, text, line) => {
    expect(() => parseCsv(text)).toThrow(CsvSyntaxError);
    try {
      parseCsv(text);
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(line);
    }
  });

  it('stops reading one record past the limit', () => {
    expect(parseCsv('a\n1\n2\n3\n4\n', 2).records).toHaveLength(3);
  });
});

describe('rowsFromCsv', () => {
  const header =
    'type,givenNames,familyNames,documentType,documentCountry,documentNumber,document2Type,document2Country,document2Number,subject,subject.nationalLevel.level,subject.unitsAchieved,subject.standards.0.code';

  it('builds the JSON batch item, typing subject cells by the schema', () => {
    const [row] = rowsFromCsv(
      `${header}\nCompetencyCertificationCredential,Ana,Demo,PPT,CO,X-1,,,,"{""isco08"":""5322"",""nationalLevel"":{""framework"":""CO-MNC"",""level"":1}}",3,u-1|u-2,299903010\n`,
      schemas,
    );
    expect(row).toEqual({
      type: 'CompetencyCertificationCredential',
      format: undefined,
      validFrom: undefined,
      validUntil: undefined,
      holder: {
        documents: [{ type: 'PPT', country: 'CO', number: 'X-1' }],
        givenNames: 'Ana',
        familyNames: 'Demo',
      },
      subject: {
        isco08: '5322',
        nationalLevel: { framework: 'CO-MNC', level: 3 },
        unitsAchieved: ['u-1', 'u-2'],
        standards: [{ code: '299903010' }],
      },
    });
  });

  it('refuses unknown and missing columns, naming them', () => {
    const error = refusal(() => rowsFromCsv('type,colour\nX,red\n', schemas));
    expect(error.code).toBe('INVALID_BATCH');
    expect(error.errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining(['columns.colour', 'columns.givenNames', 'columns.documentNumber']),
    );
  });

  it('refuses a subject cell that is not a JSON object, naming the row', () => {
    const line = 'CompetencyCertificationCredential,Ana,Demo,PPT,CO,X-1,,,,[1],,,';
    const error = refusal(() =>
      rowsFromCsv(`${header}\n${line}\n${line.replace('[1]', '')}`, schemas),
    );
    expect(error.errors).toEqual([{ path: 'rows.0.subject', message: 'must be a JSON object' }]);
  });

  it('names the row of a malformed line, and refuses more than 10,000 rows', () => {
    const line = 'CompetencyCertificationCredential,Ana,Demo,PPT,CO,X-1,,,,,,,';
    expect(refusal(() => rowsFromCsv(`${header}\n${line}\n${line},x\n`, schemas)).errors).toEqual([
      { path: 'rows.1', message: expect.stringMatching(/^line 3: 14 cells/) },
    ]);
    const big = [header, ...Array.from({ length: 10_001 }, () => line)].join('\n');
    expect(refusal(() => rowsFromCsv(big, schemas)).code).toBe('BATCH_TOO_LARGE');
  });
});
