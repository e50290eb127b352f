/** A CSV line that cannot be read: where, and why. */
export class CsvSyntaxError extends Error {
  constructor(
    /** The 1-based line of the file where the record starts. */
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvRecord {
  /** The 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  header: string[];
  /** The data records, blank lines left out. */
  records: CsvRecord[];
  delimiter: ',' | ';';
}

/**
 * Reads CSV as RFC 4180 describes it: a header record, then records of as many cells; cells
 * quoted with `"` may hold the delimiter, line breaks and `""` for a quote. Lines end in LF or
 * CRLF; a UTF-8 BOM is ignored. The delimiter is `,`, or `;` when the header has a `;` and no
 * `,` (spreadsheets in Spanish and Portuguese locales save CSV so).
 *
 * @param maxRecords stops reading after this many data records (plus one, to tell a caller the
 *   file is over the limit) instead of reading a huge file to the end.
 * @throws CsvSyntaxError naming the line of an unterminated quote, text after a closing quote, or
 *   a record with another number of cells than the header.
 */
export function parseCsv(text: string, maxRecords = Number.POSITIVE_INFINITY): CsvTable {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = input.slice(0, input.search(/\r?\n|$/));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  const cellEnd = delimiter === ',' ? /[,\r\n]/g : /[;\r\n]/g;
  const records: CsvRecord[] = [];
  let header: string[] | undefined;
  let position = 0;
  let line = 1;

  while (position < input.length && records.length <= maxRecords) {
    const start = line;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let cell = '';
      if (input[position] === '"') {
        position += 1;
        for (;;) {
          const quote = input.indexOf('"', position);
          if (quote === -1) throw new CsvSyntaxError(start, 'a quoted cell is never closed');
          const chunk = input.slice(position, quote);
          cell += chunk;
          line += chunk.split('\n').length - 1;
          position = quote + 1;
          if (input[position] !== '"') break;
          cell += '"';
          position += 1;
        }
        const next = input[position];
        if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(line, 'text after the closing quote of a cell');
        }
      } else {
        cellEnd.lastIndex = position;
        const end = cellEnd.exec(input)?.index ?? input.length;
        cell = input.slice(position, end);
        if (cell.includes('"')) throw new CsvSyntaxError(line, 'a quote inside an unquoted cell');
        position += cell.length;
      }
      cells.push(cell);
      if (input[position] === delimiter) {
        position += 1;
      } else {
        if (input[position] === '\r') position += 1;
        if (input[position] === '\n') position += 1;
        else if (position < input.length) {
          throw new CsvSyntaxError(line, 'a carriage return that does not end the line');
        }
        line += 1;
        endOfRecord = true;
      }
    }
    if (cells.length === 1 && cells[0] === '') continue;
    if (!header) {
      header = cells.map((cell) => cell.trim());
    } else if (cells.length !== header.length) {
      throw new CsvSyntaxError(
        start,
        `${cells.length} cells where the header has ${header.length}`,
      );
    } else {
      records.push({ line: start, cells });
    }
  }
  if (!header) throw new CsvSyntaxError(1, 'no header line');
  return { header, records, delimiter };
}
